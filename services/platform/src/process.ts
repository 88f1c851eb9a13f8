import { z } from 'zod';
import { ConfigError, env, exitOnConfigError, readConfig } from './config';
import { natsEndpoint, type NatsEndpoint } from './events/nats-bus';
import { openBus } from './events/open-bus';
import { MIN_SECRET_LENGTH } from './identity';
import { createLogger } from './logger';
import { HttpPeerClient, Peers } from './peers';
import { bootSubgraph } from './server';
import { flushTelemetry } from './trace-context';
import type { ServiceDefinition } from './service';

/**
 * Runs one service as its own process (the distributed mode): its subgraph on PORT, its own
 * database, NATS for events, and the peers it calls at <PEER>_URL.
 */
export function runServiceProcess(definition: ServiceDefinition, defaultPort: number, peerNames: string[] = []): void {
  void exitOnConfigError(async () => {
    const peerShape = Object.fromEntries(peerNames.map((p) => [`${p.toUpperCase()}_URL`, env.url(['http', 'https'])]));
    const config = readConfig({
      PORT: env.port(defaultPort),
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
      ...peerShape,
    });
    const nats = distributedNats(config);
    const log = createLogger(definition.name, config.LOG_LEVEL);
    if (!config.NATS_URL) log.warn('NATS_URL is not set: events stay inside this process');
    const bus = openBus({
      natsUrl: nats?.server,
      natsUser: nats?.user,
      natsPassword: nats?.password,
      eventSecret: config.EVENT_SECRET,
      log,
    });
    const peers = new Peers(config.SUBGRAPH_SECRET);
    for (const name of peerNames) {
      peers.register(name, new HttpPeerClient(name, String((config as Record<string, unknown>)[`${name.toUpperCase()}_URL`])));
    }
    const { service, endpoint } = await bootSubgraph(definition, {
      databaseUrl: config.DATABASE_URL,
      databasePoolSize: config.DATABASE_POOL_SIZE,
      migrate: config.MIGRATE_ON_START === 'true',
      dataDir: config.DATA_DIR,
      bus,
      peers,
      log,
      port: config.PORT,
      host: config.HOST,
      subgraphSecret: config.SUBGRAPH_SECRET,
    });
    log.info({ url: endpoint.url }, `${definition.name} subgraph ready`);
    const shutdown = async () => {
      await endpoint.close();
      await service.relay.stop();
      await bus.close();
      await service.close();
      await flushTelemetry();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  });
}

/**
 * The NATS server and this service's credentials, from NATS_URL and NATS_USER / NATS_PASSWORD
 * (or nats://user:password@host in NATS_URL, not both). A service connects only as its own user:
 * the server lets that user publish nothing but the service's own subjects.
 */
export function distributedNats(settings: {
  NATS_URL?: string;
  NATS_USER?: string;
  NATS_PASSWORD?: string;
}): NatsEndpoint | undefined {
  if (!settings.NATS_URL) return undefined;
  const inUrl = natsEndpoint(settings.NATS_URL);
  if (inUrl.user && (settings.NATS_USER || settings.NATS_PASSWORD)) {
    throw new ConfigError('NATS_USER', 'is set and NATS_URL carries credentials too: set one of them');
  }
  const endpoint = natsEndpoint(settings.NATS_URL, settings.NATS_USER, settings.NATS_PASSWORD);
  if (!endpoint.user) {
    throw new ConfigError(
      'NATS_USER',
      'is required with NATS_URL (with NATS_PASSWORD, or nats://user:password@host in NATS_URL): NATS admits each service only as its own user',
    );
  }
  if (!endpoint.password) throw new ConfigError('NATS_PASSWORD', `is required for the NATS user ${endpoint.user}`);
  return endpoint;
}
