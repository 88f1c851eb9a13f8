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
import { dialectOf } from '../database';
import type { Logger } from '../logger';
import type { EventBus } from './bus';
import { newEnvelope, type EventEnvelope } from './envelope';

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
 * only if the transaction commits.
 */
export async function recordEvent<P>(
  manager: EntityManager,
  type: string,
  payload: P,
  channel: Channel | null,
  version = 1,
): Promise<EventEnvelope<P>> {
  const event = newEnvelope(type, payload, channel, version);
  await manager.insert(OutboxEvent, {
    eventId: event.id,
    type: event.type,
    envelope: JSON.stringify(event),
    publishedAt: null,
    attempts: 0,
  });
  return event;
}

export interface RelayOptions {
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Publishes committed outbox rows in commit order. A publish that fails (bus down) leaves the
 * row for the next round; several replicas share the work with SKIP LOCKED on PostgreSQL.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private kicker: EntitySubscriberInterface | null = null;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: DataSource,
    private readonly bus: EventBus,
    private readonly log: Logger,
    options: RelayOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 100;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // One commit hook per relay, however often it is stopped and started again.
    if (!this.kicker) {
      this.kicker = { afterTransactionCommit: () => this.kick() };
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

  /** Publish soon: called after every commit. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Publishes everything pending now; returns how many events went out. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent < this.batchSize) return total;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.flush()
        .then(() => undefined)
        .catch((error: Error) => this.log.warn({ err: error.message }, 'outbox publish deferred'))
        .finally(() => {
          this.running = null;
          const next = this.again ? 0 : this.pollIntervalMs;
          this.again = false;
          this.schedule(next);
        });
    }, delayMs);
  }

  private async publishBatch(): Promise<number> {
    if (!this.db.isInitialized) return 0;
    const postgres = dialectOf(this.db) === 'postgres';
    const run = async (manager: EntityManager) => {
      let query = manager
        .createQueryBuilder(OutboxEvent, 'e')
        .where('e.publishedAt IS NULL')
        .orderBy('e.sequence', 'ASC')
        .limit(this.batchSize);
      if (postgres) query = query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await query.getMany();
      let sent = 0;
      for (const row of rows) {
        try {
          await this.bus.publish(JSON.parse(row.envelope) as EventEnvelope);
        } catch (error) {
          await manager.increment(OutboxEvent, { sequence: row.sequence }, 'attempts', 1);
          throw error;
        }
        await manager.update(OutboxEvent, { sequence: row.sequence }, { publishedAt: new Date() });
        sent++;
      }
      return sent;
    };
    // SQLite: a single writer in one process, so no transaction is held across publishes.
    return postgres ? this.db.transaction(run) : run(this.db.manager);
  }
}
