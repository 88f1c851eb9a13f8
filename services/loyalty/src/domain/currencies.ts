import { convertMinor, minorDigits, parseRate, RATE_SCALE } from '@omni/platform';

/**
 * Points and stored value in more than one currency, as pure rules in integer minor units. A
 * currency's earn rate weighs what is paid in it against the program's rules (rules speak of
 * "points per currency unit"); its point value is what one point pays, in its minor units. A
 * currency without settings earns and redeems as the program always did: rate 1, a point worth
 * one minor unit. Stored value (gift cards, store credit) keeps its currency and crosses into
 * another only at a configured conversion rate, and the rate used is kept with the hold.
 */

/** Rates are exact decimals in billionths (`parseRate`); these are 1 and one minor unit. */
export const DEFAULT_EARN_RATE = RATE_SCALE;
export const DEFAULT_POINT_VALUE = RATE_SCALE;

/** A currency's stored earn rate (a decimal), or the default for a currency without settings. */
export function earnRateOf(stored: string | null | undefined): bigint {
  return (stored ? parseRate(stored) : null) ?? DEFAULT_EARN_RATE;
}

/**
 * The weight of one minor unit of a currency in the earn rules, which count minor units as cents
 * ("points per currency unit" = per 100 minor units): its earn rate. A currency without settings
 * weighs 1, as before markets; for a currency without decimals the rate says what 100 of it earn.
 */
export function earnWeight(earnRate: bigint = DEFAULT_EARN_RATE): number {
  return Number(earnRate) / Number(RATE_SCALE);
}

/** What `points` pay, in minor units, at `pointValue` (billionths of a minor unit per point): floored. */
export function pointsValue(points: number, pointValue: bigint = DEFAULT_POINT_VALUE): number {
  return Number((BigInt(points) * pointValue) / RATE_SCALE);
}

/**
 * A points payment of what is left to pay, where the shopper offers up to `offeredPoints`: the
 * minor units they cover (never more than what is left, never more than the points are worth)
 * and the points that takes (a fraction of a point is a whole point, never more than offered).
 */
export function pointsTender(
  remainingCents: number,
  offeredPoints: number,
  pointValue: bigint = DEFAULT_POINT_VALUE,
): { cents: number; points: number } {
  const cents = Math.max(0, Math.min(remainingCents, pointsValue(offeredPoints, pointValue)));
  if (cents === 0) return { cents: 0, points: 0 };
  const points = Number((BigInt(cents) * RATE_SCALE + pointValue - 1n) / pointValue);
  return { cents, points: Math.min(points, offeredPoints) };
}

/**
 * The least of `from` (minor units) that is worth at least `minor` of `to` at `rate` (one unit
 * of `from` = rate units of `to`), so converting it back down gives `minor` or more.
 */
export function coveringAmount(minor: number, from: string, to: string, rate: bigint): number {
  const shift = minorDigits(from) - minorDigits(to);
  let numerator = BigInt(minor) * RATE_SCALE;
  let denominator = rate;
  if (shift > 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return Number((numerator + denominator - 1n) / denominator);
}

export interface ConvertedHold {
  /** Taken from the card or wallet, in its own currency. */
  accountCents: number;
  /** What that pays of the order, in the order's currency. */
  orderCents: number;
}

/**
 * How much of a gift card or wallet in `accountCurrency` pays `dueCents` of an order in
 * `orderCurrency` at `rate`: enough to cover it (rounded up on the card, so the order is paid in
 * full), or with `upTo` all that is available (its value rounded down). Null when it pays nothing.
 */
export function convertedHold(
  dueCents: number,
  availableCents: number,
  accountCurrency: string,
  orderCurrency: string,
  rate: bigint,
  upTo: boolean,
): ConvertedHold | null {
  if (dueCents <= 0 || availableCents <= 0) return null;
  const needed = coveringAmount(dueCents, accountCurrency, orderCurrency, rate);
  if (needed <= availableCents) return { accountCents: needed, orderCents: dueCents };
  if (!upTo) return null;
  const orderCents = Math.min(dueCents, convertMinor(availableCents, accountCurrency, orderCurrency, rate, 'down'));
  return orderCents > 0 ? { accountCents: availableCents, orderCents } : null;
}

/**
 * The card's share of `orderCents` of a converted hold (`accountCents` taken for `heldOrderCents`),
 * at the rate of the hold: all of it for the whole, else in proportion, to the nearest minor unit.
 */
export function accountShare(orderCents: number, hold: { accountCents: number; orderCents: number }): number {
  if (hold.orderCents <= 0) return 0;
  if (orderCents >= hold.orderCents) return hold.accountCents;
  return Number((BigInt(orderCents) * BigInt(hold.accountCents) * 2n + BigInt(hold.orderCents)) / (2n * BigInt(hold.orderCents)));
}
