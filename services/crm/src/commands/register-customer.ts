import { randomUUID } from 'node:crypto';
import {
  DomainError,
  inTransaction,
  recordEvent,
  type Channel,
  type CustomerRegistered,
  isUniqueViolation,
} from '@omni/platform';
import type { DataSource } from 'typeorm';
import { decideConsent, type ContactChannel } from '../domain/consent';
import { defaultPhoneCountry } from '../configuration';
import { IdentityKind, normalizeEmail } from '../domain/identity';
import { toE164 } from '../domain/phone';
import { Customer, CustomerIdentity, MarketingConsent } from '../entities/customer';
import { insertAddress, validateAddress, type AddressFields } from './addresses';
import { CustomerEngagement } from '../entities/engagement';
import { checkBirthday, engagementRow } from './engagement';
import { holderOf } from './identities';

export interface NewCustomer {
  email: string;
  phone?: string | null;
  firstName: string;
  lastName: string;
  channel: Channel;
  address?: AddressFields | null;
  /** Channels the customer agreed to be contacted on, given now in `channel`. */
  marketingConsent?: ContactChannel[] | null;
  /** Month and day (and year) of birth, for the birthday greeting; null: not given. */
  birthday?: { month: number; day: number; year?: number | null } | null;
  /** IANA time zone the birthday greeting follows; null: the retailer's. */
  timeZone?: string | null;
}

/** Creates the customer with its email (and phone) identities, address and consents, all or nothing. */
export async function registerCustomer(db: DataSource, input: NewCustomer): Promise<Customer> {
  const email = normalizeEmail(input.email);
  if (!email) throw new DomainError('INVALID_EMAIL', `"${input.email}" is not an email address`, ['input', 'email']);
  const phone = input.phone ? toE164(input.phone, defaultPhoneCountry()) : null;
  if (input.phone && !phone) throw new DomainError('INVALID_PHONE', `"${input.phone}" is not a phone number`, ['input', 'phone']);
  const firstName = input.firstName.trim();
  const lastName = input.lastName.trim();
  if (!firstName || firstName.length > 100)
    throw new DomainError('INVALID_NAME', 'first name is required (at most 100 characters)', ['input', 'firstName']);
  if (!lastName || lastName.length > 100)
    throw new DomainError('INVALID_NAME', 'last name is required (at most 100 characters)', ['input', 'lastName']);
  const address = input.address;
  if (address) validateAddress(address, ['input', 'address']);
  const consents = [...new Set(input.marketingConsent ?? [])];
  const birthday = input.birthday ? { ...input.birthday, year: input.birthday.year ?? null } : null;
  const timeZone = checkBirthday(birthday, input.timeZone, new Date());

  try {
    return await inTransaction(db, async (manager) => {
      const taken = await manager.findOneBy(CustomerIdentity, { kind: IdentityKind.EMAIL, value: email });
      if (taken) throw new DomainError('CUSTOMER_EXISTS', 'a customer with this email exists', ['input', 'email']);
      if (phone && (await holderOf(manager, IdentityKind.PHONE, phone))) {
        throw new DomainError('IDENTITY_TAKEN', 'this phone number belongs to another customer', ['input', 'phone']);
      }
      const customer = manager.create(Customer, {
        id: randomUUID(),
        email,
        phone,
        firstName,
        lastName,
        channels: [input.channel],
        messageOptOuts: [],
        erasedAt: null,
        mergedIntoId: null,
      });
      await manager.insert(Customer, customer);
      const identities = [{ kind: IdentityKind.EMAIL, value: email }];
      if (phone) identities.push({ kind: IdentityKind.PHONE, value: phone });
      await manager.insert(
        CustomerIdentity,
        identities.map((identity) => ({ id: randomUUID(), customerId: customer.id, channel: input.channel, ...identity })),
      );
      if (address) await insertAddress(manager, customer.id, address);
      const now = new Date();
      if (birthday || timeZone) {
        await engagementRow(manager, customer, now, { lastActivityAt: now });
        await manager.update(
          CustomerEngagement,
          { customerId: customer.id },
          { birthMonth: birthday?.month ?? null, birthDay: birthday?.day ?? null, birthYear: birthday?.year ?? null, timeZone },
        );
      }
      if (consents.length > 0) {
        await manager.insert(
          MarketingConsent,
          consents.map((channel) => ({
            id: randomUUID(),
            customerId: customer.id,
            ...decideConsent(null, channel, true, input.channel, now),
          })),
        );
      }
      await recordEvent<CustomerRegistered>(
        manager,
        'crm.customer.registered',
        { customerId: customer.id, email, phone },
        input.channel,
      );
      return customer;
    });
  } catch (error) {
    // Two registrations racing for one email: the unique identity index lets one through.
    if (isUniqueViolation(error))
      throw new DomainError('CUSTOMER_EXISTS', 'a customer with this email exists', ['input', 'email']);
    throw error;
  }
}
