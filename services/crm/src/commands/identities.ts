import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, type Channel, isUniqueViolation } from '@omni/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { defaultPhoneCountry } from '../configuration';
import { IdentityKind, normalizeIdentity } from '../domain/identity';
import { legacyPhoneForms } from '../domain/phone';
import { Customer, CustomerIdentity } from '../entities/customer';
import { requireCustomer, touchChannel } from './customers';

export interface LinkIdentityRequest {
  customerId: string;
  kind: IdentityKind;
  value: string;
  channel?: Channel | null;
}

const MALFORMED: Partial<Record<IdentityKind, string>> = {
  [IdentityKind.EMAIL]: 'INVALID_EMAIL',
  [IdentityKind.PHONE]: 'INVALID_PHONE',
};

/** The stored form of an identifier, or the kind's user error (`INVALID_EMAIL`, `INVALID_PHONE`, `INVALID_IDENTITY`). */
export function requireIdentityValue(kind: IdentityKind, raw: string, field: string[]): string {
  const value = normalizeIdentity(kind, raw, defaultPhoneCountry());
  if (!value)
    throw new DomainError(
      MALFORMED[kind] ?? 'INVALID_IDENTITY',
      `"${raw}" is not a valid ${kind.toLowerCase()} identifier`,
      field,
    );
  return value;
}

/**
 * The stored forms an identifier may have: itself, and for an E.164 phone number also the
 * digits-only forms numbers were stored in before normalization (`legacyPhoneForms`), so a number
 * held by a customer registered earlier is recognized as taken.
 */
export function storedForms(kind: IdentityKind, value: string): string[] {
  return kind === IdentityKind.PHONE ? [value, ...legacyPhoneForms(value, defaultPhoneCountry())] : [value];
}

/** Who holds an identifier (in any of its stored forms), in a transaction. */
export async function holderOf(manager: EntityManager, kind: IdentityKind, value: string): Promise<CustomerIdentity | null> {
  const forms = storedForms(kind, value);
  const rows = await manager.findBy(CustomerIdentity, { kind, value: In(forms) });
  return rows.sort((a, b) => forms.indexOf(a.value) - forms.indexOf(b.value))[0] ?? null;
}

function taken(kind: IdentityKind): DomainError {
  return new DomainError('IDENTITY_TAKEN', `this ${kind.toLowerCase()} identifier belongs to another customer`, [
    'input',
    'value',
  ]);
}

/**
 * Makes the customer reachable by one more identifier. An identifier belongs to one customer:
 * linking one that another customer holds is `IDENTITY_TAKEN`; linking one the customer already
 * has changes nothing. A first phone number also becomes the customer's phone.
 */
export async function linkIdentity(db: DataSource, request: LinkIdentityRequest): Promise<Customer> {
  const value = requireIdentityValue(request.kind, request.value, ['input', 'value']);
  try {
    return await inTransaction(db, async (manager) => {
      const customer = await requireCustomer(manager, request.customerId, ['input', 'customerId']);
      const holder = await holderOf(manager, request.kind, value);
      if (holder) {
        if (holder.customerId !== customer.id) throw taken(request.kind);
        return customer;
      }
      await manager.insert(CustomerIdentity, {
        id: randomUUID(),
        customerId: customer.id,
        kind: request.kind,
        value,
        channel: request.channel ?? null,
      });
      if (request.kind === IdentityKind.PHONE && !customer.phone) {
        customer.phone = value;
        await manager.update(Customer, { id: customer.id }, { phone: value });
      }
      await touchChannel(manager, customer, request.channel ?? null);
      return customer;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(request.kind);
    throw error;
  }
}

/**
 * Who holds an identifier, however it is written: the stored form of `raw`, and for a phone
 * number also the digits-only forms numbers were stored in before they were E.164 (read
 * fallback for existing rows: see `legacyPhoneForms`). Null when malformed or unknown.
 */
export async function identityHolder(db: DataSource, kind: IdentityKind, raw: string): Promise<CustomerIdentity | null> {
  const value = normalizeIdentity(kind, raw, defaultPhoneCountry());
  return value ? holderOf(db.manager, kind, value) : null;
}
