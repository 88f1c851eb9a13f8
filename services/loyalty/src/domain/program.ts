import { randomInt } from 'node:crypto';

export enum LoyaltyTier {
  BRONZE = 'BRONZE',
  SILVER = 'SILVER',
  GOLD = 'GOLD',
  PLATINUM = 'PLATINUM',
}

export enum LedgerKind {
  EARN = 'EARN',
  BURN = 'BURN',
  REVERSAL = 'REVERSAL',
  EXPIRY = 'EXPIRY',
  ADJUSTMENT = 'ADJUSTMENT',
  /** Points given back when an order paid with them is refunded (`ref` = refundId:paymentId). */
  REFUND = 'REFUND',
}

/** Points earned in the last 12 months needed for each tier, highest first. */
export const TIER_THRESHOLDS: readonly [LoyaltyTier, number][] = [
  [LoyaltyTier.PLATINUM, 10_000],
  [LoyaltyTier.GOLD, 4_000],
  [LoyaltyTier.SILVER, 1_000],
  [LoyaltyTier.BRONZE, 0],
];

export function tierFor(pointsLast12Months: number): LoyaltyTier {
  return TIER_THRESHOLDS.find(([, threshold]) => pointsLast12Months >= threshold)![0];
}

/** Base earn rule: one point per whole currency unit paid (cents are never rounded up). */
export function basePurchasePoints(paidCents: number): number {
  return Math.max(0, Math.floor(paidCents / 100));
}

/** Luhn check digit, so a mistyped card number is caught at the till. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidCardNumber(card: string): boolean {
  return /^\d{12,19}$/.test(card) && luhnCheckDigit(card.slice(0, -1)) === Number(card.slice(-1));
}

/** A 16-digit card number: program prefix 7, 14 random digits, a Luhn check digit. */
export function newCardNumber(random: (max: number) => number = randomInt): string {
  let body = '7';
  for (let i = 0; i < 14; i++) body += String(random(10));
  return body + String(luhnCheckDigit(body));
}
