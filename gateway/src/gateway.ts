import type { Server } from 'node:http';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  attestCaller,
  accessLog,
  DEV_SUBGRAPH_SECRET,
  graphqlMetricsPlugin,
  listen,
  maskInternalErrors,
  metricsHandler,
  noteCaller,
  parseChannel,
  requestIdOf,
  type Logger,
} from '@omni/platform';
import express from 'express';
import { authOptions, createAuthenticator, type AuthOptions, type Authenticator } from './auth';
import { consoleRouter, type ConsoleOptions } from './console';
import { DistinctRepresentationsDataSource, TimedDataSource, type GatewayContext } from './data-sources';
import { gatewayReadiness, type SubgraphReadiness } from './readiness';
import { gatewayEdge, type EdgeOptions } from './edge';
import { MergedCustomers, type CustomerDirectory } from './merged-customers';
import { DEFAULT_LIMITS, DEFAULT_MAX_REQUEST_BYTES, type QueryLimits } from './limits';
import { inboundEmailRouter } from './inbound-email';
import { oauthTokenRouter, type ApiClientDirectory } from './oauth';
import { rateLimitOptions } from './rate-limit';

export interface GatewayOptions extends EdgeOptions {
  supergraphSdl: string;
  dataSource: (name: string, url: string) => GraphQLDataSource<GatewayContext>;
  /** Which subgraphs can serve, for /readyz (see readiness.ts). */
  ready: SubgraphReadiness;
  log: Logger;
  port: number;
  host?: string;
  /** How bearer tokens are verified; default: the development key (with a warning). */
  auth?: AuthOptions;
  /** Signs the caller forwarded to subgraphs (SUBGRAPH_SECRET); default: the development secret. */
  subgraphSecret?: string;
  /** Maximum depth and cost of an operation; defaults 12 and 5000. */
  limits?: Partial<QueryLimits>;
  /** Largest accepted request body (REQUEST_MAX_BYTES); default 256 KiB. */
  maxRequestBytes?: number;
  /** Who a shopper's token names now (merged-away ids map to the survivor, see merged-customers.ts); none: the token as is. */
  customers?: CustomerDirectory;
  /** Partner API clients: `POST /oauth/token` is served when set and tokens are HS256 (oauth.ts). */
  apiClients?: ApiClientDirectory;
  /** Lifetime of a token from `POST /oauth/token` (OAUTH_TOKEN_TTL_SECONDS; default 900). */
  oauthTokenTtlSeconds?: number;
  /** Token requests per minute per client address (OAUTH_TOKEN_RATE_PER_MINUTE; default 60). */
  oauthTokenRatePerMinute?: number;
  /** Serve the console (apps/console/dist) at /console when it is built; unset: not served. */
  console?: ConsoleOptions;
}

export interface RunningGateway {
  url: string;
  /** The console's address when it is served. */
  consoleUrl?: string;
  apollo: ApolloServer<GatewayContext>;
  close(): Promise<void>;
}

function header(req: express.Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The context of one client request. The caller comes only from a verified bearer token (none:
 * anonymous; an invalid one fails the request with UNAUTHENTICATED before anything executes);
 * identity headers sent by the client (x-omni-caller...) are never read.
 */
export async function gatewayContext(
  req: express.Request,
  authenticate: Authenticator,
  subgraphSecret: string,
  merged?: MergedCustomers,
): Promise<GatewayContext> {
  const verified = await authenticate(header(req, 'authorization'));
  noteCaller(req.res, verified.subject);
  const channel = parseChannel(header(req, 'x-channel'));
  // The access log's id: the client's x-request-id when sane, else a new one.
  const requestId = requestIdOf(req);
  // A token of a merged-away customer acts as the survivor in every subgraph.
  const caller = merged ? await merged.resolve(verified, { channel, requestId }) : verified;
  return { info: { channel, requestId, caller: attestCaller(caller, subgraphSecret) } };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new TimedDataSource(name, new DistinctRepresentationsDataSource(options.dataSource(name, url ?? ''))),
  });
  const auth = options.auth ?? authOptions({}, options.log);
  const authenticate = createAuthenticator(auth);
  const subgraphSecret = options.subgraphSecret ?? DEV_SUBGRAPH_SECRET;
  const merged = options.customers ? new MergedCustomers(options.customers, options.log) : undefined;
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // CORS, token and rate limits, query limits, introspection (edge.ts).
  const edge = gatewayEdge(options, limits, options.log);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // No cache hints are used, so no cache-control plugin to compute them on every request.
    plugins: [...edge.plugins, graphqlMetricsPlugin<GatewayContext>('gateway'), ApolloServerPluginCacheControlDisabled()],
    introspection: edge.introspection,
    formatError: maskInternalErrors,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown: close HTTP, stop the relay, drain the bus, then the database.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  // Express hashes every body it sends for an ETag; no answer here is meant for revalidation.
  app.set('etag', false);
  app.use(accessLog(options.log));
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  // First after the access log: nearly every request is a GraphQL one, and no other route matches it.
  app.use(
    '/graphql',
    ...edge.beforeBody,
    express.json({ limit: maxRequestBytes }),
    ...edge.afterBody,
    expressMiddleware(apollo, {
      context: ({ req }) => edge.context(req, () => gatewayContext(req, authenticate, subgraphSecret, merged)),
    }),
  );
  // A body over the limit (or not JSON) is answered as GraphQL errors that say what was wrong.
  app.use(
    '/graphql',
    (error: { type?: string; status?: number }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (error.type === 'entity.too.large') {
        res.status(413).json({
          errors: [
            {
              message: `The request body exceeds the maximum of ${maxRequestBytes} bytes (REQUEST_MAX_BYTES)`,
              extensions: { code: 'REQUEST_TOO_LARGE' },
            },
          ],
        });
      } else if (error.type === 'entity.parse.failed') {
        res
          .status(400)
          .json({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      } else next(error);
    },
  );
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/metrics', metricsHandler);
  app.get('/readyz', async (req, res) => {
    const subgraphs = await options.ready().catch(() => ({}) as Record<string, boolean>);
    const ready = gatewayReadiness(subgraphs, req.query.strict !== undefined);
    const states = Object.fromEntries(Object.entries(subgraphs).map(([name, up]) => [name, up ? 'ready' : 'unavailable']));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', service: 'gateway', subgraphs: states });
  });
  if (options.apiClients && auth.signingSecret) {
    app.use(
      oauthTokenRouter({
        clients: options.apiClients,
        auth,
        ttlSeconds: options.oauthTokenTtlSeconds,
        ratePerMinute: options.oauthTokenRatePerMinute,
        trustedProxyHops: (options.rateLimit ?? rateLimitOptions(process.env)).trustedProxyHops,
        log: options.log,
      }),
    );
  }
  // POST /inbound/email: a raw e-mail from a provider's inbound hook (inbound-email.ts).
  app.use(
    inboundEmailRouter({
      apollo,
      context: (req) => edge.context(req, () => gatewayContext(req, authenticate, subgraphSecret, merged)),
      log: options.log,
    }),
  );
  const consoleApp = options.console ? consoleRouter(options.console, auth, options.log) : null;
  if (consoleApp) app.use(consoleApp);
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await listen(app, options.port, host);
  const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    url: `${origin}/graphql`,
    ...(consoleApp ? { consoleUrl: `${origin}/console/` } : {}),
    apollo,
    close: async () => {
      await closeServer(server);
      await apollo.stop();
      await edge.close();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
