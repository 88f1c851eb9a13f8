import { randomUUID } from 'node:crypto';
import { DomainError } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { Address } from '../entities/address';

export interface AddressFields {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
  lat?: number | null;
  lng?: number | null;
}

/** Checks an address before any write: required lines, an ISO country, a real coordinate pair. */
export function validateAddress(address: AddressFields, field: string[]): void {
  for (const key of ['line1', 'city', 'postalCode'] as const) {
    if (!address[key].trim()) throw new DomainError('INVALID_ADDRESS', `${key} is required`, [...field, key]);
  }
  if (!/^[A-Za-z]{2}$/.test(address.country.trim())) {
    throw new DomainError('INVALID_COUNTRY', 'country is an ISO 3166-1 alpha-2 code', [...field, 'country']);
  }
  const { lat, lng } = address;
  if ((lat == null) !== (lng == null))
    throw new DomainError('INVALID_LOCATION', 'give both lat and lng, or neither', [...field, lat == null ? 'lat' : 'lng']);
  if (lat != null && (!Number.isFinite(lat) || lat < -90 || lat > 90)) {
    throw new DomainError('INVALID_LOCATION', 'lat is between -90 and 90', [...field, 'lat']);
  }
  if (lng != null && (!Number.isFinite(lng) || lng < -180 || lng > 180)) {
    throw new DomainError('INVALID_LOCATION', 'lng is between -180 and 180', [...field, 'lng']);
  }
}

/** The stored columns of a validated address: trimmed, the country upper-cased. */
export function addressColumns(address: AddressFields): Omit<Address, 'id' | 'customerId' | 'location'> {
  return {
    line1: address.line1.trim(),
    city: address.city.trim(),
    postalCode: address.postalCode.trim(),
    country: address.country.trim().toUpperCase(),
    lat: address.lat ?? null,
    lng: address.lng ?? null,
  };
}

export async function insertAddress(manager: EntityManager, customerId: string, address: AddressFields): Promise<Address> {
  const row = manager.create(Address, { id: randomUUID(), customerId, ...addressColumns(address) });
  await manager.insert(Address, row);
  return row;
}
