import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLogger,
  openBus,
  Peers,
  serveSubgraph,
  startService,
  type EventBus,
  type HttpEndpoint,
  type Logger,
  type RunningService,
} from '@omni/platform';
import { ForwardingDataSource, InProcessDataSource } from './data-sources';
import type { AuthOptions } from './auth';
import type { ConsoleOptions } from './console';
import { startGateway, type RunningGateway } from './gateway';
import { crmDirectory } from './merged-customers';
import { ordersApiClients } from './oauth';
import type { EdgeOptions } from './edge';
import type { QueryLimits } from './limits';
import { inProcessSubgraphs, probeSubgraphs } from './readiness';
import { SERVICES } from './services';

export const SUPERGRAPH_PATH = join(__dirname, '..', '..', 'schema', 'supergraph.graphql');

export interface SystemOptions {
  /** PostgreSQL URL shared by the services (each in its own schema); SQLite files otherwise. */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL connections per service (default 10). */
  databasePoolSize?: number;
  /** NATS URL for JetStream; the in-process bus otherwise. */
  natsUrl?: string;
  /** NATS subject prefix and stream name (default `omni`). */
  natsNamespace?: string;
  /** Signs and verifies every event on the bus; default: the development secret. */
  eventSecret?: string;
  gatewayPort: number;
  /** Also serve each subgraph on its own port (0 picks free ports); null: in-process only. */
  subgraphPorts: 'default' | 'random' | null;
  /** How the gateway reaches the subgraphs: in-process (fast) or over HTTP. */
  transport: 'in-process' | 'http';
  host?: string;
  log?: Logger;
  relayPollMs?: number;
  supergraphSdl?: string;
  /** Bearer token verification; default: the development key. */
  auth?: AuthOptions;
  /** Shared by the gateway and the subgraph HTTP endpoints; default: the development secret. */
  subgraphSecret?: string;
  limits?: Partial<QueryLimits>;
  maxRequestBytes?: number;
  /** CORS, rate limits, introspection; unset: from the environment (embedded defaults). */
  edge?: EdgeOptions;
  /** `manual`: the services' jobs run only when asked (tests); default: on their intervals. */
  jobs?: 'scheduled' | 'manual';
  /** Lifetime of a token from `POST /oauth/token`; default 900 s. */
  oauthTokenTtlSeconds?: number;
  /** Token requests per minute per client address; default 60. */
  oauthTokenRatePerMinute?: number;
  /** Serve the console at /console (when built). */
  console?: ConsoleOptions;
}

export interface RunningSystem {
  gateway: RunningGateway;
  services: Map<string, RunningService>;
  endpoints: Map<string, HttpEndpoint>;
  bus: EventBus;
  close(): Promise<void>;
}

/** Every subgraph and the gateway in one process: the embedded default, and the test harness. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const log = options.log ?? createLogger('omni');
  const bus = openBus({
    natsUrl: options.natsUrl,
    namespace: options.natsNamespace,
    eventSecret: options.eventSecret,
    log: log.child({ component: 'bus' }),
  });
  const peers = new Peers();
  const services = new Map<string, RunningService>();
  const endpoints = new Map<string, HttpEndpoint>();
  try {
    for (const { definition, port } of SERVICES) {
      const service = await startService(definition, {
        databaseUrl: options.databaseUrl,
        databasePoolSize: options.databasePoolSize,
        dataDir: options.dataDir,
        bus,
        peers,
        log: log.child({ service: definition.name }),
        relay: { pollIntervalMs: options.relayPollMs },
        jobs: options.jobs,
      });
      services.set(definition.name, service);
      peers.register(definition.name, service.asPeer());
      if (options.subgraphPorts) {
        const endpoint = await serveSubgraph(service, options.subgraphPorts === 'random' ? 0 : port, options.host, {
          subgraphSecret: options.subgraphSecret,
        });
        endpoints.set(definition.name, endpoint);
      }
    }
    const gateway = await startGateway({
      supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
      dataSource: (name) => {
        if (options.transport === 'http') {
          const endpoint = endpoints.get(name);
          if (!endpoint) throw new Error(`subgraph ${name} is not served over HTTP`);
          return new ForwardingDataSource(endpoint.url);
        }
        return new InProcessDataSource(services.get(name)!);
      },
      // Over HTTP the gateway asks each subgraph's /readyz, as in the distributed mode.
      ready:
        options.transport === 'http'
          ? probeSubgraphs(new Map([...endpoints].map(([name, endpoint]) => [name, endpoint.url])))
          : inProcessSubgraphs(services),
      log,
      port: options.gatewayPort,
      host: options.host,
      auth: options.auth,
      subgraphSecret: options.subgraphSecret,
      limits: options.limits,
      maxRequestBytes: options.maxRequestBytes,
      customers: crmDirectory(peers),
      apiClients: ordersApiClients(peers),
      oauthTokenTtlSeconds: options.oauthTokenTtlSeconds,
      oauthTokenRatePerMinute: options.oauthTokenRatePerMinute,
      console: options.console,
      ...options.edge,
    });
    const close = async () => {
      await gateway.close();
      for (const endpoint of endpoints.values()) await endpoint.close();
      for (const service of services.values()) await service.relay.stop();
      await bus.close();
      for (const service of services.values()) await service.close();
    };
    return { gateway, services, endpoints, bus, close };
  } catch (error) {
    for (const endpoint of endpoints.values()) await endpoint.close().catch(() => undefined);
    for (const service of services.values()) await service.close().catch(() => undefined);
    await bus.close().catch(() => undefined);
    throw error;
  }
}
