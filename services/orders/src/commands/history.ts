import { randomUUID } from 'node:crypto';
import type { Channel } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { OrderHistoryEntry } from '../entities/order';

/**
 * Appends to an order's history inside the caller's transaction: one event, or several in order
 * (one read of the last sequence and one INSERT, whatever their number). `last` is the last
 * sequence when the caller knows it (0 for an order its transaction creates): then no read.
 */
export async function appendHistory(
  manager: EntityManager,
  entry: { orderId: string; channel: Channel | null; actor: string | null; event: string | string[] },
  last?: number,
): Promise<void> {
  const events = typeof entry.event === 'string' ? [entry.event] : entry.event;
  if (events.length === 0) return;
  last ??= (await manager.maximum(OrderHistoryEntry, 'sequence', { orderId: entry.orderId })) ?? 0;
  const at = new Date();
  await manager
    .createQueryBuilder()
    .insert()
    .into(OrderHistoryEntry)
    .values(events.map((event, i) => ({ ...entry, id: randomUUID(), sequence: last + 1 + i, at, event })))
    .updateEntity(false)
    .execute();
}
