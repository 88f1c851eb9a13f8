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
 * Digits only, so "+1 (555) 010-2000" and "15550102000" are one phone. A leading "00"
 * international prefix is dropped; 7 to 15 digits (E.164) are accepted.
 */
export function normalizePhone(raw: string): string | null {
  if (!/^[\d\s()+.-]+$/.test(raw.trim())) return null;
  let digits = raw.replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  return digits.length >= 7 && digits.length <= 15 ? digits : null;
}

/** The stored form of an identifier of a given kind, or null when it is malformed. */
export function normalizeIdentity(kind: IdentityKind, raw: string): string | null {
  switch (kind) {
    case IdentityKind.EMAIL:
      return normalizeEmail(raw);
    case IdentityKind.PHONE:
      return normalizePhone(raw);
    default: {
      const value = raw.trim();
      return value.length > 0 && value.length <= 200 ? value : null;
    }
  }
}
