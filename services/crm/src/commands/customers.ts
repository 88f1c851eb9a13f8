import { dialectOf, DomainError, type Channel } from '@omni/platform';
import { IsNull, type EntityManager } from 'typeorm';
import { Customer } from '../entities/customer';

/**
 * The live customer behind an id, locked until the transaction ends on PostgreSQL (SQLite runs
 * one transaction at a time). A merged-away id gives its survivor, so a write never lands on a
 * tombstone, and a merge running at the same time waits for this write (or this write for it).
 * Only the live row is locked: merges lock their pair in id order, so the two cannot deadlock.
 */
export async function lockCustomer(manager: EntityManager, id: string): Promise<Customer | null> {
  const postgres = dialectOf(manager.connection) === 'postgres';
  if (postgres) {
    // One statement for the common case, a live id: the row is locked only while it is not merged
    // away (PostgreSQL checks the condition again on the row it waited for).
    const live = await manager.findOne(Customer, { where: { id, mergedIntoId: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (live) return live;
  }
  let customer = await manager.findOneBy(Customer, { id });
  for (let hops = 0; customer && hops < 5; hops++) {
    if (!postgres && !customer.mergedIntoId) return customer;
    const target = customer.mergedIntoId ?? customer.id;
    customer = postgres
      ? await manager.findOne(Customer, { where: { id: target }, lock: { mode: 'pessimistic_write' } })
      : await manager.findOneBy(Customer, { id: target });
    // Merged away between the read and the lock: follow it to the survivor.
    if (customer && !customer.mergedIntoId) return customer;
  }
  return null;
}

/** `lockCustomer`, or the `UNKNOWN_CUSTOMER` user error on `field`. */
export async function requireCustomer(manager: EntityManager, id: string, field: string[]): Promise<Customer> {
  const customer = await lockCustomer(manager, id);
  if (!customer) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${id}`, field);
  return customer;
}

/** Adds `channel` to the channels the customer has touched, once. */
export async function touchChannel(manager: EntityManager, customer: Customer, channel: Channel | null): Promise<void> {
  if (!channel || customer.channels.includes(channel)) return;
  customer.channels = [...customer.channels, channel];
  await manager.update(Customer, { id: customer.id }, { channels: customer.channels });
}
