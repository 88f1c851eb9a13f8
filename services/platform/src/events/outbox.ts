import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  type DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
} from 'typeorm';
import type { Channel } from '../channel';
import { dialectOf, inTransaction, outsideTransaction } from '../database';
import type { Logger } from '../logger';
import { BusUnavailableError, type EventBus } from './bus';
import { newEnvelope, type EventEnvelope } from './envelope';
import { publishedEvents } from './event-metrics';
import { eventDefinition } from './payloads';
import { currentTraceparent } from '../trace-context';
import { entityColumns, hydrateRows, runStatement } from '../entity-reads';
import { tableOf } from '../search/sql';

/** An event committed with the state change that caused it, waiting to be published. */
@Entity('outbox_event')
@Index('outbox_event_unpublished', ['publishedAt', 'sequence'])
export class OutboxEvent {
  @PrimaryGeneratedColumn()
  sequence!: number;

  @Column({ type: 'varchar', length: 36, unique: true })
  eventId!: string;

  @Column({ type: 'varchar', length: 120 })
  type!: string;

  @Column({ type: 'text' })
  envelope!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  publishedAt!: Date | null;

  /** Failed publishes of this row; each one pushes `nextAttemptAt` further (backoff). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** Not published before this time: the backoff after a failed publish (null: due now). */
  @Column({ type: Date, nullable: true })
  nextAttemptAt!: Date | null;

  /** A relay replica claimed the row until then: others leave it alone (a lease, not a lock). */
  @Column({ type: Date, nullable: true })
  claimedUntil!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}

/**
 * Writes an event into the outbox inside the caller's transaction: it is published if and
 * only if the transaction commits. The envelope's version is, by default, the one the event's
 * definition (`events/payloads`) says producers write (1 for a type without one).
 */
export async function recordEvent<P>(
  manager: EntityManager,
  type: string,
  payload: P,
  channel: Channel | null,
  version = eventDefinition(type)?.version ?? 1,
): Promise<EventEnvelope<P>> {
  const [event] = await recordEvents<P>(manager, [{ type, payload, channel, version }]);
  return event;
}

/** An event for `recordEvents`: what `recordEvent` takes. */
export interface EventRecord<P> {
  type: string;
  payload: P;
  channel: Channel | null;
  version?: number;
}

/** `recordEvent` for several events with one statement, published in the order given. */
export async function recordEvents<P>(manager: EntityManager, records: readonly EventRecord<P>[]): Promise<EventEnvelope<P>[]> {
  if (records.length === 0) return [];
  const traceparent = currentTraceparent();
  const events = records.map(({ type, payload, channel, version }) => {
    const event = newEnvelope(type, payload, channel, version ?? eventDefinition(type)?.version ?? 1);
    if (traceparent) event.traceparent = traceparent;
    return event;
  });
  // No read-back of the generated sequence and defaults (a SELECT per event on SQLite, RETURNING on PostgreSQL).
  await manager
    .createQueryBuilder()
    .insert()
    .into(OutboxEvent)
    .values(
      events.map((event) => ({
        eventId: event.id,
        type: event.type,
        envelope: JSON.stringify(event),
        publishedAt: null,
        attempts: 0,
      })),
    )
    .updateEntity(false)
    .execute();
  return events;
}

export interface RelayOptions {
  /** The next round after one that left a row behind (its publish failed, or the bus is down). */
  pollIntervalMs?: number;
  /**
   * Rounds that publish all they find (or find nothing) double the wait up to this (at least
   * `pollIntervalMs`): a commit that records an event wakes the relay at once, so polling only
   * catches rows waiting out their backoff and rows a dead replica claimed, and an idle service
   * stays nearly silent.
   */
  idlePollMaxMs?: number;
  batchSize?: number;
  /** Backoff of a row whose publish failed: this delay, doubled per attempt up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How long a claim on a batch lasts: a replica that dies mid-batch frees its rows after it. */
  leaseMs?: number;
  /** The service whose outbox this is: the `service` label of outbox_events_published_total. */
  service?: string;
}

/** The delay before attempt `attempts + 1` of a row that failed `attempts` times (1, 2, 4... x base). */
export function relayBackoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)), maxMs);
}

