import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { accessLog, noteCaller, requestIdOf } from './access-log';
import { requestInfoFromHeaders, type ServiceContext } from './context';
import { DEV_SUBGRAPH_SECRET } from './identity';
import { graphqlMetricsPlugin, metricsHandler } from './metrics';
import { HEALTH_PATHS } from './processes';
import { startService, type RunningService, type ServiceDefinition, type ServiceOptions } from './service';

export interface HttpEndpoint {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Never show a caller a stack trace or an internal message; log it instead. */
export function maskInternalErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const mistake = code === 'INTERNAL_SERVER_ERROR' || code === undefined ? databaseRefusal(error) : null;
  if (mistake) return { message: mistake, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  // Neither stack traces nor which internal subgraph answered (the gateway adds serviceName).
  const { stacktrace: _omit, serviceName: _internal, ...extensions } = formatted.extensions ?? {};
  void error;
  return { ...formatted, extensions };
}

/**
 * PostgreSQL's data exceptions that only a caller's value can cause (too long for its column, not
 * a uuid, a date out of range): a last line behind each command's own validation, so a field the
 * validation missed answers BAD_USER_INPUT instead of an internal error. Nothing was written: the
 * statement failed, and its transaction with it.
 */
const CALLER_VALUE_REFUSALS: Record<string, string> = {
  '22001': 'a value is longer than its field allows',
  '22003': 'a number is out of range for its field',
  '22007': 'a value is not a valid date or time',
  '22008': 'a date or time is out of range',
  '22021': 'a value holds a character its field cannot keep',
  '22P02': 'a value is not valid for its field (an id, number or date in the wrong form)',
  '22P05': 'a value holds a character its field cannot keep',
};

function databaseRefusal(error: unknown): string | null {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; depth++) {
    const driverCode = (cause as { driverError?: { code?: unknown } }).driverError?.code;
    if (typeof driverCode === 'string' && CALLER_VALUE_REFUSALS[driverCode]) return CALLER_VALUE_REFUSALS[driverCode]!;
    cause = (cause as { originalError?: unknown; cause?: unknown }).originalError ?? (cause as { cause?: unknown }).cause;
  }
  return null;
}

export async function listen(app: express.Express, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) reject(error);
      else resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

export interface ServeOptions {
  /**
   * The secret the gateway signs the caller with (SUBGRAPH_SECRET). A request whose caller
   * header is missing or not signed with it is served as anonymous. Default: the public
   * development secret of the embedded mode.
   */
  subgraphSecret?: string;
}

/** Serves one subgraph over HTTP: POST /graphql, GET /healthz (alive), /readyz (database answers, bus connected), /metrics. */
export async function serveSubgraph(
  service: RunningService,
  port: number,
  host = '127.0.0.1',
  options: ServeOptions = {},
): Promise<HttpEndpoint> {
  const secret = options.subgraphSecret ?? DEV_SUBGRAPH_SECRET;
  const logErrors: ApolloServerPlugin<ServiceContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!error.extensions?.code || error.extensions.code === 'INTERNAL_SERVER_ERROR') {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'resolver failed');
            }
          }
        },
      };
    },
  };
  const apollo = new ApolloServer<ServiceContext>({
    schema: service.schema,
    // No cache hints are used: without the cache-control plugin Apollo does not wrap every field's resolver.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      logErrors,
      graphqlMetricsPlugin<ServiceContext>(service.name),
    ],
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
  app.use(accessLog(service.log));
  app.get(HEALTH_PATHS.live, (_req, res) => {
    res.json({ status: 'ok', service: service.name });
  });
  app.get(HEALTH_PATHS.ready, async (_req, res) => {
    const { ready, checks } = await service.readiness();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', service: service.name, checks });
  });
  app.get('/metrics', metricsHandler);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const info = requestInfoFromHeaders(req.headers, secret);
        noteCaller(res, info.caller.subject);
        // The access log's id: the gateway's x-request-id, so both processes log the same.
        return service.context({ ...info, requestId: requestIdOf(req) });
      },
    }),
  );
  const { server, port: actual } = await listen(app, port, host);
  return {
    url: `http://${host}:${actual}/graphql`,
    port: actual,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

/** One subgraph up and serving: its database migrated, its relay and consumers running, its HTTP endpoint open. */
export async function bootSubgraph(
  definition: ServiceDefinition,
  options: ServiceOptions & ServeOptions & { port: number; host?: string },
): Promise<{ service: RunningService; endpoint: HttpEndpoint }> {
  const service = await startService(definition, options);
  try {
    return { service, endpoint: await serveSubgraph(service, options.port, options.host, options) };
  } catch (error) {
    await service.close();
    throw error;
  }
}
