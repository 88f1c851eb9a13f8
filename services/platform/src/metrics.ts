import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Counter, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { databaseStatements } from './database-metrics';
import { DeadLetter } from './events/dead-letter';
import { eventDeliveries, eventLag, publishedEvents } from './events/event-metrics';
import { outboxBacklog } from './events/outbox';
import { READINESS_TIMEOUT_MS, withTimeout } from './health';
import { JobRun } from './jobs/job-run';

/**
 * The process's Prometheus metrics, served on `GET /metrics` by the gateway and every subgraph.
 * One registry per process: in the embedded mode the gateway's /metrics also carries the five
 * services' gauges, told apart by their `service` label.
 */
export const metricsRegistry = new Registry();
// The event-loop lag histogram samples on a timer: at prom-client's default of 10 ms that timer
// alone keeps an idle process about 1% busy; every 100 ms still catches any stall that matters.
// Node's histogram counts the interval itself: its percentiles read 0.1 s at rest (the dashboard subtracts it).
collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 100 });
for (const metric of [publishedEvents, eventDeliveries, eventLag, databaseStatements]) metricsRegistry.registerMetric(metric);

/** Seconds: GraphQL operations and subgraph fetches, from a cached read to a checkout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const graphqlRequests = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL operations served, by server (gateway or a subgraph), operation name and outcome (ok, error)',
  labelNames: ['server', 'operation', 'outcome'],
  registers: [metricsRegistry],
});

const graphqlDuration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL operation to its response, by server, operation name and outcome',
  labelNames: ['server', 'operation', 'outcome'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

const subgraphFetchDuration = new Histogram({
  name: 'gateway_subgraph_fetch_duration_seconds',
  help: 'Time the gateway waits for one fetch of a query plan from a subgraph, by subgraph and outcome (ok, error)',
  labelNames: ['subgraph', 'outcome'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/**
 * Operation names come from clients: past this many distinct ones, the rest are counted as
 * `other`, so a client inventing names cannot grow the series without bound.
 */
const MAX_OPERATION_NAMES = 300;
const operationNames = new Set<string>();

function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES) return 'other';
  operationNames.add(name);
  return name;
}

/** Counts and times each GraphQL operation an Apollo server answers (`server`: gateway or the subgraph's name). */
export function graphqlMetricsPlugin<TContext extends object>(server: string): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          const labels = { server, operation: operationLabel(operationName), outcome: errors?.length ? 'error' : 'ok' };
          graphqlRequests.inc(labels);
          graphqlDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}

/** Records one subgraph fetch of the gateway (see gateway/src/gateway.ts). */
export function observeSubgraphFetch(subgraph: string, seconds: number, ok: boolean): void {
  subgraphFetchDuration.observe({ subgraph, outcome: ok ? 'ok' : 'error' }, seconds);
}

/** `GET /metrics` in the Prometheus text format. */
export const metricsHandler: RequestHandler = async (_req, res) => {
  res.set('content-type', metricsRegistry.contentType);
  res.end(await metricsRegistry.metrics());
};

// What a service keeps in its database is read when Prometheus scrapes, never per request.
// Every replica of a service reports the same numbers (one database): aggregate with max().

interface Tracked {
  name: string;
  db: DataSource;
}

const tracked = new Set<Tracked>();

/** Reads one service's tables for a scrape; a database that does not answer leaves its series out. */
function scraped(read: (service: Tracked) => Promise<void>) {
  return async () => {
    await Promise.all([...tracked].map((service) => withTimeout(read(service), READINESS_TIMEOUT_MS).catch(() => undefined)));
  };
}

/** A gauge set from the services' tables at scrape time (every gauge of one scrape shares one reading). */
function serviceGauge(name: string, help: string, labelNames: string[]): Gauge {
  return new Gauge({ name, help, labelNames, registers: [metricsRegistry], collect: readOncePerScrape });
}