const MAX_ERROR_LENGTH = 500;

/** Default `leaseMs`: how long a relay's claim on a batch lasts. */
export const RELAY_LEASE_MS = 60_000;

/**
 * Publishes committed outbox rows in commit order, each row on its own: a batch is claimed (a
 * lease in `claimedUntil`, taken with SKIP LOCKED on PostgreSQL so replicas claim different rows),
 * then every row is published in order and the published ones marked in one statement. A row whose
 * publish fails counts the attempt, keeps its error and waits `nextAttemptAt` (backoff) while
 * the rows behind it go on; the bus being down (`BusUnavailableError`) ends the round instead,
 * without backoff, so the backlog goes out in order as soon as the bus is back. On the in-process
 * bus a publish answers once the subscribers took the event (it keeps nothing itself): a row is
 * marked only then, and one a subscriber failed is retried like a refused publish.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private kicker: EntitySubscriberInterface | null = null;
  private readonly pollIntervalMs: number;
  private readonly idlePollMaxMs: number;
  /** The wait before the next round: `pollIntervalMs`, doubled per round that found nothing. */
  private idleDelayMs: number;
  private readonly batchSize: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly leaseMs: number;
  private readonly published: { inc(count?: number): void };
  /**
   * On the in-process bus this process is the database's only relay, so claims found at its first
   * round were left by a process that died handing those events over: freed, they go out at once.
   */
  private claimsOfADeadProcess: boolean;

  constructor(
    private readonly db: DataSource,
    /** Where rows are published; a service's readiness reads whether it is connected. */
    readonly bus: EventBus,
    private readonly log: Logger,
    options: RelayOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.idlePollMaxMs = Math.max(this.pollIntervalMs, options.idlePollMaxMs ?? 5_000);
    this.idleDelayMs = this.pollIntervalMs;
    this.batchSize = options.batchSize ?? 100;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? RELAY_LEASE_MS;
    this.published = publishedEvents.labels({ service: options.service ?? 'unnamed' });
    this.claimsOfADeadProcess = bus.kind === 'in-process';
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // One commit hook per relay, however often it is stopped and started again.
    if (!this.kicker) {
      this.kicker = outboxCommitHook(() => this.kick());
      this.db.subscribers.push(this.kicker);
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Publish soon: called after every commit that wrote an outbox row. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /**
   * Publishes every row due now, each at most once per call; returns how many went out. A row
   * that fails stays for a later round (after its backoff) and does not stop the others.
   */
  async flush(): Promise<number> {
    return (await this.drain()).sent;
  }

  /** Batch after batch until one comes back short: how many rows were sent and claimed (failed ones too). */
  private async drain(): Promise<{ sent: number; claimed: number }> {
    if (this.claimsOfADeadProcess && this.db.isInitialized) {
      this.claimsOfADeadProcess = false;
      await this.statement(
        `UPDATE ${tableOf(this.db, OutboxEvent)} SET "claimedUntil" = NULL WHERE "publishedAt" IS NULL AND "claimedUntil" IS NOT NULL`,
        {},
      );
    }
    const total = { sent: 0, claimed: 0 };
    let after = 0;
    for (;;) {
      const batch = await this.publishBatch(after);
      total.sent += batch.sent;
      total.claimed += batch.claimed;
      if (batch.claimed < this.batchSize || batch.stop) return total;
      after = batch.last;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain()
        .then(({ claimed, sent }) => {
          // A row left behind (failed, or the bus is down): poll again soon. Everything out (or
          // nothing found): wait twice as long, up to the idle maximum; the next commit kicks anyway.
          this.idleDelayMs = claimed > sent ? this.pollIntervalMs : Math.min(this.idleDelayMs * 2, this.idlePollMaxMs);
        })
        .catch((error: Error) => {
          this.idleDelayMs = this.pollIntervalMs;
          this.log.warn({ err: error.message }, 'outbox publish deferred');
        })
        .finally(() => {
          this.running = null;
          const next = this.again ? 0 : this.idleDelayMs;
          this.again = false;
          this.schedule(next);
        });
    }, delayMs);
  }

  /**
   * One batch: claim, publish, then mark what was published in one statement (a crash before the
   * mark publishes those events again, which consumers take once).
   */
  private async publishBatch(after: number): Promise<{ claimed: number; sent: number; last: number; stop: boolean }> {
    if (!this.db.isInitialized) return { claimed: 0, sent: 0, last: after, stop: true };
    const leaseEnd = Date.now() + this.leaseMs;
    const rows = await this.claim(after, new Date(leaseEnd));
    const sent: number[] = [];
    let stopped: number | null;
    try {
      stopped =
        this.bus.kind === 'in-process' ? await this.publishTogether(rows, sent) : await this.publishInOrder(rows, sent, leaseEnd);
    } finally {
      await this.markPublished(sent);
    }
    if (stopped !== null) return { claimed: rows.length, sent: sent.length, last: stopped, stop: true };
    return { claimed: rows.length, sent: sent.length, last: rows.at(-1)?.sequence ?? after, stop: false };
  }

  /**
   * Publishes the rows one after the other, adding each published one to `sent`. Stops, freeing
   * the rest, when the claim is about to lapse (another replica may take these rows now) or the
   * bus is down; returns the sequence it stopped at, or null.
   */
  private async publishInOrder(rows: OutboxEvent[], sent: number[], leaseEnd: number): Promise<number | null> {
    for (const [index, row] of rows.entries()) {
      if (Date.now() > leaseEnd - this.leaseMs / 10) {
        await this.release(rows.slice(index));
        return row.sequence;
      }
      const error = await this.publishRow(row);
      if (!error) sent.push(row.sequence);
      else if (await this.failed(row, error)) {
        // Every publish would fail the same way: free the rest for the next round.
        await this.release(rows.slice(index + 1));
        return row.sequence;
      }
    }
    return null;
  }

  /**
   * The in-process bus answers a publish once the subscribers took the event, so the rows go to
   * them together, as they would arrive from NATS, and their consumers share transactions.
   */
  private async publishTogether(rows: OutboxEvent[], sent: number[]): Promise<number | null> {
    const errors = await Promise.all(rows.map((row) => this.publishRow(row)));
    let stopped: number | null = null;
    for (const [index, row] of rows.entries()) {
      const error = errors[index];
      if (!error) sent.push(row.sequence);
      else if ((await this.failed(row, error)) && stopped === null) stopped = row.sequence;
    }
    return stopped;
  }

  /** Publishes one row: null, or what the bus threw. */
  private async publishRow(row: OutboxEvent): Promise<Error | null> {
    try {
      await this.bus.publish(JSON.parse(row.envelope) as EventEnvelope);
      return null;
    } catch (error) {
      return error as Error;
    }
  }

  /** Counts a failed publish on its row (with backoff unless the bus is down); true when the bus is down. */
  private async failed(row: OutboxEvent, error: Error): Promise<boolean> {
    const busDown = error instanceof BusUnavailableError;
    await this.recordFailure(row, error, busDown);
    if (!busDown) {
      this.log.warn({ err: error.message, event: row.eventId, attempts: row.attempts + 1 }, 'outbox publish failed');
    }
    return busDown;
  }

  private async markPublished(sequences: number[]): Promise<void> {
    if (sequences.length === 0) return;
    await this.statement(
      `UPDATE ${tableOf(this.db, OutboxEvent)} SET "publishedAt" = :now, "claimedUntil" = NULL, "nextAttemptAt" = NULL ` +
        `WHERE "sequence" IN (:...sequences)`,
      { now: new Date(), sequences },
    );
    this.published.inc(sequences.length);
  }

  /**
   * Claims up to `batchSize` due rows after sequence `after`, oldest first, in one statement. On
   * PostgreSQL FOR UPDATE SKIP LOCKED lets replicas claim at once without taking the same rows; the
   * lease commits at once, so no lock is held while publishing.
   */
  private async claim(after: number, until: Date): Promise<OutboxEvent[]> {
    const table = tableOf(this.db, OutboxEvent);
    const skipLocked = dialectOf(this.db) === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.statement(
      `UPDATE ${table} SET "claimedUntil" = :until WHERE "sequence" IN (` +
        `SELECT "sequence" FROM ${table} WHERE "publishedAt" IS NULL AND "sequence" > :after ` +
        `AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= :now) AND ("claimedUntil" IS NULL OR "claimedUntil" <= :now) ` +
        `ORDER BY "sequence" LIMIT :limit${skipLocked}) RETURNING ${entityColumns(this.db, OutboxEvent)}`,
      { until, after, now: new Date(), limit: this.batchSize },
    );
    return hydrateRows(this.db, OutboxEvent, rows).sort((a, b) => a.sequence - b.sequence);
  }

  private async recordFailure(row: OutboxEvent, error: Error, busDown: boolean): Promise<void> {
    const attempts = row.attempts + 1;
    const nextAttemptAt = busDown
      ? null
      : new Date(Date.now() + relayBackoffMs(attempts, this.retryDelayMs, this.maxRetryDelayMs));
    await this.write((manager) =>
      manager
        .createQueryBuilder()
        .update(OutboxEvent)
        .set({
          attempts: () => '"attempts" + 1',
          lastError: String(error.message ?? error).slice(0, MAX_ERROR_LENGTH),
          nextAttemptAt,
          claimedUntil: null,
        })
        .where('sequence = :sequence', { sequence: row.sequence })
        .execute(),
    );
  }

  private async release(rows: OutboxEvent[]): Promise<void> {
    if (rows.length === 0) return;
    await this.statement(
      `UPDATE ${tableOf(this.db, OutboxEvent)} SET "claimedUntil" = NULL WHERE "sequence" IN (:...sequences)`,
      {
        sequences: rows.map((r) => r.sequence),
      },
    );
  }

  /**
   * One statement of the relay's own, in no transaction (on SQLite queued behind the service's
   * transactions, on its one connection). It inserts no outbox row, so it does not kick the relay again.
   */
  private async statement(sql: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return (await outsideTransaction(this.db, (manager) => runStatement(manager, sql, params))).rows;
  }

  /**
   * One short transaction of the relay's own (it inserts no outbox row, so its commit does not
   * kick the relay again); on SQLite queued behind the service's transactions (one connection).
   */
  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.db, work);
  }
}

