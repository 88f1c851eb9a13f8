import { Counter, Histogram } from 'prom-client';

/**
 * Counted where events move (the outbox relay, `deliverOnce`); metrics.ts adds them to the
 * process's registry, so this module needs none of it (metrics.ts reads the outbox too).
 */
export const publishedEvents = new Counter({
  name: 'outbox_events_published_total',
  help: 'Outbox events the relay published to the bus, by service',
  labelNames: ['service'],
  registers: [],
});

/**
 * applied, duplicate (a redelivery of one applied before), ignored (the consumer changes nothing
 * for it: no transaction), failed (to be redelivered), parked (a dead letter).
 */
export const eventDeliveries = new Counter({
  name: 'event_deliveries_total',
  help: 'Deliveries of an event to a consumer, by service, consumer and outcome (applied, duplicate, ignored, failed, parked)',
  labelNames: ['service', 'consumer', 'outcome'],
  registers: [],
});

export const eventLag = new Histogram({
  name: 'event_consumer_lag_seconds',
  help: 'Time from an event occurring to a consumer applying it (outbox wait, bus, redeliveries), by service and consumer',
  labelNames: ['service', 'consumer'],
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [],
});
