import { z } from 'zod';
import { env, exitOnConfigError, readConfig } from './config';
import { openBus } from './events/open-bus';
import { MIN_SECRET_LENGTH } from './identity';
import { createLogger } from './logger';
import { HttpPeerClient, Peers } from './peers';
import { bootSubgraph } from './server';
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
      DATA_DIR: z.string().default('./data'),
      NATS_URL: env.url(['nats']).optional(),
      LOG_LEVEL: env.logLevel(),
      /** Required: the subgraph accepts a caller only when signed with it (by the gateway or a peer). */
      SUBGRAPH_SECRET: z.string().min(MIN_SECRET_LENGTH),
      ...peerShape,
    });
    const log = createLogger(definition.name, config.LOG_LEVEL);
    if (!config.NATS_URL) log.warn('NATS_URL is not set: events stay inside this process');
    const bus = openBus({ natsUrl: config.NATS_URL, log });
    const peers = new Peers(config.SUBGRAPH_SECRET);
    for (const name of peerNames) {
      peers.register(name, new HttpPeerClient(name, String((config as Record<string, unknown>)[`${name.toUpperCase()}_URL`])));
    }
    const { service, endpoint } = await bootSubgraph(definition, {
      databaseUrl: config.DATABASE_URL,
      databasePoolSize: config.DATABASE_POOL_SIZE,
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
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  });
}