/**
 * Calls `kick` after a commit that inserted outbox rows (or after such an insert outside a
 * transaction): commits of the relay's own bookkeeping do not, so an idle relay stays idle.
 */
function outboxCommitHook(kick: () => void): EntitySubscriberInterface {
  const FLAG = 'outboxEventInserted';
  return {
    listenTo: () => OutboxEvent,
    afterInsert: (event) => {
      const data = event.queryRunner.data as Record<string, unknown>;
      if (event.queryRunner.isTransactionActive) data[FLAG] = true;
      else kick();
    },
    afterTransactionCommit: (event) => {
      const data = event.queryRunner.data as Record<string, unknown>;
      // A savepoint released inside a transaction: its rows are not visible until the outer commit.
      if (!data[FLAG] || event.queryRunner.isTransactionActive) return;
      delete data[FLAG];
      kick();
    },
    afterTransactionRollback: (event) => {
      if (!event.queryRunner.isTransactionActive) delete (event.queryRunner.data as Record<string, unknown>)[FLAG];
    },
  };
}

/** Rows waiting to be published, and the oldest of them: the relay's backlog. */
export async function outboxBacklog(db: DataSource): Promise<{ count: number; failing: number; oldestCreatedAt: Date | null }> {
  const row = await db
    .createQueryBuilder(OutboxEvent, 'e')
    .select('COUNT(*)', 'count')
    .addSelect('SUM(CASE WHEN e.attempts > 0 THEN 1 ELSE 0 END)', 'failing')
    .addSelect('MIN(e.createdAt)', 'oldest')
    .where('e.publishedAt IS NULL')
    .getRawOne<{ count: string | number; failing: string | number | null; oldest: string | Date | null }>();
  const oldest = row?.oldest ?? null;
  return {
    count: Number(row?.count ?? 0),
    failing: Number(row?.failing ?? 0),
    oldestCreatedAt: oldest === null ? null : oldest instanceof Date ? oldest : new Date(`${oldest.replace(' ', 'T')}Z`),
  };
}
