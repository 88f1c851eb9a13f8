import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { randomUUID } from 'node:crypto';
import {
  ANONYMOUS,
  maskInternalErrors,
  observeSubgraphFetch,
  requestHeaders,
  type RequestInfo,
  type RunningService,
  type ServiceContext,
} from '@omni/platform';
import { Kind, parse, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { Agent } from 'undici';
import { distinctRepresentations, expandEntities } from './representations';

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

/**
 * One keep-alive connection pool per subgraph, bounded, shared by all requests. A fetch that takes
 * longer than the timeouts counts as the subgraph not answering.
 */
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 64, headersTimeout: 30_000, bodyTimeout: 30_000 });

/**
 * Calls a subgraph over HTTP, forwarding the channel, request id and verified caller (signed, see
 * attestCaller): undici's pooled `request`, which builds no WHATWG Request, Headers or stream
 * objects per call (Apollo's RemoteGraphQLDataSource goes through `fetch`, which costs the gateway
 * more CPU than the subgraph answering). Nothing a client sent is forwarded, only what
 * `requestHeaders` builds.
 */
export class ForwardingDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly origin: string;
  private readonly path: string;

  constructor(url: string) {
    const target = new URL(url);
    this.origin = target.origin;
    this.path = `${target.pathname}${target.search}`;
  }

  /**
   * A fetch that fails as a whole (the subgraph refuses the connection, times out or answers
   * HTTP 5xx) answers instead with SERVICE_UNAVAILABLE on each field it was to resolve, so the
   * client sees which fields are missing, and the gateway nulls only those (see unavailable()).
   */
  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayResponse> {
    const { request } = options;
    const context = ('context' in options ? options.context : undefined) as GatewayContext | undefined;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(context?.info ? requestHeaders(context.info) : {}),
    };
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      ...(request.operationName ? { operationName: request.operationName } : {}),
    });
    try {
      const response = await agent.request({ origin: this.origin, path: this.path, method: 'POST', headers, body });
      if (response.statusCode >= 500 || !(response.headers['content-type'] ?? '').includes('json')) {
        await response.body.dump();
        return unavailable(options);
      }
      // 2xx, or 4xx with the subgraph's errors (a variable it could not accept): passed on as they are.
      const answer = (await response.body.json()) as GatewayResponse | null;
      if (response.statusCode >= 300 && !answer?.errors?.length) return unavailable(options);
      return answer && typeof answer === 'object' ? answer : unavailable(options);
    } catch {
      return unavailable(options);
    }
  }
}

/** The code of a field whose subgraph did not answer: retrying may succeed. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/**
 * The response of a fetch that got none: no data, and an error per field the fetch selected.
 * Apollo gateway puts a thrown fetch error into the response as is, without a path (so masked as
 * one INTERNAL_SERVER_ERROR that names nothing). An error with a path is placed by the gateway:
 * a root field's at the field, an entity fetch's `['_entities', i, field]` at that field of the
 * i-th entity in the client's response (`customer.orders`, `customer.orders.edges.0.node.lines.1.variant.product`).
 */
export function unavailable(options: GraphQLDataSourceProcessOptions<GatewayContext>): GatewayResponse {
  const { request } = options;
  const document = ('document' in options && options.document) || parse(request.query ?? '{ __typename }');
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const error = (path: (string | number)[]): GraphQLFormattedError => ({
    message: 'A service this field needs is unavailable; try again later.',
    path,
    extensions: { code: SERVICE_UNAVAILABLE },
  });
  if (!operation) return { data: null, errors: [error([])] };
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (entities?.kind !== Kind.FIELD || !entities.selectionSet) {
    return { data: null, errors: responseNames(document, operation.selectionSet, null).map((name) => error([name])) };
  }
  const representations = (request.variables?.representations ?? []) as { __typename?: string }[];
  const errors = representations.flatMap((representation, i) =>
    responseNames(document, entities.selectionSet!, representation.__typename ?? null).map((name) =>
      error(['_entities', i, name]),
    ),
  );
  return { data: null, errors };
}

/** The fields a selection set asks of an object of `typename` (through fragments), `__typename` aside. */
function responseNames(document: DocumentNode, selectionSet: SelectionSetNode, typename: string | null): string[] {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') names.add(selection.alias?.value ?? selection.name.value);
        continue;
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection
          : document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (!fragment || (fragment.kind !== Kind.INLINE_FRAGMENT && fragment.kind !== Kind.FRAGMENT_DEFINITION)) continue;
      const condition = fragment.typeCondition?.name.value;
      if (!condition || typename === null || condition === typename) visit(fragment.selectionSet);
    }
  };
  visit(selectionSet);
  return [...names];
}

/** An entity fetch's operation: `query …($representations: [_Any!]!) { _entities(…) { … } }`. */
const ENTITY_FETCH = /^[^{]*\{\s*_entities\b/;

/**
 * Sends a subgraph each distinct representation of an entity fetch once and answers the gateway as
 * if every one had been sent: the gateway does not de-duplicate them, and a page of orders names
 * the same variants and locations many times. The gateway reads `_entities` and the errors' paths
 * by the position of the representations it built, and expandEntities keeps those positions.
 */
export class DistinctRepresentationsDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly inner: GraphQLDataSource<GatewayContext>) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayResponse> {
    const { request } = options;
    const representations = request.variables?.representations;
    if (!Array.isArray(representations) || representations.length < 2 || !ENTITY_FETCH.test(request.query ?? '')) {
      return this.inner.process(options);
    }
    const { distinct, at } = distinctRepresentations(representations);
    if (distinct.length === representations.length) return this.inner.process(options);
    const variables = { ...request.variables, representations: distinct };
    return expandEntities(await this.inner.process({ ...options, request: { ...request, variables } }), at);
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
