import { Column, Entity, In, Index, IsNull, Not, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import { dialectOf, inTransaction } from '../database';
import type { Logger } from '../logger';
import { applyOnce, claimKey } from './consumer';
import type { EventEnvelope } from './envelope';
import { eventDeliveries, eventLag } from './event-metrics';

/**
 * An event a consumer failed to apply. The row counts the failed deliveries; once they reach the
 * maximum it is parked (`parkedAt`): the event is acknowledged so it stops blocking, and waits
 * here for `replayDeadLetter`. A replay that succeeds sets `replayedAt`.
 */
@Entity('dead_letter')
@Index('dead_letter_parked', ['parkedAt', 'replayedAt'])
export class DeadLetter {
  /** The durable consumer name, `<service>-<consumer>`. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  consumer!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 120 })
  type!: string;

  @Column({ type: 'text' })
  envelope!: string;

  @Column({ type: 'varchar', length: 2000 })
  error!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: Date })
  firstFailedAt!: Date;

  @Column({ type: Date })
  lastFailedAt!: Date;

  @Column({ type: Date, nullable: true })
  parkedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  replayedAt!: Date | null;
}

/** Applies one event inside the consumer's transaction (a `ConsumerDefinition.handle`). */
export type EventApplier = (manager: EntityManager, event: EventEnvelope) => Promise<void>;

export interface DeliveryOptions {
  /** Failed deliveries after which the event is parked (`EVENT_MAX_DELIVERIES`). */
  maxDeliveries: number;
  log?: Logger;
  /** The consumer's service: the `service` label of event_deliveries_total and event_consumer_lag_seconds. */
  service?: string;
  now?: () => Date;
}

/** What became of one delivery: applied now, applied before (a redelivery), or parked as a dead letter. */
export type DeliveryOutcome = 'applied' | 'duplicate' | 'parked';

const MAX_ERROR_LENGTH = 2000;

/** Events that failed in this process and may leave a failure row behind once they succeed. */
const failedHere = new WeakMap<DataSource, Set<string>>();

/**
 * One delivery of `event` to `consumer`: `applyOnce`, and when the handler throws, the failure
 * counted in `dead_letter`. Below the maximum the error is thrown again, so the bus redelivers
 * (with backoff); at the maximum the event is parked and this returns normally, so the bus
 * acknowledges it and it no longer blocks. A failure that cannot even be recorded (database
 * down) is thrown as well: the bus redelivers it.
 */
export async function deliverOnce(
  db: DataSource,
  consumer: string,
  event: EventEnvelope,
  handle: EventApplier,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  let outcome: DeliveryOutcome | 'failed' = 'failed';
  try {
    outcome = await deliver(db, consumer, event, handle, options);
    return outcome;
  } finally {
    countDelivery(consumer, event, outcome, options);
  }
}

/**
 * The bookkeeping of a delivery applied (or found applied) in a transaction shared with others
 * (`DeliveryQueue`): what `deliverOnce` does after a successful `applyOnce`.
 */
export async function settleDelivery(
  db: DataSource,
  consumer: string,
  event: EventEnvelope,
  applied: boolean,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const outcome = applied ? 'applied' : 'duplicate';
  await forgetFailure(db, consumer, event);
  countDelivery(consumer, event, outcome, options);
  return outcome;
}

/** One delivery in event_deliveries_total (and, applied, its lag in event_consumer_lag_seconds). */
export function countDelivery(
  consumer: string,
  event: EventEnvelope,
  outcome: DeliveryOutcome | 'ignored' | 'failed',
  options: Pick<DeliveryOptions, 'service'>,
): void {
  const labels = { service: options.service ?? 'unnamed', consumer };
  eventDeliveries.inc({ ...labels, outcome });
  if (outcome === 'applied') eventLag.observe(labels, Math.max(0, Date.now() - Date.parse(event.occurredAt)) / 1000);
}

async function deliver(
  db: DataSource,
  consumer: string,
  event: EventEnvelope,
  handle: EventApplier,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  let applied: boolean;
  try {
    applied = await applyOnce(db, consumer, event, handle);
  } catch (error) {
    let letter: DeadLetter;
    try {
      letter = await recordDeliveryFailure(db, consumer, event, error, options.maxDeliveries, options.now?.() ?? new Date());
    } catch (recording) {
      options.log?.warn({ err: (recording as Error).message, event: event.id, consumer }, 'consumer failure not recorded');
      throw error;
    }
    if (letter.parkedAt) {
      options.log?.error(
        { err: letter.error, event: event.id, type: event.type, consumer, attempts: letter.attempts },
        'event parked as a dead letter',
      );
      return 'parked';
    }
    remember(db, failureKey(consumer, event));
    throw error;
  }
  await forgetFailure(db, consumer, event);
  return applied ? 'applied' : 'duplicate';
}

/** An event that failed here before and went through now: its failure count is no longer of interest. */
async function forgetFailure(db: DataSource, consumer: string, event: EventEnvelope): Promise<void> {
  if (!failedHere.get(db)?.delete(failureKey(consumer, event))) return;
  await inTransaction(db, (manager) => manager.delete(DeadLetter, { consumer, eventId: event.id, parkedAt: IsNull() })).catch(
    () => undefined,
  );
}

function failureKey(consumer: string, event: EventEnvelope): string {
  return claimKey(consumer, event.id);
}

function remember(db: DataSource, key: string): void {
  let failed = failedHere.get(db);
  if (!failed) failedHere.set(db, (failed = new Set()));
  if (failed.size >= 10_000) failed.clear();
  failed.add(key);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Counts one failed delivery in `dead_letter` (one row per consumer and event) and parks the
 * event when the count reaches `maxDeliveries`. Returns the row as written.
 */
export function recordDeliveryFailure(
  db: DataSource,
  consumer: string,
  event: EventEnvelope,
  error: unknown,
  maxDeliveries: number,
  now: Date,
): Promise<DeadLetter> {
  return inTransaction(db, async (manager) => {
    const existing = await manager.findOne(DeadLetter, {
      where: { consumer, eventId: event.id },
      ...(dialectOf(db) === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    // A letter replayed once that fails again (its processed id pruned meanwhile) starts over.
    const fresh = !existing || existing.replayedAt !== null;
    const attempts = fresh ? 1 : existing.attempts + 1;
    const letter: DeadLetter = Object.assign(new DeadLetter(), {
      consumer,
      eventId: event.id,
      type: event.type,
      envelope: JSON.stringify(event),
      error: errorText(error),
      attempts,
      firstFailedAt: fresh ? now : existing.firstFailedAt,
      lastFailedAt: now,
      parkedAt: (fresh ? null : existing.parkedAt) ?? (attempts >= maxDeliveries ? now : null),
      replayedAt: null,
    });
    if (existing) await manager.update(DeadLetter, { consumer, eventId: event.id }, letter);
    else await manager.insert(DeadLetter, letter);
    return letter;
  });
}

/** The consumers of each running service's database, by durable name: what a replay applies with. */
const registeredConsumers = new WeakMap<DataSource, ReadonlyMap<string, EventApplier>>();

/** Called by `startService`: the consumers a replay on `db` may use, by durable name (`<service>-<name>`). */
export function registerConsumers(db: DataSource, consumers: ReadonlyMap<string, EventApplier>): void {
  registeredConsumers.set(db, consumers);
}

export interface ReplayOutcome {
  consumer: string;
  eventId: string;
  /** Applied now (or found applied already): the letter is marked `replayedAt`. */
  replayed: boolean;
  /** Why it failed again; the letter stays parked with one more attempt. */
  error: string | null;
}

/**
 * Re-applies one parked event through `applyOnce` with its consumer's handler. On success the
 * letter is marked replayed (and pruned later); on failure it stays parked, its attempts and
 * error updated. A letter whose event had been applied meanwhile counts as replayed.
 */
export async function replayDeadLetter(
  db: DataSource,
  letter: Pick<DeadLetter, 'consumer' | 'eventId' | 'envelope'>,
  handle: EventApplier | undefined = registeredConsumers.get(db)?.get(letter.consumer),
  now: Date = new Date(),
): Promise<ReplayOutcome> {
  const { consumer, eventId } = letter;
  try {
    if (!handle) throw new Error(`no consumer ${consumer} runs in this service`);
    await applyOnce(db, consumer, JSON.parse(letter.envelope) as EventEnvelope, handle);
  } catch (error) {
    const message = errorText(error);
    await inTransaction(db, (manager) =>
      manager
        .createQueryBuilder()
        .update(DeadLetter)
        .set({ attempts: () => '"attempts" + 1', error: message, lastFailedAt: now })
        .where('consumer = :consumer AND "eventId" = :eventId', { consumer, eventId })
        .execute(),
    );
    return { consumer, eventId, replayed: false, error: message };
  }
  await inTransaction(db, (manager) => manager.update(DeadLetter, { consumer, eventId }, { replayedAt: now }));
  return { consumer, eventId, replayed: true, error: null };
}

export interface DeadLetterSelection {
  /** Only these events (all of their parked letters); default: every parked letter. */
  eventIds?: string[] | null;
  /** Only this consumer's letters (`<service>-<name>`). */
  consumer?: string | null;
  /** At most this many, oldest first (default 500). */
  limit?: number;
}

/** Parked, not yet replayed letters, oldest failure first. */
export function parkedDeadLetters(db: DataSource, selection: DeadLetterSelection = {}): Promise<DeadLetter[]> {
  return db.getRepository(DeadLetter).find({
    where: {
      parkedAt: Not(IsNull()),
      replayedAt: IsNull(),
      ...(selection.eventIds ? { eventId: In(selection.eventIds) } : {}),
      ...(selection.consumer ? { consumer: selection.consumer } : {}),
    },
    order: { firstFailedAt: 'ASC', eventId: 'ASC', consumer: 'ASC' },
    take: selection.limit ?? 500,
  });
}

/** Replays the selected parked letters one by one (each in its own transaction), oldest first. */
export async function replayDeadLetters(db: DataSource, selection: DeadLetterSelection = {}): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  for (const letter of await parkedDeadLetters(db, selection)) outcomes.push(await replayDeadLetter(db, letter));
  return outcomes;
}

export interface DeadLetterSummary {
  /** Parked letters not replayed yet. */
  count: number;
  /** The error of the most recently failed of them. */
  lastError: string | null;
  lastFailedAt: Date | null;
}

export async function deadLetterSummary(db: DataSource): Promise<DeadLetterSummary> {
  const repository = db.getRepository(DeadLetter);
  const where = { parkedAt: Not(IsNull()), replayedAt: IsNull() };
  const [count, last] = await Promise.all([
    repository.countBy(where),
    repository.findOne({ where, order: { lastFailedAt: 'DESC' } }),
  ]);
  return { count, lastError: last?.error ?? null, lastFailedAt: last?.lastFailedAt ?? null };
}
