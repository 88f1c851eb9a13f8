import { execute, GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { serviceCaller, type RequestInfo, type ServiceContext } from './context';
import { dialectOf, openDatabase, waitForMigrations, type Migrations } from './database';
import type { EventBus } from './events/bus';
import { ProcessedEvent, type ConsumerDefinition } from './events/consumer';
import { DeadLetter, registerConsumers } from './events/dead-letter';
import { DeliveryQueue, type QueuedConsumer } from './events/delivery-queue';
import { OutboxEvent, OutboxRelay, type RelayOptions } from './events/outbox';
import { readEventSettings } from './events/retention';
import { serviceReadiness, type Readiness } from './health';
import { JobRun } from './jobs/job-run';
import { outboxPruneJob } from './jobs/outbox-prune';
import { JobScheduler, scheduledJobs, type JobDefinition, type ScheduledJob } from './jobs/scheduler';
import { createLogger, type Logger } from './logger';
import { trackServiceMetrics } from './metrics';
import { peerResult, type PeerClient, type Peers } from './peers';
import { buildSubgraph, type SubgraphDefinition } from './subgraph';

/** Everything that makes one domain service; each service exports one of these. */
export interface ServiceDefinition extends SubgraphDefinition {
  name: string;
  entities: Function[];
  migrations: Migrations;
  consumers?: ConsumerDefinition[];
  /** Periodic sweeps, run by one replica at a time (see jobs/scheduler.ts). */
  jobs?: JobDefinition[];
}

export interface ServiceOptions {
  /** PostgreSQL URL; without it the service uses embedded SQLite. */
  databaseUrl?: string;
  /** PostgreSQL connections for this service (default 10). */
  databasePoolSize?: number;
  dataDir: string;
  bus: EventBus;
  peers: Peers;
  log?: Logger;
  relay?: RelayOptions;
  /** Where job intervals and the event settings (retention.ts) are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** `manual`: jobs run only when asked (`RunningService.jobs.run`), as tests want; default `scheduled`. */
  jobs?: 'scheduled' | 'manual';
  /**
   * Run the migrations on start (default true; MIGRATE_ON_START). False: something else runs them
   * (a Kubernetes Job, `node gateway/dist/migrate.js <service>`) and the start waits until none is pending.
   */
  migrate?: boolean;
}

/** The tables the platform adds to every service: the outbox, the processed-event log, dead letters, job runs. */
export const PLATFORM_ENTITIES: Function[] = [OutboxEvent, ProcessedEvent, DeadLetter, JobRun];

/**
 * Events of one consumer the bus hands on before the first is applied: they wait in the service's
 * `DeliveryQueue`, and under load are applied together.
 */
const CONSUMER_WINDOW = 32;
/** The queue's transactions at once on PostgreSQL, whose pool also serves the requests. */
const CONSUMER_TRANSACTIONS = 2;

export class RunningService {
  private readonly documents = new Map<string, DocumentNode>();
  /** Takes this service's outbox, dead letters and jobs out of the process's /metrics. */
  untrackMetrics: () => void = () => undefined;
  /** The service's jobs: on their intervals once started, or on demand with `jobs.run(name)`. */
  readonly jobs: JobScheduler;

  constructor(
    readonly name: string,
    readonly db: DataSource,
    readonly schema: GraphQLSchema,
    readonly sdl: string,
    readonly relay: OutboxRelay,
    readonly peers: Peers,
    readonly log: Logger,
    jobs: ScheduledJob[] = [],
  ) {
    const jobContext = (requestId: string) => this.context({ requestId, channel: null, caller: serviceCaller(name) });
    this.jobs = new JobScheduler(name, db, jobs, jobContext, log.child({ component: 'jobs' }));
  }

  /** A fresh per-request context: its own DataLoaders, the caller and channel of the request. */
  context(info: RequestInfo): ServiceContext {
    const serviceLog = this.log;
    let log: Logger | undefined;
    return {
      service: this.name,
      requestId: info.requestId,
      channel: info.channel,
      caller: info.caller,
      db: this.db,
      peers: this.peers,
      // Every line a resolver logs carries the request id the access logs show; made on first use.
      get log() {
        return (log ??= serviceLog.child({ requestId: info.requestId }));
      },
      loaders: new Map(),
    };
  }

  /** Whether this service can serve: its database answers and its bus is connected (`/readyz`). */
  readiness(): Promise<Readiness> {
    return serviceReadiness(this.db, this.relay.bus);
  }

  /** Executes an operation in-process (the embedded gateway and peer calls use this). */
  async execute(
    query: string | DocumentNode,
    variables: Record<string, unknown> | undefined,
    contextValue: ServiceContext,
    operationName?: string,
  ): Promise<ExecutionResult> {
    const document = typeof query === 'string' ? this.parse(query) : query;
    const result = await execute({ schema: this.schema, document, variableValues: variables, contextValue, operationName });
    // No `data`: nothing ran, because the request itself is wrong (a variable that is not a valid
    // Date, an unknown operation): the caller's mistake, not an internal error.
    if ('data' in result || !result.errors) return result;
    return { errors: result.errors.map((e) => badUserInput(e)) };
  }

  /** This service as a peer of the others, called in-process. */
  asPeer(): PeerClient {
    return {
      request: async <T>(query: string, variables: Record<string, unknown>, info: RequestInfo) =>
        peerResult<T>(this.name, await this.execute(query, variables, this.context(info))),
    };
  }

  async close(): Promise<void> {
    this.untrackMetrics();
    await this.jobs.stop();
    await this.relay.stop();
    if (this.db.isInitialized) await this.db.destroy();
  }

  private parse(query: string): DocumentNode {
    let document = this.documents.get(query);
    if (!document) {
      document = parse(query);
      if (this.documents.size < 1000) this.documents.set(query, document);
    }
    return document;
  }
}

/** Opens the database (migrated), builds the subgraph, starts the outbox relay and consumers. */
export async function startService(definition: ServiceDefinition, options: ServiceOptions): Promise<RunningService> {
  const log = options.log ?? createLogger(definition.name);
  // Read before anything opens: a bad value stops the start with one line.
  const events = readEventSettings(options.env);
  const jobs = scheduledJobs(definition.name, [...(definition.jobs ?? []), outboxPruneJob(events)], options.env);
  const db = await openDatabase({
    service: definition.name,
    entities: [...definition.entities, ...PLATFORM_ENTITIES],
    migrations: definition.migrations,
    url: options.databaseUrl,
    poolSize: options.databasePoolSize,
    dataDir: options.dataDir,
    migrate: options.migrate,
  });
  if (options.migrate === false) await waitForMigrations(db, log);
  const { schema, sdl } = await buildSubgraph(definition);
  const relay = new OutboxRelay(db, options.bus, log, { service: definition.name, ...options.relay });
  relay.start();
  // Each consumer applies an event once; one that keeps failing is parked as a dead letter
  // after EVENT_MAX_DELIVERIES (and can be replayed with these handlers). Under load the queue
  // applies the events that wait in shared transactions.
  const tools = { service: definition.name, peers: options.peers };
  const consumers = (definition.consumers ?? []).map((consumer) => {
    const queued: QueuedConsumer = {
      durable: `${definition.name}-${consumer.name}`,
      apply: (manager, event) => consumer.handle(manager, event, tools),
      ignores: consumer.ignores,
    };
    return { types: consumer.types, queued };
  });
  registerConsumers(db, new Map(consumers.map(({ queued }) => [queued.durable, queued.apply])));
  const deliveries = new DeliveryQueue(db, {
    maxDeliveries: events.maxDeliveries,
    log,
    service: definition.name,
    concurrency: dialectOf(db) === 'postgres' ? CONSUMER_TRANSACTIONS : 1,
  });
  for (const { types, queued } of consumers) {
    await options.bus.subscribe({
      durable: queued.durable,
      types,
      window: CONSUMER_WINDOW,
      handle: async (event) => void (await deliveries.deliver(queued, event)),
    });
  }
  const service = new RunningService(definition.name, db, schema, sdl, relay, options.peers, log, jobs);
  service.untrackMetrics = trackServiceMetrics(definition.name, db);
  if (options.jobs === 'manual') await service.jobs.register();
  else await service.jobs.start();
  return service;
}

function badUserInput(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
}
