import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type { CountryCode } from 'libphonenumber-js';

/** The retailer's country when none is configured: numbers written without `+` are read as American. */
export const DEFAULT_PHONE_COUNTRY: CountryCode = 'US';

/** An ISO 3166-1 alpha-2 code libphonenumber has numbering rules for, or null. */
export function phoneCountry(raw: string): CountryCode | null {
  const code = raw.trim().toUpperCase();
  return isSupportedCountry(code) ? code : null;
}

/**
 * The number in E.164 (`+12125557788`), or null when it is not a phone number. A number without
 * a `+` is read in `country` (the retailer's default), so "212-555-7788" and "+1 212 555 7788"
 * are one phone in the US. A leading `00` (the international prefix of most countries) counts
 * as `+`.
 *
 * Accepted when its length is possible for its country (`isPossible`), not only when its range is
 * known to be assigned (`isValid`): numbering plans change faster than a deployed copy of the
 * metadata, and refusing a shopper's real number at the till costs more than storing a
 * well-formed number whose range is new (or fictional, like 555-01xx).
 */
export function toE164(raw: string, country: CountryCode = DEFAULT_PHONE_COUNTRY): string | null {
  const text = raw.trim();
  // Only digits and the usual separators: no letters ("555-CALL-NOW"), extensions or URIs.
  if (!/^\+?[\d\s().-]+$/.test(text)) return null;
  const international = text.replace(/^\+?\s*00/, '+');
  const number = parsePhoneNumberFromString(international, country);
  return number?.isPossible() ? number.number : null;
}

/**
 * The forms an E.164 number was stored in before numbers were normalized (digits only, as typed):
 * with its country code (`12125557788`) and, for a number of the default country, without it
 * (`2125557788`). Lookups match these too, so customers registered earlier are still found.
 */
export function legacyPhoneForms(e164: string, country: CountryCode = DEFAULT_PHONE_COUNTRY): string[] {
  const forms = [e164.slice(1)];
  const number = parsePhoneNumberFromString(e164);
  if (number && number.countryCallingCode === getCountryCallingCode(country)) forms.push(number.nationalNumber);
  return forms;
}

/**
 * A stored phone number as E.164. Numbers written since normalization already are; an earlier
 * row holds digits as typed, read in `country` first ("2125557788", "12125557788"), then as
 * international ("442079460101"). Left as stored when neither reading is a possible number.
 */
export function storedPhoneAsE164(stored: string, country: CountryCode = DEFAULT_PHONE_COUNTRY): string {
  if (stored.startsWith('+')) return stored;
  return toE164(stored, country) ?? toE164(`+${stored}`, country) ?? stored;
}
