import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { randomUUID } from 'node:crypto';
import {
  ANONYMOUS,
  HEADERS,
  maskInternalErrors,
  observeSubgraphFetch,
  requestHeaders,
  type RequestInfo,
  type RunningService,
  type ServiceContext,
} from '@omni/platform';
import { Agent, fetch as undiciFetch } from 'undici';

/** What the gateway knows of a request, and hands to every subgraph. */
export interface GatewayContext {
  info: RequestInfo;
}

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/**
 * Runs a subgraph's schema inside the gateway's process. One subgraph context (and so one set
 * of DataLoaders) serves every fetch the query plan makes to that subgraph in one request.
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly contexts = new WeakMap<GatewayContext, ServiceContext>();

  constructor(private readonly service: RunningService) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayResponse> {
    const gatewayContext = ('context' in options ? options.context : undefined) as GatewayContext | undefined;
    const info = gatewayContext?.info ?? { channel: null, requestId: randomUUID(), caller: ANONYMOUS };
    let context = gatewayContext ? this.contexts.get(gatewayContext) : undefined;
    if (!context) {
      context = this.service.context(info);
      if (gatewayContext) this.contexts.set(gatewayContext, context);
    }
    const { request } = options;
    const result = await this.service.execute(request.query!, request.variables, context, request.operationName);
    const errors = result.errors?.map((error) => {
      const formatted = maskInternalErrors(error.toJSON(), error);
      if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
        this.service.log.error({ err: error.originalError ?? error, path: error.path }, 'resolver failed');
      }
      return formatted;
    });
    return { data: result.data as Record<string, unknown> | null | undefined, ...(errors ? { errors } : {}) };
  }
}

/** One keep-alive connection pool per subgraph, bounded, shared by all requests. */
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 64 });

/** Calls a subgraph over HTTP, forwarding the channel, request id and verified caller (signed, see attestCaller). */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string) {
    super({
      url,
      fetcher: ((input: string, init?: Parameters<typeof undiciFetch>[1]) =>
        undiciFetch(input, { ...init, dispatcher: agent })) as never,
    });
  }

  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (!request.http) return;
    // Only the gateway's own signed identity goes out, never anything a client sent.
    request.http.headers.delete(HEADERS.caller);
    request.http.headers.delete(HEADERS.callerSignature);
    if (!context?.info) return;
    for (const [name, value] of Object.entries(requestHeaders(context.info))) request.http.headers.set(name, value);
  }
}

/** Times every fetch the gateway makes to a subgraph (`gateway_subgraph_fetch_duration_seconds`). */
export class TimedDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    private readonly inner: GraphQLDataSource<GatewayContext>,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayResponse> {
    const started = performance.now();
    let ok = false;
    try {
      const response = await this.inner.process(options);
      ok = !response.errors?.length;
      return response;
    } finally {
      observeSubgraphFetch(this.subgraph, (performance.now() - started) / 1000, ok);
    }
  }
}
