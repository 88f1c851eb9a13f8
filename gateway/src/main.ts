// First: OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT) must start before http, pg and graphql load.
import '@omni/platform/dist/instrument';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  createLogger,
  DEV_SUBGRAPH_SECRET,
  env,
  exitOnConfigError,
  flushTelemetry,
  HttpPeerClient,
  MIN_SECRET_LENGTH,
  Peers,
  readConfig,
} from '@omni/platform';
import { authOptions, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './auth';
import { GatewayClient } from './client';
import type { ConsoleOptions } from './console';
import { ForwardingDataSource } from './data-sources';
import { startGateway } from './gateway';
import { crmDirectory } from './merged-customers';
import { DEFAULT_OAUTH_TOKEN_RATE_PER_MINUTE, DEFAULT_OAUTH_TOKEN_TTL_SECONDS, ordersApiClients } from './oauth';
import {
  DEFAULT_LIST_SIZE,
  DEFAULT_MAX_ALIASES,
  DEFAULT_MAX_COST,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_PAGE_SIZE,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_MAX_TOKENS,
} from './limits';
import { probeSubgraphs } from './readiness';
import { isSeeded, seedDemoRetailer } from './seed';
import { issueToken } from './token';
import { distributedEndpoints, GATEWAY_PORT, SERVICES, urlVariable } from './services';
import { startSystem, SUPERGRAPH_PATH } from './system';

const EXAMPLE_QUERY = (customerId: string) => `query Customer360 {
  customer(id: "${customerId}") {
    firstName lastName email channels
    identities { kind value channel }
    orders(first: 5) { totalCount edges { node { number channel status total { cents currency }
      lines { sku quantity variant { product { name } price(channel: WEB) { cents } availability { totalAvailable } } } } } }
    loyalty { cardNumber tier pointsBalance }
  }
}`;

const config = {
  PORT: env.port(GATEWAY_PORT),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: env.url(['postgres', 'postgresql']).optional(),
  DATA_DIR: z.string().default('./data'),
  NATS_URL: env.url(['nats']).optional(),
  SEED: z.enum(['true', 'false']).default('true'),
  /** Also serve each subgraph on its own port (4001-4005), to call one directly. */
  SUBGRAPH_PORTS: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: env.logLevel(),
  /** Bearer tokens: exactly one key source (none: the development key, with a warning). */
  AUTH_JWKS_URL: env.url(['http', 'https']).optional(),
  AUTH_PUBLIC_KEY: z.string().optional(),
  AUTH_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: env.positiveInt(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
  AUTH_ALGORITHMS: z.string().optional(),
  /** Signs the caller forwarded to the subgraphs; the subgraphs must share it. */
  SUBGRAPH_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  /** Embedded only: signs and verifies the events of the services in this process (none: the development secret). */
  EVENT_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  QUERY_MAX_DEPTH: env.positiveInt(DEFAULT_MAX_DEPTH),
  QUERY_MAX_COST: env.positiveInt(DEFAULT_MAX_COST),
  QUERY_MAX_PAGE_SIZE: env.positiveInt(DEFAULT_MAX_PAGE_SIZE),
  QUERY_MAX_ALIASES: env.positiveInt(DEFAULT_MAX_ALIASES),
  QUERY_MAX_TOKENS: env.positiveInt(DEFAULT_MAX_TOKENS),
  QUERY_LIST_SIZE: env.positiveInt(DEFAULT_LIST_SIZE),
  REQUEST_MAX_BYTES: env.positiveInt(DEFAULT_MAX_REQUEST_BYTES),
  /** Lifetime of the partner tokens POST /oauth/token signs. */
  OAUTH_TOKEN_TTL_SECONDS: env.positiveInt(DEFAULT_OAUTH_TOKEN_TTL_SECONDS),
  /** POST /oauth/token requests per minute from one client address. */
  OAUTH_TOKEN_RATE_PER_MINUTE: env.positiveInt(DEFAULT_OAUTH_TOKEN_RATE_PER_MINUTE),
  /** The console at /console (when built): `false` does not serve it. */
  CONSOLE: z.enum(['true', 'false']).default('true'),
  /** The console signs in with OpenID Connect (authorization code with PKCE) at this issuer, as this client. */
  CONSOLE_OIDC_ISSUER: env.url(['http', 'https']).optional(),
  CONSOLE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  CONSOLE_OIDC_SCOPE: z.string().min(1).optional(),
  ...Object.fromEntries(SERVICES.map(({ definition }) => [urlVariable(definition.name), env.url(['http', 'https']).optional()])),
};

/**
 * CRM (merged customers' tokens) and orders (API clients' credentials) as the gateway's peers,
 * over HTTP and signed like a service's call.
 */
function gatewayPeers(endpoints: Map<string, string>, subgraphSecret: string): Peers {
  const peers = new Peers(subgraphSecret);
  for (const name of ['crm', 'orders']) peers.register(name, new HttpPeerClient(name, endpoints.get(name)!));
  return peers;
}

/**
 * Starts the gateway. With no <SERVICE>_URL set, all five subgraphs run inside this process
 * (the embedded default); with every one set, the gateway alone routes to those processes.
 */
async function main(): Promise<void> {
  const settings = readConfig(config) as Record<string, string | undefined> & z.infer<z.ZodObject<typeof config>>;
  const log = createLogger('gateway', settings.LOG_LEVEL);
  const endpoints = distributedEndpoints(settings);
  if (!endpoints && !settings.SUBGRAPH_SECRET) {
    log.warn('SUBGRAPH_SECRET is not set: the caller is signed for the subgraphs with the public development secret');
  }
  const auth = authOptions(settings, log);
  const consoleOptions: ConsoleOptions | undefined =
    settings.CONSOLE === 'true'
      ? {
          oidc:
            settings.CONSOLE_OIDC_ISSUER && settings.CONSOLE_OIDC_CLIENT_ID
              ? {
                  issuer: settings.CONSOLE_OIDC_ISSUER,
                  clientId: settings.CONSOLE_OIDC_CLIENT_ID,
                  scope: settings.CONSOLE_OIDC_SCOPE,
                }
              : undefined,
        }
      : undefined;
  const security = {
    auth,
    subgraphSecret: settings.SUBGRAPH_SECRET ?? DEV_SUBGRAPH_SECRET,
    limits: {
      maxDepth: settings.QUERY_MAX_DEPTH,
      maxCost: settings.QUERY_MAX_COST,
      maxPageSize: settings.QUERY_MAX_PAGE_SIZE,
      maxAliases: settings.QUERY_MAX_ALIASES,
      maxTokens: settings.QUERY_MAX_TOKENS,
      listSize: settings.QUERY_LIST_SIZE,
    },
    maxRequestBytes: settings.REQUEST_MAX_BYTES,
    console: consoleOptions,
  };
  if (endpoints) {
    const peers = gatewayPeers(endpoints, security.subgraphSecret);
    const gateway = await startGateway({
      // CORS_ORIGINS, INTROSPECTION and the rate limits default to closed (edge.ts).
      mode: 'distributed',
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      dataSource: (name) => new ForwardingDataSource(endpoints.get(name)!),
      ready: probeSubgraphs(endpoints),
      customers: crmDirectory(peers),
      apiClients: ordersApiClients(peers),
      oauthTokenTtlSeconds: settings.OAUTH_TOKEN_TTL_SECONDS,
      oauthTokenRatePerMinute: settings.OAUTH_TOKEN_RATE_PER_MINUTE,
      log,
      port: settings.PORT,
      host: settings.HOST,
      ...security,
    });
    log.info({ url: gateway.url, console: gateway.consoleUrl }, 'gateway ready (distributed)');
    onShutdown(() => gateway.close());
    return;
  }

  if (settings.NATS_URL && !settings.EVENT_SECRET) {
    log.warn('EVENT_SECRET is not set: events on NATS are signed with the public development secret');
  }
  const system = await startSystem({
    databaseUrl: settings.DATABASE_URL,
    dataDir: settings.DATA_DIR,
    natsUrl: settings.NATS_URL,
    eventSecret: settings.EVENT_SECRET,
    gatewayPort: settings.PORT,
    host: settings.HOST,
    subgraphPorts: settings.SUBGRAPH_PORTS === 'true' ? 'default' : null,
    transport: 'in-process',
    log,
    oauthTokenTtlSeconds: settings.OAUTH_TOKEN_TTL_SECONDS,
    oauthTokenRatePerMinute: settings.OAUTH_TOKEN_RATE_PER_MINUTE,
    ...security,
  });
  onShutdown(() => system.close());
  if (!auth.development) {
    // The demo seed and the example need tokens this process can only sign with the development key.
    log.info({ url: system.gateway.url, console: system.gateway.consoleUrl }, 'gateway ready; AUTH_* is set, so no demo seed');
    return;
  }
  // A contact-center agent of the demo retailer (development key, 12 hours).
  const token = await issueToken({ roles: ['ADMIN', 'CSR'], subject: 'demo-back-office', ttlSeconds: 12 * 3600 });
  const client = new GatewayClient(system.gateway.url, { 'x-channel': 'WEB', authorization: `Bearer ${token}` });
  if (settings.SEED === 'true' && !(await isSeeded(client))) {
    const seeded = await seedDemoRetailer(client);
    log.info({ orders: seeded.orderNumbers }, 'demo retailer seeded');
  }
  const lookup = await client.request<{ customerLookup: { id: string } | null }>(
    'query DemoCustomer { customerLookup(email: "ada.lovelace@example.com") { id } }',
  );
  const example = lookup.customerLookup ? EXAMPLE_QUERY(lookup.customerLookup.id) : '{ locations { id name type } }';
  process.stdout.write(
    `\nGateway ready at ${system.gateway.url}\n` +
      (system.gateway.consoleUrl
        ? `Console ready at ${system.gateway.consoleUrl} (sign in as a contact-center agent, a store associate or an admin)\n`
        : '') +
      `\nTry it as a contact-center agent (a development token, valid 12 hours; ` +
      `make others with pnpm dev-token --role <ROLE>):\n\n` +
      `curl -s ${system.gateway.url} -H 'content-type: application/json' -H 'x-channel: WEB' \\\n` +
      `  -H 'authorization: Bearer ${token}' \\\n` +
      `  --data '${JSON.stringify({ query: example.replace(/\s+/g, ' ') })}'\n\nor paste this into any GraphQL client ` +
      `with that authorization header:\n\n${example}\n\n`,
  );
}

function onShutdown(close: () => Promise<void>): void {
  const stop = () => {
    // Close, send the buffered spans (when tracing), exit.
    void close()
      .then(flushTelemetry)
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void exitOnConfigError(main);
