import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, isUniqueViolation, type Channel } from '@omni/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { defaultPhoneCountry } from '../configuration';
import { decideConsent, type ContactChannel } from '../domain/consent';
import { canOptOut, type MessageKind } from '../domain/messages';
import { IdentityKind, normalizeEmail } from '../domain/identity';
import { toE164 } from '../domain/phone';
import { Address } from '../entities/address';
import { Customer, CustomerIdentity, MarketingConsent } from '../entities/customer';
import { addressColumns, insertAddress, validateAddress, type AddressFields } from './addresses';
import { requireCustomer, touchChannel } from './customers';
import { holderOf } from './identities';

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

export interface ProfileChange {
  customerId: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  /** A new number; null removes it; undefined leaves it. */
  phone?: string | null;
  channel: Channel | null;
}

function name(raw: string, field: string): string {
  const value = raw.trim();
  if (!value || value.length > 100) throw new DomainError('INVALID_NAME', `${field} is 1 to 100 characters`, ['input', field]);
  return value;
}

/**
 * Replaces the customer's primary identifier of `kind` (their email, their phone): the new one
 * becomes an identity (`IDENTITY_TAKEN` when another customer holds it) and the one it replaces
 * stops finding them. Other identifiers of the same kind (from a merge) stay.
 */
async function replaceIdentity(
  manager: EntityManager,
  customer: Customer,
  kind: IdentityKind,
  previous: string | null,
  next: string | null,
  field: string[],
  channel: Channel | null,
): Promise<void> {
  if (previous === next) return;
  if (next) {
    const holder = await holderOf(manager, kind, next);
    if (holder && holder.customerId !== customer.id)
      throw new DomainError('IDENTITY_TAKEN', `this ${kind.toLowerCase()} belongs to another customer`, field);
    if (!holder)
      await manager.insert(CustomerIdentity, { id: randomUUID(), customerId: customer.id, kind, value: next, channel });
    // Their own number in its pre-E.164 form: kept, stored anew in E.164.
    else if (holder.value !== next) await manager.update(CustomerIdentity, { id: holder.id }, { value: next });
  }
  if (previous && previous !== next) {
    await manager.delete(CustomerIdentity, { customerId: customer.id, kind, value: previous });
  }
}

/**
 * Changes the shopper's name, email and phone (each only when given). The email and phone are
 * normalized like at registration (`INVALID_EMAIL`, `INVALID_PHONE`) and stay unique across
 * customers (`IDENTITY_TAKEN`); the replaced email or phone no longer finds the shopper.
 */
export async function updateProfile(db: DataSource, change: ProfileChange): Promise<Customer> {
  const firstName = change.firstName == null ? undefined : name(change.firstName, 'firstName');
  const lastName = change.lastName == null ? undefined : name(change.lastName, 'lastName');
  let email: string | undefined;
  if (change.email != null) {
    email = normalizeEmail(change.email) ?? undefined;
    if (!email) throw new DomainError('INVALID_EMAIL', `"${change.email}" is not an email address`, ['input', 'email']);
  }
  let phone: string | null | undefined;
  if (change.phone === null || change.phone?.trim() === '') phone = null;
  else if (change.phone !== undefined) {
    phone = toE164(change.phone, defaultPhoneCountry());
    if (!phone) throw new DomainError('INVALID_PHONE', `"${change.phone}" is not a phone number`, ['input', 'phone']);
  }
  try {
    return await inTransaction(db, async (manager) => {
      const customer = await requireCustomer(manager, change.customerId, ['input', 'customerId']);
      if (email !== undefined) {
        await replaceIdentity(manager, customer, IdentityKind.EMAIL, customer.email, email, ['input', 'email'], change.channel);
        customer.email = email;
      }
      if (phone !== undefined) {
        await replaceIdentity(manager, customer, IdentityKind.PHONE, customer.phone, phone, ['input', 'phone'], change.channel);
        customer.phone = phone;
      }
      if (firstName !== undefined) customer.firstName = firstName;
      if (lastName !== undefined) customer.lastName = lastName;
      await manager.update(
        Customer,
        { id: customer.id },
        { email: customer.email, phone: customer.phone, firstName: customer.firstName, lastName: customer.lastName },
      );
      await touchChannel(manager, customer, change.channel);
      return customer;
    });
  } catch (error) {
    // Two customers taking the same new email or phone at once: the unique identity index decides.
    if (isUniqueViolation(error)) {
      const field = email !== undefined ? 'email' : 'phone';
      throw new DomainError('IDENTITY_TAKEN', `this ${field} belongs to another customer`, ['input', field]);
    }
    throw error;
  }
}

async function ownAddress(manager: EntityManager, customerId: string, addressId: string): Promise<Address> {
  const address = await manager.findOneBy(Address, { id: addressId, customerId });
  if (!address) throw new DomainError('UNKNOWN_ADDRESS', `the customer has no address ${addressId}`, ['input', 'addressId']);
  return address;
}

/** Replaces one of the customer's addresses (`UNKNOWN_ADDRESS` when it is not theirs). */
export async function updateAddress(
  db: DataSource,
  customerId: string,
  addressId: string,
  fields: AddressFields,
): Promise<Customer> {
  validateAddress(fields, ['input', 'address']);
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, customerId, ['input', 'customerId']);
    await ownAddress(manager, customer.id, addressId);
    await manager.update(Address, { id: addressId }, addressColumns(fields));
    return customer;
  });
}

/** Removes one of the customer's addresses (`UNKNOWN_ADDRESS` when it is not theirs). */
export async function removeAddress(db: DataSource, customerId: string, addressId: string): Promise<Customer> {
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, customerId, ['input', 'customerId']);
    await ownAddress(manager, customer.id, addressId);
    await manager.delete(Address, { id: addressId });
    return customer;
  });
}
