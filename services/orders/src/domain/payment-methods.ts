import { hasControlCharacters } from './input';

/** Saved payment methods: the pure rules for what a shopper may save. */

export const MAX_SAVED_METHODS = 10;
export const MAX_TOKEN_LENGTH = 200;
export const MAX_BRAND_LENGTH = 20;

export interface PaymentMethodDetails {
  token: string;
  brand: string;
  last4: string;
  expiryMonth?: number | null;
  expiryYear?: number | null;
}

export interface DetailsProblem {
  code: string;
  message: string;
  field: string;
}

/** The last day of the expiry month (YYYY-MM-DD), or null when no expiry is given. */
export function expiresOn(month: number | null | undefined, year: number | null | undefined): string | null {
  if (month == null || year == null) return null;
  const last = new Date(Date.UTC(year, month, 0));
  return last.toISOString().slice(0, 10);
}

/**
 * Why these details cannot be saved, or null: a token of the provider (never a card number: a
 * 12-19 digit string is refused), a brand, exactly four last digits, an expiry month and year
 * given together and not past.
 */
export function detailsProblem(details: PaymentMethodDetails, today: string): DetailsProblem | null {
  const token = details.token.trim();
  if (!token || token.length > MAX_TOKEN_LENGTH || hasControlCharacters(token)) {
    return { code: 'INVALID_PAYMENT_TOKEN', message: `a token is 1 to ${MAX_TOKEN_LENGTH} characters`, field: 'token' };
  }
  if (/^[\d\s-]{12,23}$/.test(token) && token.replace(/\D/g, '').length >= 12) {
    return { code: 'CARD_NUMBER_REFUSED', message: "save the provider's token, never a card number", field: 'token' };
  }
  const brand = details.brand.trim();
  if (!brand || brand.length > MAX_BRAND_LENGTH || hasControlCharacters(brand)) {
    return { code: 'INVALID_BRAND', message: `a brand is 1 to ${MAX_BRAND_LENGTH} characters`, field: 'brand' };
  }
  if (!/^\d{4}$/.test(details.last4)) return { code: 'INVALID_LAST4', message: 'last4 is exactly four digits', field: 'last4' };
  const { expiryMonth: month, expiryYear: year } = details;
  if ((month == null) !== (year == null)) {
    return { code: 'INVALID_EXPIRY', message: 'give the expiry month and year together', field: 'expiryMonth' };
  }
  if (month != null && year != null) {
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      return { code: 'INVALID_EXPIRY', message: 'an expiry month is 1 to 12', field: 'expiryMonth' };
    }
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      return { code: 'INVALID_EXPIRY', message: 'an expiry year has four digits', field: 'expiryYear' };
    }
    if (expiresOn(month, year)! < today) return { code: 'CARD_EXPIRED', message: 'this card has expired', field: 'expiryYear' };
  }
  return null;
}

/** Whether a saved method can still pay on `today`. */
export function isExpired(method: { expiresOn: string | null }, today: string): boolean {
  return method.expiresOn !== null && method.expiresOn < today;
}
