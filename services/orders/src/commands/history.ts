import { randomUUID } from 'node:crypto';
import type { Channel } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { OrderHistoryEntry } from '../entities/order';

/** Appends to an order's history inside the caller's transaction. */
export async function appendHistory(
  manager: EntityManager,
  entry: { orderId: string; channel: Channel | null; actor: string | null; event: string },
): Promise<void> {
  const last = await manager.maximum(OrderHistoryEntry, 'sequence', { orderId: entry.orderId });
  await manager.insert(OrderHistoryEntry, { id: randomUUID(), sequence: (last ?? 0) + 1, at: new Date(), ...entry });
}
