import { IsNull, LessThan, type DataSource } from 'typeorm';
import { z } from 'zod';
import { ConfigError, readConfig } from '../config';
import { inTransaction } from '../database';
import { ProcessedEvent } from './consumer';
import { DeadLetter } from './dead-letter';
import { NATS_ACK_WAIT_MS, NATS_DUPLICATE_WINDOW_MS, NATS_MAX_RETRY_DELAY_MS } from './nats-bus';
import { OutboxEvent, RELAY_LEASE_MS } from './outbox';

const HOUR_MS = 3_600_000;

/** How events are retried, parked and kept: read from the environment when a service starts. */
export interface EventSettings {
  /** `EVENT_MAX_DELIVERIES`: failed deliveries of an event to one consumer before it is parked as a dead letter. */
  maxDeliveries: number;
  /** `OUTBOX_RETENTION_HOURS`: published outbox rows are deleted this long after publication. */
  outboxRetentionHours: number;
  /**
   * `PROCESSED_EVENT_RETENTION_HOURS`: how long a consumer remembers the ids it applied (its
   * de-duplication window); also how long replayed dead letters are kept.
   */
  processedEventRetentionHours: number;
}

export const DEFAULT_EVENT_SETTINGS: EventSettings = {
  maxDeliveries: 8,
  outboxRetentionHours: 7 * 24,
  processedEventRetentionHours: 14 * 24,
};

/**
 * The longest an event can still reach a consumer after it was first published: a republish by
 * the relay (a lapsed claim, a crash before marking) is dropped by JetStream only within its
 * duplicate window, and a failing event is redelivered up to `maxDeliveries` times, each after
 * the ack wait and a backoff. A consumer must remember the ids it applied at least that long.
 */
export function redeliveryHorizonMs(maxDeliveries: number): number {
  return RELAY_LEASE_MS + NATS_DUPLICATE_WINDOW_MS + maxDeliveries * (NATS_ACK_WAIT_MS + NATS_MAX_RETRY_DELAY_MS);
}

/** Reads and checks the event settings; a bad value is a ConfigError naming the variable (exit 2). */
export function readEventSettings(environment: NodeJS.ProcessEnv = process.env): EventSettings {
  const hours = (fallback: number) =>
    z.coerce
      .number()
      .positive()
      .max(10 * 365 * 24)
      .default(fallback);
  const config = readConfig(
    {
      EVENT_MAX_DELIVERIES: z.coerce.number().int().positive().max(1000).default(DEFAULT_EVENT_SETTINGS.maxDeliveries),
      OUTBOX_RETENTION_HOURS: hours(DEFAULT_EVENT_SETTINGS.outboxRetentionHours),
      PROCESSED_EVENT_RETENTION_HOURS: hours(DEFAULT_EVENT_SETTINGS.processedEventRetentionHours),
    },
    environment,
  );
  const horizonMs = redeliveryHorizonMs(config.EVENT_MAX_DELIVERIES);
  if (config.PROCESSED_EVENT_RETENTION_HOURS * HOUR_MS <= horizonMs) {
    throw new ConfigError(
      'PROCESSED_EVENT_RETENTION_HOURS',
      `must be longer than an event can be redelivered (${Math.ceil(horizonMs / 60_000)} minutes: the JetStream duplicate window ` +
        `plus ${config.EVENT_MAX_DELIVERIES} deliveries, EVENT_MAX_DELIVERIES), or a redelivery would be applied twice`,
    );
  }
  return {
    maxDeliveries: config.EVENT_MAX_DELIVERIES,
    outboxRetentionHours: config.OUTBOX_RETENTION_HOURS,
    processedEventRetentionHours: config.PROCESSED_EVENT_RETENTION_HOURS,
  };
}

export interface PruneResult {
  outboxEvents: number;
  processedEvents: number;
  deadLetters: number;
}

/**
 * Deletes what the event machinery no longer needs, as of `now`: outbox rows published more than
 * OUTBOX_RETENTION_HOURS ago; processed-event ids older than PROCESSED_EVENT_RETENTION_HOURS;
 * dead letters replayed that long ago, and failure counts of events that stopped failing that
 * long ago without being parked. Unpublished rows and parked letters are never deleted.
 * Safe to run concurrently and repeatedly (the job scheduler calls it).
 */
export async function pruneEvents(
  db: DataSource,
  now: Date = new Date(),
  settings: Pick<EventSettings, 'outboxRetentionHours' | 'processedEventRetentionHours'> = readEventSettings(),
): Promise<PruneResult> {
  const outboxCutoff = new Date(now.getTime() - settings.outboxRetentionHours * HOUR_MS);
  const processedCutoff = new Date(now.getTime() - settings.processedEventRetentionHours * HOUR_MS);
  const outboxEvents = await inTransaction(db, (manager) => manager.delete(OutboxEvent, { publishedAt: LessThan(outboxCutoff) }));
  const processedEvents = await inTransaction(db, (manager) =>
    manager.delete(ProcessedEvent, { processedAt: LessThan(processedCutoff) }),
  );
  const deadLetters = await inTransaction(db, async (manager) => {
    const replayed = await manager.delete(DeadLetter, { replayedAt: LessThan(processedCutoff) });
    const stale = await manager.delete(DeadLetter, {
      parkedAt: IsNull(),
      replayedAt: IsNull(),
      lastFailedAt: LessThan(processedCutoff),
    });
    return { affected: (replayed.affected ?? 0) + (stale.affected ?? 0) };
  });
  return {
    outboxEvents: outboxEvents.affected ?? 0,
    processedEvents: processedEvents.affected ?? 0,
    deadLetters: deadLetters.affected ?? 0,
  };
}