const outboxGauge = serviceGauge('outbox_backlog', 'Outbox events not published yet, by service', ['service']);
const outboxFailingGauge = serviceGauge(
  'outbox_failing',
  'Of the unpublished outbox events, those whose publish failed at least once, by service',
  ['service'],
);
const outboxOldestGauge = serviceGauge(
  'outbox_oldest_unpublished_age_seconds',
  'Age of the oldest unpublished outbox event (0: none), by service',
  ['service'],
);
const deadLettersGauge = serviceGauge(
  'event_dead_letters',
  'Events parked as dead letters and not replayed, by service and consumer',
  ['service', 'consumer'],
);
const failingDeliveriesGauge = serviceGauge(
  'event_consumer_failing',
  'Events a consumer failed on and is still retrying (not parked yet), by service and consumer',
  ['service', 'consumer'],
);
const jobLastStartGauge = serviceGauge(
  'job_last_started_timestamp_seconds',
  'When the last run of a job started (any replica), by service and job',
  ['service', 'job'],
);
const jobLastFinishGauge = serviceGauge(
  'job_last_finished_timestamp_seconds',
  'When the last run of a job finished (any replica), by service and job',
  ['service', 'job'],
);
const jobFailedGauge = serviceGauge('job_last_run_failed', '1 when the last finished run of a job failed, by service and job', [
  'service',
  'job',
]);
const jobRunningGauge = serviceGauge('job_running', '1 while a replica holds the lease of a job, by service and job', [
  'service',
  'job',
]);

const seconds = (date: Date | null) => (date ? date.getTime() / 1000 : 0);

/** One scrape's reading of the services' tables, shared by the gauges it sets. */
let reading: Promise<void> | null = null;

async function readServices(): Promise<void> {
  for (const gauge of [outboxGauge, outboxFailingGauge, outboxOldestGauge, deadLettersGauge, failingDeliveriesGauge])
    gauge.reset();
  for (const gauge of [jobLastStartGauge, jobLastFinishGauge, jobFailedGauge, jobRunningGauge]) gauge.reset();
  await scraped(async ({ name, db }) => {
    const backlog = await outboxBacklog(db);
    outboxGauge.set({ service: name }, backlog.count);
    outboxFailingGauge.set({ service: name }, backlog.failing);
    outboxOldestGauge.set(
      { service: name },
      backlog.oldestCreatedAt ? Math.max(0, (Date.now() - backlog.oldestCreatedAt.getTime()) / 1000) : 0,
    );
    const letters = await db
      .createQueryBuilder(DeadLetter, 'd')
      .select('d.consumer', 'consumer')
      .addSelect('SUM(CASE WHEN d.parkedAt IS NULL THEN 0 ELSE 1 END)', 'parked')
      .addSelect('SUM(CASE WHEN d.parkedAt IS NULL THEN 1 ELSE 0 END)', 'failing')
      .where('d.replayedAt IS NULL')
      .groupBy('d.consumer')
      .getRawMany<{ consumer: string; parked: string | number; failing: string | number }>();
    for (const row of letters) {
      deadLettersGauge.set({ service: name, consumer: row.consumer }, Number(row.parked));
      failingDeliveriesGauge.set({ service: name, consumer: row.consumer }, Number(row.failing));
    }
    const now = Date.now();
    for (const job of await db.getRepository(JobRun).find()) {
      const labels = { service: name, job: job.name };
      jobLastStartGauge.set(labels, seconds(job.lastStartedAt));
      jobLastFinishGauge.set(labels, seconds(job.lastFinishedAt));
      jobFailedGauge.set(labels, job.lastFinishedAt && job.lastError ? 1 : 0);
      jobRunningGauge.set(labels, job.runner && job.leaseUntil && job.leaseUntil.getTime() > now ? 1 : 0);
    }
  })();
}

/**
 * Prometheus reads every metric of a scrape at once: the first gauge starts reading the tables,
 * the others wait for the same reading.
 */
function readOncePerScrape(): Promise<void> {
  reading ??= readServices().finally(() => setImmediate(() => (reading = null)));
  return reading;
}

/** Adds a running service's outbox, dead letters and jobs to the scrape; returns how to take it out. */
export function trackServiceMetrics(name: string, db: DataSource): () => void {
  const entry = { name, db };
  tracked.add(entry);
  return () => tracked.delete(entry);
}
