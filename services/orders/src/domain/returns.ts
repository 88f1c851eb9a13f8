import { randomInt } from 'node:crypto';

/** Returns: the pure rules (window, returnable units, what a refund pays back). */

export enum ReturnMethod {
  MAIL = 'MAIL',
  IN_STORE = 'IN_STORE',
}

export enum ReturnResolution {
  REFUND = 'REFUND',
  STORE_CREDIT = 'STORE_CREDIT',
  EXCHANGE = 'EXCHANGE',
}

export enum ReturnStatus {
  /** Opened: the RMA and (by mail) the label exist; nothing has arrived yet. */
  REQUESTED = 'REQUESTED',
  PARTIALLY_RECEIVED = 'PARTIALLY_RECEIVED',
  RECEIVED = 'RECEIVED',
}

/** Days after a line shipped or was collected during which it can be returned (the retailer's setting). */
export const DEFAULT_RETURN_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/** The last moment a line that left at `leftAt` can be returned. */
export function returnWindowClosesAt(leftAt: Date, windowDays: number): Date {
  return new Date(leftAt.getTime() + windowDays * DAY_MS);
}

export function withinReturnWindow(leftAt: Date, now: Date, windowDays: number): boolean {
  return now.getTime() <= returnWindowClosesAt(leftAt, windowDays).getTime();
}

/** Units of a line that can still be returned: what left, less what earlier returns already claim. */
export function returnableUnits(shipped: number, alreadyReturned: number): number {
  return Math.max(0, shipped - alreadyReturned);
}

export interface PaidLine {
  id: string;
  quantity: number;
  unitPriceCents: number;
}

/**
 * What the shopper paid for each line: its value less its share of the order discount, shared
 * by value with the remainder cents going to the largest fractions (ties in line order), so the
 * shares add up to the discount exactly.
 */
export function paidPerLine(lines: readonly PaidLine[], discountCents: number): Map<string, number> {
  const values = lines.map((l) => l.unitPriceCents * l.quantity);
  const subtotal = values.reduce((a, b) => a + b, 0);
  const discount = Math.min(Math.max(0, discountCents), subtotal);
  const paid = new Map<string, number>();
  if (subtotal === 0 || discount === 0) {
    lines.forEach((l, i) => paid.set(l.id, values[i]!));
    return paid;
  }
  const shares = values.map((v) => Math.floor((v * discount) / subtotal));
  let left = discount - shares.reduce((a, b) => a + b, 0);
  const byFraction = values
    .map((v, i) => ({ i, fraction: (v * discount) % subtotal }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of byFraction) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  lines.forEach((l, i) => paid.set(l.id, values[i]! - shares[i]!));
  return paid;
}

/**
 * The refund for `quantity` units of a line that paid `linePaidCents` for `lineQuantity` units,
 * `alreadyRefunded` units of it having been refunded before. Cumulative and floored, so any
 * sequence of returns of all units pays back exactly what was paid, never more.
 */
export function refundForUnits(linePaidCents: number, lineQuantity: number, alreadyRefunded: number, quantity: number): number {
  if (lineQuantity <= 0 || quantity <= 0) return 0;
  const before = Math.min(lineQuantity, Math.max(0, alreadyRefunded));
  const after = Math.min(lineQuantity, before + quantity);
  return Math.floor((linePaidCents * after) / lineQuantity) - Math.floor((linePaidCents * before) / lineQuantity);
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomBody(length: number, random: (max: number) => number): string {
  let body = '';
  for (let i = 0; i < length; i++) body += ALPHABET[random(ALPHABET.length)];
  return body;
}

/** E.g. "R-7K3Q-9M2X" (a unique index backs it). */
export function newRmaNumber(random: (max: number) => number = randomInt): string {
  const body = randomBody(8, random);
  return `R-${body.slice(0, 4)}-${body.slice(4)}`;
}

export const RETURN_CARRIER = 'UPS';

/** A prepaid return label for a mail return. */
export function returnLabel(
  rmaNumber: string,
  random: (max: number) => number = randomInt,
): { carrier: string; trackingNumber: string; url: string } {
  const trackingNumber = `1ZRMA${randomBody(11, random)}`;
  return { carrier: RETURN_CARRIER, trackingNumber, url: `https://labels.omni.example/returns/${rmaNumber}.pdf` };
}
