import { CreateDateColumn, Entity, Index, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../database';
import { runStatement } from '../entity-reads';
import { tableOf } from '../search/sql';
import type { Peers } from '../peers';
import type { EventEnvelope } from './envelope';

/** The events a consumer has applied: a redelivery finds its id here and changes nothing. */
@Entity('processed_event')
@Index('processed_event_processed_at', ['processedAt'])
export class ProcessedEvent {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  consumer!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  eventId!: string;

  @CreateDateColumn()
  processedAt!: Date;
}

/**
 * What a consumer may use besides its transaction: the service's peers, called as the service
 * (role SERVICE) with the event's id as request id. A peer call holds the transaction open while
 * it waits: keep it to reads, made before taking locks, and let a failure throw (the event is
 * retried) or degrade.
 */
export interface ConsumerTools {
  service: string;
  peers: Peers;
}

export interface ConsumerDefinition {
  /** Unique within the service; the durable name is `<service>-<name>`. */
  name: string;
  types: string[];
  handle: (manager: EntityManager, event: EventEnvelope, tools: ConsumerTools) => Promise<void>;
  /**
   * True for an event the handler would change nothing for, told before any transaction: it is
   * acknowledged without one, and without a de-duplication row (a redelivery is asked again).
   */
  ignores?: (db: DataSource, event: EventEnvelope) => Promise<boolean>;
}

/**
 * Applies an event exactly once per consumer: the processed-event row and the handler's
 * writes commit together, so a crash between them redelivers and re-applies cleanly.
 * Returns false when the event had been applied before.
 */
export async function applyOnce(
  db: DataSource,
  consumer: string,
  event: EventEnvelope,
  handle: (manager: EntityManager, event: EventEnvelope) => Promise<void>,
): Promise<boolean> {
  return inTransaction(db, async (manager) => {
    if ((await claimEvents(manager, [{ consumer, eventId: event.id }])).size === 0) return false;
    await handle(manager, event);
    return true;
  });
}

/** A consumer's claim on one event: the key `claimEvents` returns for it. */
export function claimKey(consumer: string, eventId: string): string {
  return `${consumer}\u0000${eventId}`;
}

/**
 * Claims events for their consumers with one statement, in the caller's transaction: the pairs
 * inserted now come back (as `claimKey`s), those applied before do not (on PostgreSQL a pair
 * claimed by a concurrent transaction waits for it). A pair listed twice is claimed once.
 */
export async function claimEvents(
  manager: EntityManager,
  claims: readonly { consumer: string; eventId: string }[],
): Promise<Set<string>> {
  const params: Record<string, string> = {};
  const unique = [...new Map(claims.map((claim) => [claimKey(claim.consumer, claim.eventId), claim])).values()];
  const values = unique.map(({ consumer, eventId }, i) => {
    params[`c${i}`] = consumer;
    params[`e${i}`] = eventId;
    return `(:c${i}, :e${i})`;
  });
  const { rows } = await runStatement(
    manager,
    `INSERT INTO ${tableOf(manager.connection, ProcessedEvent)} ("consumer", "eventId") VALUES ${values.join(', ')} ` +
      `ON CONFLICT DO NOTHING RETURNING "consumer", "eventId"`,
    params,
  );
  return new Set(rows.map((row) => claimKey(String(row.consumer), String(row.eventId))));
}
