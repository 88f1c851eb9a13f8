import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Channel, parseChannel } from './channel';
import type { Logger } from './logger';
import type { Peers } from './peers';

/** Who is calling, as verified by the gateway. */
export interface Caller {
  subject: string | null;
  roles: string[];
  customerId: string | null;
  locationId: string | null;
  partnerId: string | null;
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
    };
  } catch {
    return ANONYMOUS;
  }
}

export function encodeCaller(caller: Caller): string {
  return Buffer.from(JSON.stringify(caller)).toString('base64url');
}

export interface RequestInfo {
  channel: Channel | null;
  requestId: string;
  caller: Caller;
}

export function requestInfoFromHeaders(headers: HeaderBag): RequestInfo {
  return {
    channel: parseChannel(header(headers, HEADERS.channel)),
    requestId: header(headers, HEADERS.requestId) ?? randomUUID(),
    caller: decodeCaller(header(headers, HEADERS.caller)),
  };
}

export function requestHeaders(info: RequestInfo): Record<string, string> {
  const headers: Record<string, string> = { [HEADERS.requestId]: info.requestId };
  if (info.channel) headers[HEADERS.channel] = info.channel;
  if (info.caller !== ANONYMOUS) headers[HEADERS.caller] = encodeCaller(info.caller);
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
