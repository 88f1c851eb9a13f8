import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, type Channel } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { decideConsent, type ContactChannel } from '../domain/consent';
import { canOptOut, type MessageKind } from '../domain/messages';
import { Customer, MarketingConsent } from '../entities/customer';
import { insertAddress, validateAddress, type AddressFields } from './addresses';
import { requireCustomer, touchChannel } from './customers';

export interface ConsentDecision {
  customerId: string;
  channel: ContactChannel;
  granted: boolean;
  /** Where the customer decided (the web preference centre, a store, the call center, ...). */
  source: Channel;
}

/** Records the customer's consent decision for one contact channel, with when and where. */
export async function setMarketingConsent(db: DataSource, decision: ConsentDecision): Promise<Customer> {
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, decision.customerId, ['input', 'customerId']);
    const current = await manager.findOneBy(MarketingConsent, { customerId: customer.id, channel: decision.channel });
    const next = decideConsent(current, decision.channel, decision.granted, decision.source, new Date());
    if (current) await manager.update(MarketingConsent, { id: current.id }, next);
    else await manager.insert(MarketingConsent, { id: randomUUID(), customerId: customer.id, ...next });
    await touchChannel(manager, customer, decision.source);
    return customer;
  });
}

/** Adds a postal address (with its coordinates, when known) to the customer. */
export async function addAddress(db: DataSource, customerId: string, address: AddressFields): Promise<Customer> {
  validateAddress(address, ['input', 'address']);
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, customerId, ['input', 'customerId']);
    await insertAddress(manager, customer.id, address);
    return customer;
  });
}

/**
 * Stops (or resumes) one kind of transactional message for the shopper, on every channel. A
 * gift card's code cannot be opted out of (`OPT_OUT_NOT_ALLOWED`).
 */
export async function setMessageOptOut(
  db: DataSource,
  customerId: string,
  kind: MessageKind,
  optedOut: boolean,
): Promise<Customer> {
  if (!canOptOut(kind)) throw new DomainError('OPT_OUT_NOT_ALLOWED', `${kind} messages are always sent`, ['input', 'kind']);
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, customerId, ['input', 'customerId']);
    const others = customer.messageOptOuts.filter((k) => k !== kind);
    customer.messageOptOuts = optedOut ? [...others, kind] : others;
    await manager.update(Customer, { id: customer.id }, { messageOptOuts: customer.messageOptOuts });
    return customer;
  });
}
