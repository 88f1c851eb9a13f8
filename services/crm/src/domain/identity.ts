import { toE164, type CountryCode } from './phone';

/** Identifier kinds a customer can be reached by. */
export enum IdentityKind {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  LOYALTY_CARD = 'LOYALTY_CARD',
  MARKETPLACE = 'MARKETPLACE',
  SOCIAL = 'SOCIAL',
  DEVICE = 'DEVICE',
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed and lower-cased, or null when it is not an email address. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : null;
}

/**
 * The stored form of an identifier of a given kind, or null when it is malformed. A phone number
 * becomes E.164, read in `phoneCountry` (the retailer's default) when it has no `+`.
 */
export function normalizeIdentity(kind: IdentityKind, raw: string, phoneCountry?: CountryCode): string | null {
  switch (kind) {
    case IdentityKind.EMAIL:
      return normalizeEmail(raw);
    case IdentityKind.PHONE:
      return toE164(raw, phoneCountry);
    default: {
      const value = raw.trim();
      return value.length > 0 && value.length <= 200 ? value : null;
    }
  }
}
