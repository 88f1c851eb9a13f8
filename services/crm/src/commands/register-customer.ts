import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, recordEvent, type Channel } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { IdentityKind, normalizeEmail, normalizePhone } from '../domain/identity';
import { Address } from '../entities/address';
import { Customer, CustomerIdentity } from '../entities/customer';

export interface NewCustomer {
  email: string;
  phone?: string | null;
  firstName: string;
  lastName: string;
  channel: Channel;
  address?: {
    line1: string;
    city: string;
    postalCode: string;
    country: string;
    lat?: number | null;
    lng?: number | null;
  } | null;
}

export interface CustomerRegistered {
  customerId: string;
  email: string;
  phone: string | null;
}

/** Creates the customer with its email (and phone) identities, all or nothing. */
export async function registerCustomer(db: DataSource, input: NewCustomer): Promise<Customer> {
  const email = normalizeEmail(input.email);
  if (!email) throw new DomainError('INVALID_EMAIL', `"${input.email}" is not an email address`, ['input', 'email']);
  const phone = input.phone ? normalizePhone(input.phone) : null;
  if (input.phone && !phone) throw new DomainError('INVALID_PHONE', `"${input.phone}" is not a phone number`, ['input', 'phone']);
  const firstName = input.firstName.trim();
  const lastName = input.lastName.trim();
  if (!firstName) throw new DomainError('INVALID_NAME', 'first name is required', ['input', 'firstName']);
  if (!lastName) throw new DomainError('INVALID_NAME', 'last name is required', ['input', 'lastName']);
  const address = input.address;
  if (address && !/^[A-Za-z]{2}$/.test(address.country)) {
    throw new DomainError('INVALID_COUNTRY', 'country is an ISO 3166-1 alpha-2 code', ['input', 'address', 'country']);
  }

  return inTransaction(db, async (manager) => {
    const taken = await manager.findOneBy(CustomerIdentity, { kind: IdentityKind.EMAIL, value: email });
    if (taken) throw new DomainError('CUSTOMER_EXISTS', 'a customer with this email exists', ['input', 'email']);
    if (phone && (await manager.existsBy(CustomerIdentity, { kind: IdentityKind.PHONE, value: phone }))) {
      throw new DomainError('IDENTITY_TAKEN', 'this phone number belongs to another customer', ['input', 'phone']);
    }
    const customer = manager.create(Customer, {
      id: randomUUID(),
      email,
      phone,
      firstName,
      lastName,
      channels: [input.channel],
      mergedIntoId: null,
    });
    await manager.insert(Customer, customer);
    const identities = [{ kind: IdentityKind.EMAIL, value: email }];
    if (phone) identities.push({ kind: IdentityKind.PHONE, value: phone });
    await manager.insert(
      CustomerIdentity,
      identities.map((identity) => ({ id: randomUUID(), customerId: customer.id, channel: input.channel, ...identity })),
    );
    if (address) {
      await manager.insert(Address, {
        id: randomUUID(),
        customerId: customer.id,
        line1: address.line1.trim(),
        city: address.city.trim(),
        postalCode: address.postalCode.trim(),
        country: address.country.toUpperCase(),
        lat: address.lat ?? null,
        lng: address.lng ?? null,
      });
    }
    await recordEvent<CustomerRegistered>(
      manager,
      'crm.customer.registered',
      { customerId: customer.id, email, phone },
      input.channel,
    );
    return customer;
  });
}
