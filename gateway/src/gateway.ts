import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ANONYMOUS, listen, maskInternalErrors, parseChannel, type Logger } from '@omni/platform';
import express from 'express';
import type { GatewayContext } from './data-sources';

export interface GatewayOptions {
  supergraphSdl: string;
  dataSource: (name: string, url: string) => GraphQLDataSource<GatewayContext>;
  /** Answers /readyz: true when every subgraph can serve. */
  ready: () => Promise<boolean>;
  log: Logger;
  port: number;
  host?: string;
}

export interface RunningGateway {
  url: string;
  apollo: ApolloServer<GatewayContext>;
  close(): Promise<void>;
}

function header(req: express.Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The context of one client request. Identity headers sent by the client are never trusted. */
export function gatewayContext(req: express.Request): GatewayContext {
  return {
    info: {
      channel: parseChannel(header(req, 'x-channel')),
      requestId: header(req, 'x-request-id') ?? randomUUID(),
      caller: ANONYMOUS,
    },
  };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => options.dataSource(name, url ?? ''),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskInternalErrors,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown: close HTTP, stop the relay, drain the bus, then the database.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await options.ready().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', service: 'gateway' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, { context: async ({ req }) => gatewayContext(req) }),
  );
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await listen(app, options.port, host);
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`,
    apollo,
    close: async () => {
      await closeServer(server);
      await apollo.stop();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
