import { z } from 'zod';
import { env } from './config';
import { MIN_SECRET_LENGTH } from './identity';

/**
 * The processes of the distributed mode, in one place: each subgraph's port and the peers it
 * calls, the gateway's port, the health paths, and the settings a subgraph process reads.
 * `runServiceProcess` starts a subgraph from it, the gateway's `SERVICES` takes the ports from it,
 * and the deploy check (gateway/src/deploy-check) holds deploy/ against it.
 */
export const SUBGRAPH_PROCESSES = {
  /** inventory: the pickup store's name in ready-for-pickup notices. */
  crm: { port: 4001, peers: ['inventory'] },
  catalog: { port: 4002, peers: [] },
  inventory: { port: 4003, peers: [] },
  orders: { port: 4004, peers: ['catalog', 'crm', 'inventory', 'loyalty'] },
  /** crm: the customer behind a loyalty account. */
  loyalty: { port: 4005, peers: ['crm'] },
} as const satisfies Record<string, { port: number; peers: readonly string[] }>;

export type SubgraphName = keyof typeof SUBGRAPH_PROCESSES;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPH_PROCESSES) as SubgraphName[];

export const GATEWAY_PROCESS = { name: 'gateway', port: 4000 } as const;

/** Served by every process: alive (whatever its dependencies) and ready to serve. */
export const HEALTH_PATHS = { live: '/healthz', ready: '/readyz' } as const;

/** The file a process runs (relative to the repository and the image's WORKDIR). */
export function processEntry(name: SubgraphName | 'gateway'): string {
  return name === 'gateway' ? 'gateway/dist/main.js' : `services/${name}/dist/main.js`;
}

/** The variable naming a subgraph's URL, e.g. CRM_URL (the gateway reads all five, a subgraph its peers'). */
export function urlVariable(service: string): string {
  return `${service.toUpperCase()}_URL`;
}

export function isSubgraph(name: string): name is SubgraphName {
  return Object.hasOwn(SUBGRAPH_PROCESSES, name);
}

/** What a subgraph process reads from its environment (`readConfig` shape). */
export function subgraphSettings(name: SubgraphName) {
  const { port, peers } = SUBGRAPH_PROCESSES[name];
  return {
    PORT: env.port(port),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: env.url(['postgres', 'postgresql']).optional(),
    DATABASE_POOL_SIZE: env.positiveInt(10),
    /** false: the migrations are run by a Job (node gateway/dist/migrate.js <service>); the start waits for them. */
    MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
    DATA_DIR: z.string().default('./data'),
    NATS_URL: env.url(['nats']).optional(),
    /** This service's NATS user (or nats://user:password@host in NATS_URL): required with NATS_URL. */
    NATS_USER: z.string().optional(),
    NATS_PASSWORD: z.string().optional(),
    LOG_LEVEL: env.logLevel(),
    /** Required: the subgraph accepts a caller only when signed with it (by the gateway or a peer). */
    SUBGRAPH_SECRET: z.string().min(MIN_SECRET_LENGTH),
    /** Required: signs the events this service publishes and verifies those it consumes. */
    EVENT_SECRET: z.string().min(MIN_SECRET_LENGTH),
    ...Object.fromEntries(peers.map((peer) => [urlVariable(peer), env.url(['http', 'https'])])),
  };
}
