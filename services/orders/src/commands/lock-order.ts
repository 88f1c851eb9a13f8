import { dialectOf } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { Order } from '../entities/order';

/** The order, locked for this change on PostgreSQL (SQLite has one writer). */
export async function lockOrder(manager: EntityManager, orderId: string): Promise<Order | null> {
  return dialectOf(manager.connection) === 'postgres'
    ? manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } })
    : manager.findOneBy(Order, { id: orderId });
}
