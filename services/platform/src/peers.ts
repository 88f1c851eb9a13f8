import { GraphQLError } from 'graphql';
import { Agent } from 'undici';
import { attestCaller, requestHeaders, serviceCaller, type Caller, type RequestInfo, type ServiceContext } from './context';
import { DEV_SUBGRAPH_SECRET } from './identity';

/**
 * How one service asks another through its public subgraph API. In the embedded runtime the
 * call executes the peer's schema in-process; distributed, it is an HTTP POST to its URL.
 */
export interface PeerClient {
  request<T>(query: string, variables: Record<string, unknown>, info: RequestInfo): Promise<T>;
}

export class PeerError extends Error {
  constructor(
    readonly peer: string,
    readonly errors: readonly { message: string }[],
  ) {
    super(`${peer}: ${errors.map((e) => e.message).join('; ')}`);
    this.name = 'PeerError';
  }
}

/** The request a service is serving when it calls a peer. */
export type PeerCallOrigin = Pick<ServiceContext, 'service' | 'requestId' | 'channel'>;

export interface Peer {
  request<T>(query: string, variables: Record<string, unknown>, origin: PeerCallOrigin): Promise<T>;
}

/**
 * The services a service calls. A peer call is made as the calling service (role SERVICE, signed
 * with the subgraph secret), keeping the request id and channel of the request it serves.
 */
export class Peers {
  private readonly clients = new Map<string, PeerClient>();
  private readonly callers = new Map<string, Caller>();

  constructor(private readonly subgraphSecret = DEV_SUBGRAPH_SECRET) {}

  /** The calling service's identity, signed once. */
  private callerFor(service: string): Caller {
    let caller = this.callers.get(service);
    if (!caller) {
      caller = attestCaller(serviceCaller(service), this.subgraphSecret);
      this.callers.set(service, caller);
    }
    return caller;
  }

  register(name: string, client: PeerClient): void {
    this.clients.set(name, client);
  }

  get(name: string): Peer {
    const client = this.clients.get(name);
    if (!client) throw new Error(`no peer service "${name}" is configured`);
    return {
      request: <T>(query: string, variables: Record<string, unknown>, origin: PeerCallOrigin) =>
        client.request<T>(query, variables, {
          requestId: origin.requestId,
          channel: origin.channel,
          caller: this.callerFor(origin.service),
        }),
    };
  }
}

/**
 * One keep-alive pool per process for calls to peers: undici's `request`, which builds no WHATWG
 * Request, Headers, stream or AbortSignal per call as `fetch` does (that machinery cost a placed
 * order more CPU than the peers answering it).
 */
const peerAgent = new Agent({ keepAliveTimeout: 30_000, connections: 64 });

export class HttpPeerClient implements PeerClient {
  private readonly origin: string;
  private readonly path: string;

  constructor(
    private readonly name: string,
    url: string,
    private readonly timeoutMs = 10_000,
  ) {
    const target = new URL(url);
    this.origin = target.origin;
    this.path = `${target.pathname}${target.search}`;
  }

  async request<T>(query: string, variables: Record<string, unknown>, info: RequestInfo): Promise<T> {
    const response = await peerAgent.request({
      origin: this.origin,
      path: this.path,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...requestHeaders(info) },
      body: JSON.stringify({ query, variables }),
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    const json = (response.headers['content-type'] ?? '').includes('json');
    const body = (json ? await response.body.json() : (await response.body.dump(), {})) as {
      data?: T;
      errors?: { message: string }[];
    };
    if (body.errors?.length || !body.data) {
      throw new PeerError(this.name, body.errors ?? [{ message: `HTTP ${response.statusCode}` }]);
    }
    return body.data;
  }
}

/** Turns execution errors of an in-process call into the same PeerError as HTTP. */
export function peerResult<T>(name: string, result: { data?: unknown; errors?: readonly GraphQLError[] }): T {
  if (result.errors?.length || !result.data) {
    throw new PeerError(name, result.errors ?? [{ message: 'no data' }]);
  }
  return result.data as T;
}
