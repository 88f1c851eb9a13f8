import { ConfigError, exitOnConfigError, readConfig } from './config';
import { natsEndpoint, type NatsEndpoint } from './events/nats-bus';
import { openBus } from './events/open-bus';
import { createLogger } from './logger';
import { HttpPeerClient, Peers } from './peers';
import { isSubgraph, subgraphSettings, SUBGRAPH_PROCESSES, urlVariable } from './processes';
import { bootSubgraph } from './server';
import { flushTelemetry } from './trace-context';
import type { ServiceDefinition } from './service';

/**
 * Runs one service as its own process (the distributed mode): its subgraph on PORT, its own
 * database, NATS for events, and the peers it calls at <PEER>_URL (port and peers from
 * SUBGRAPH_PROCESSES, processes.ts).
 */
export function runServiceProcess(definition: ServiceDefinition): void {
  void exitOnConfigError(async () => {
    const name = definition.name;
    if (!isSubgraph(name)) throw new ConfigError('service', `${name} is not a subgraph process (SUBGRAPH_PROCESSES)`);
    const config = readConfig(subgraphSettings(name));
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
    for (const peer of SUBGRAPH_PROCESSES[name].peers) {
      peers.register(peer, new HttpPeerClient(peer, String((config as Record<string, unknown>)[urlVariable(peer)])));
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
