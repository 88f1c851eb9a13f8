import { createHmac, randomInt } from 'node:crypto';
import { normalizeGiftCardCode } from '@omni/platform';

export { normalizeGiftCardCode };

/** No 0/O, 1/I/L, U: read over the phone or typed at a till without ambiguity. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 4;
const GROUP = 4;

/**
 * A gift card code: 16 symbols of a 30-letter alphabet (~78 bits from the CSPRNG), shown as
 * four groups (`7KQ4-...`). Codes are not sequential, carry no check digit that would help
 * guessing, and are looked up exactly (no "did you mean").
 */
export function newGiftCardCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < GROUPS * GROUP; i++) code += ALPHABET[random(ALPHABET.length)];
  return code;
}

export function formatGiftCardCode(code: string): string {
  return code.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? code;
}

/** Whether a normalized code can be a card at all (anything else is looked up as nothing). */
export function isWellFormedGiftCardCode(code: string): boolean {
  return /^[A-Z0-9]{8,32}$/.test(code);
}

/**
 * The stored form of a code: HMAC-SHA256 of the normalized code under GIFT_CARD_SECRET, hex.
 * Keyed, so a copy of the table alone cannot be searched by hashing all 30^16 codes.
 */
export function giftCardHash(code: string, secret: string): string {
  return createHmac('sha256', secret).update(normalizeGiftCardCode(code), 'utf8').digest('hex');
}

/** The last four symbols of a code: enough to tell a shopper's cards apart, useless for guessing. */
export function giftCardLast4(code: string): string {
  return normalizeGiftCardCode(code).slice(-4);
}

export function maskGiftCardCode(last4: string): string {
  return `•••• ${last4}`;
}

/** Largest single gift card: 10,000.00 in any currency. */
export const MAX_GIFT_CARD_CENTS = 1_000_000;

/** The most a store-credit wallet holds after a top-up: 10,000.00 in any currency. */
export const MAX_WALLET_CENTS = 1_000_000;

/** The `ref` of a wallet top-up's TOP_UP entry: one per top-up. */
export function walletTopUpRef(topUpId: string): string {
  return `top-up:${topUpId}`;
}

export enum StoredValueKind {
  GIFT_CARD = 'GIFT_CARD',
  STORE_CREDIT = 'STORE_CREDIT',
}

export enum StoredValueEntryKind {
  ISSUE = 'ISSUE',
  CREDIT = 'CREDIT',
  DEBIT = 'DEBIT',
  ADJUSTMENT = 'ADJUSTMENT',
  /** Value given back when an order paid with it is refunded (`ref` = refundId:paymentId). */
  REFUND = 'REFUND',
  /** Store credit the shopper bought: a wallet top-up paid through a payment provider (`ref` = the top-up id). */
  TOP_UP = 'TOP_UP',
}

export enum HoldTarget {
  POINTS = 'POINTS',
  STORED_VALUE = 'STORED_VALUE',
}

export enum HoldStatus {
  HELD = 'HELD',
  CAPTURED = 'CAPTURED',
  RELEASED = 'RELEASED',
}

/** Points to reverse for `returned` of `quantity` units that earned `points` (floored, never above what is left). */
export function reversalPoints(points: number, quantity: number, alreadyReturned: number, returned: number): number {
  if (quantity <= 0 || returned <= 0) return 0;
  const upTo = Math.min(quantity, alreadyReturned + returned);
  const before = Math.floor((points * Math.min(quantity, alreadyReturned)) / quantity);
  const after = upTo === quantity ? points : Math.floor((points * upTo) / quantity);
  return Math.max(0, after - before);
}

/**
 * What a hold takes: all of `requested` or nothing (null), or in the "up to" mode as much of it
 * as is available (null when nothing is).
 */
export function holdableAmount(available: number, requested: number, upTo: boolean): number | null {
  if (requested <= 0 || available <= 0) return null;
  if (available >= requested) return requested;
  return upTo ? available : null;
}

/**
 * Units of an order line that stop earning when the order is modified: `earning` units still
 * earn (bought less those already returned or cancelled). Lowering the quantity removes the
 * units above the new quantity (a line raised earlier and lowered again removes nothing that
 * earned), a new SKU replaces every unit, quantity 0 removes the line.
 */
export function unitsRemovedByChange(change: { fromSku: string; sku: string; quantity: number }, earning: number): number {
  if (earning <= 0) return 0;
  if (change.sku !== change.fromSku) return earning;
  return Math.max(0, earning - Math.max(0, change.quantity));
}

/** Whether an account's points have expired: no activity for `inactiveDays` before `now`. */
export function isDormant(lastActivityAt: Date, now: Date, inactiveDays: number): boolean {
  return now.getTime() - lastActivityAt.getTime() >= inactiveDays * 24 * 3600 * 1000;
}
