import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Channel, parseChannel } from './channel';
import type { Logger } from './logger';
import { signCallerValue, verifyCallerValue } from './identity';
import type { Peers } from './peers';

/** Who is calling, as verified by the gateway. */
export interface Caller {
  subject: string | null;
  roles: string[];
  customerId: string | null;
  locationId: string | null;
  partnerId: string | null;
  /**
   * Customer ids merged into `customerId` that this caller's token named: the gateway maps a
   * token of a merged-away customer to the survivor (gateway/src/merged-customers.ts) and keeps
   * the id the shopper's app knows here, so an input naming it is still theirs. Absent otherwise.
   */
  mergedCustomerIds?: string[];
  /**
   * What an API client's token may do (`orders:write`, `webhooks:manage`...; the token's `scope`
   * claim, see gateway/src/oauth.ts). Absent: the role's full rights (a token from another issuer).
   * Scopes only narrow a role (`requireScope`), never widen it.
   */
  scopes?: string[];
}

export const ANONYMOUS: Caller = Object.freeze({
  subject: null,
  roles: [],
  customerId: null,
  locationId: null,
  partnerId: null,
}) as Caller;

/** Headers the gateway sets on every subgraph request. */
export const HEADERS = {
  channel: 'x-channel',
  requestId: 'x-request-id',
  caller: 'x-omni-caller',
  /** HMAC-SHA256 of the caller header with SUBGRAPH_SECRET (see identity.ts). */
  callerSignature: 'x-omni-caller-signature',
} as const;

/** Per-request state every resolver receives. */
export interface ServiceContext {
  service: string;
  requestId: string;
  channel: Channel | null;
  caller: Caller;
  db: DataSource;
  peers: Peers;
  log: Logger;
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function decodeCaller(value: string | undefined): Caller {
  if (!value) return ANONYMOUS;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Caller>;
    return {
      subject: parsed.subject ?? null,
      roles: Array.isArray(parsed.roles) ? parsed.roles.map(String) : [],
      customerId: parsed.customerId ?? null,
      locationId: parsed.locationId ?? null,
      partnerId: parsed.partnerId ?? null,
      ...(Array.isArray(parsed.mergedCustomerIds) ? { mergedCustomerIds: parsed.mergedCustomerIds.map(String) } : {}),
      ...(Array.isArray(parsed.scopes) ? { scopes: parsed.scopes.map(String) } : {}),
    };
  } catch {
    return ANONYMOUS;
  }
}

const serviceCallers = new Map<string, Caller>();

/**
 * The identity a service calls its peers with (role SERVICE). The calling service has already
 * checked its own caller; the peer trusts it because only services hold the subgraph secret.
 */
export function serviceCaller(service: string): Caller {
  let caller = serviceCallers.get(service);
  if (!caller) {
    caller = Object.freeze({
      subject: `service:${service}`,
      roles: ['SERVICE'],
      customerId: null,
      locationId: null,
      partnerId: null,
    });
    serviceCallers.set(service, caller);
  }
  return caller;
}

export function encodeCaller(caller: Caller): string {
  return Buffer.from(JSON.stringify(caller)).toString('base64url');
}

export interface RequestInfo {
  channel: Channel | null;
  requestId: string;
  caller: Caller;
}

/**
 * The callers this process may forward, with the secret that signs them: the gateway's for the
 * caller it authenticated, a subgraph's for a caller whose signature it verified (so its peer
 * calls pass the same identity on). A caller not in here is forwarded as anonymous.
 */
const attested = new WeakMap<Caller, { value: string; secret: string }>();

/**
 * Marks `caller` as verified: headers built for it carry its identity signed with `secret`. A
 * caller is never changed once made, so one attested before (a remembered token's) is not encoded again.
 */
export function attestCaller(caller: Caller, secret: string): Caller {
  if (caller === ANONYMOUS || attested.get(caller)?.secret === secret) return caller;
  attested.set(caller, { value: encodeCaller(caller), secret });
  return caller;
}

/**
 * The request info of a subgraph request. The caller is taken from `x-omni-caller` only when
 * `x-omni-caller-signature` verifies under `subgraphSecret`; otherwise the request is anonymous.
 */
export function requestInfoFromHeaders(headers: HeaderBag, subgraphSecret: string): RequestInfo {
  const value = header(headers, HEADERS.caller);
  const requestId = header(headers, HEADERS.requestId);
  let caller = ANONYMOUS;
  if (verifyCallerValue(value, requestId, header(headers, HEADERS.callerSignature), subgraphSecret)) {
    caller = decodeCaller(value);
    if (caller !== ANONYMOUS) attested.set(caller, { value: value!, secret: subgraphSecret });
  }
  return {
    channel: parseChannel(header(headers, HEADERS.channel)),
    requestId: requestId ?? randomUUID(),
    caller,
  };
}

/**
 * How long the headers made for one request are reused for its further subgraph calls: the
 * signature is then still good for most of its CALLER_SIGNATURE_TTL_SECONDS.
 */
const HEADERS_REUSE_MS = 10_000;
const madeHeaders = new WeakMap<RequestInfo, { headers: Readonly<Record<string, string>>; signed: unknown; until: number }>();

/**
 * Headers for a subgraph request on behalf of `info`: the caller only when attested. A query plan
 * calls several subgraphs for one request (one `info`): the caller is signed once for all of them.
 */
export function requestHeaders(info: RequestInfo): Readonly<Record<string, string>> {
  const now = Date.now();
  const signed = attested.get(info.caller);
  const made = madeHeaders.get(info);
  if (made && made.signed === signed && made.until > now) return made.headers;
  const headers: Record<string, string> = { [HEADERS.requestId]: info.requestId };
  if (info.channel) headers[HEADERS.channel] = info.channel;
  if (signed) {
    headers[HEADERS.caller] = signed.value;
    headers[HEADERS.callerSignature] = signCallerValue(signed.value, info.requestId, signed.secret, now);
  }
  madeHeaders.set(info, { headers: Object.freeze(headers), signed, until: now + HEADERS_REUSE_MS });
  return headers;
}

/**
 * Declares a per-request DataLoader. `load(ctx)` returns the request's instance, created on
 * first use, so every resolver in one request shares one batch and one cache.
 */
export function defineLoader<K, V, C = K>(
  name: string,
  create: (ctx: ServiceContext) => DataLoader<K, V, C>,
): (ctx: ServiceContext) => DataLoader<K, V, C> {
  return (ctx) => {
    let loader = ctx.loaders.get(name) as DataLoader<K, V, C> | undefined;
    if (!loader) {
      loader = create(ctx);
      ctx.loaders.set(name, loader as unknown as DataLoader<unknown, unknown>);
    }
    return loader;
  };
}
