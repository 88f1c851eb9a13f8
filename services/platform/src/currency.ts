/**
 * Currency arithmetic in integer minor units: how many decimals a currency has, and conversion
 * at a configured rate with an explicit rounding. Rates are decimals kept exactly (a bigint of
 * billionths), never floats, so 0.92 stays 0.92 and a conversion is the same on every machine.
 */

/** Rates are kept to nine decimals: `RATE_SCALE` billionths. */
export const RATE_SCALE = 1_000_000_000n;

/** The largest rate accepted: a conversion that multiplies by more is a typo, not a currency pair. */
export const MAX_RATE = 1_000_000;

/** Minor-unit digits per ISO 4217 (JPY 0, USD 2, KWD 3), from the runtime's ICU data; 2 when unknown. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * A positive decimal written as text ("0.92", "150", "1.0825"): its value in billionths, or null
 * when it is not one (negative, zero, more than nine decimals, above `MAX_RATE`, exponent notation).
 */
export function parseRate(text: string): bigint | null {
  const match = /^(\d{1,7})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!match) return null;
  const scaled = BigInt(match[1]!) * RATE_SCALE + BigInt((match[2] ?? '').padEnd(9, '0') || '0');
  if (scaled <= 0n || scaled > BigInt(MAX_RATE) * RATE_SCALE) return null;
  return scaled;
}

/** A rate in billionths as the shortest decimal text ("0.92", "150"). */
export function formatRate(scaled: bigint): string {
  const whole = scaled / RATE_SCALE;
  const fraction = (scaled % RATE_SCALE).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

export type Rounding = 'down' | 'up' | 'nearest';

function divide(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  if (rounding === 'up') return quotient + 1n;
  if (rounding === 'nearest' && remainder * 2n >= denominator) return quotient + 1n;
  return quotient;
}

/**
 * `minor` units of `from` in minor units of `to`, where one unit of `from` is worth `rate`
 * (billionths) units of `to`: the currencies' decimals are taken into account (100 USD cents at
 * 150 are 150 JPY). `down` never gives more than the value, `up` never less. Non-negative amounts.
 */
export function convertMinor(minor: number, from: string, to: string, rate: bigint, rounding: Rounding): number {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError('an amount is whole minor units, zero or more');
  if (rate <= 0n) throw new RangeError('a rate is above zero');
  const shift = minorDigits(to) - minorDigits(from);
  let numerator = BigInt(minor) * rate;
  let denominator = RATE_SCALE;
  if (shift > 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return Number(divide(numerator, denominator, rounding));
}

/** The inverse rate (units of `from` per unit of `to`) for converting back, to nine decimals. */
export function inverseRate(rate: bigint): bigint {
  return divide(RATE_SCALE * RATE_SCALE, rate, 'nearest');
}
