/**
 * The money of an order, as pure rules: which tenders pay how much, what goes back to each
 * when the order costs less, and what the customer still owes. Commands call these and do no
 * arithmetic of their own. All amounts are integer minor units of the order's currency.
 */

export enum PaymentMethod {
  CARD = 'CARD',
  GIFT_CARD = 'GIFT_CARD',
  STORE_CREDIT = 'STORE_CREDIT',
  POINTS = 'POINTS',
  CASH = 'CASH',
}

export enum PaymentStatus {
  AUTHORIZED = 'AUTHORIZED',
  CAPTURED = 'CAPTURED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
  VOIDED = 'VOIDED',
}

/** One loyalty point is worth one minor unit (100 points = 1.00) when redeemed. */
export const POINT_VALUE_MINOR_UNITS = 1;

/** Points needed to pay `cents` (rounded up: a fraction of a point is a whole point). */
export function pointsFor(cents: number): number {
  return Math.ceil(cents / POINT_VALUE_MINOR_UNITS);
}

/**
 * The order in which refunds go back: the external payment first (the shopper's own money),
 * then gift cards, then store credit, then points. Within a method, the latest payment first.
 */
export const REFUND_ORDER: readonly PaymentMethod[] = [
  PaymentMethod.CARD,
  PaymentMethod.CASH,
  PaymentMethod.GIFT_CARD,
  PaymentMethod.STORE_CREDIT,
  PaymentMethod.POINTS,
];

/** What is still to pay after the tenders that came before, capped at what a tender offers. */
export function nextTender(remainingCents: number, offeredCents: number): number {
  return Math.max(0, Math.min(remainingCents, offeredCents));
}

export interface PaymentState {
  id: string;
  method: PaymentMethod;
  status: PaymentStatus;
  amountCents: number;
  refundedCents: number;
  points: number;
  refundedPoints: number;
  /** Position in which it was taken; later ones are refunded first within a method. */
  sequence: number;
}

/** What a payment still holds for the customer: taken and not refunded (voided: nothing). */
export function netPaid(payment: PaymentState): number {
  return payment.status === PaymentStatus.VOIDED ? 0 : payment.amountCents - payment.refundedCents;
}

export function totalPaid(payments: readonly PaymentState[]): number {
  return payments.reduce((sum, p) => sum + netPaid(p), 0);
}

/**
 * What the customer still owes: the order's total less what its tenders hold, plus what was paid
 * out other than to the tenders (store credit for a return, value moved to an exchange order).
 * Negative: the retailer owes the customer.
 */
export function balanceDue(totalCents: number, payments: readonly PaymentState[], paidOutCents = 0): number {
  return totalCents - totalPaid(payments) + paidOutCents;
}

/** How much goes back to the tenders when the order now costs `totalCents`: what was paid above it. */
export function refundDue(totalCents: number, payments: readonly PaymentState[], paidOutCents = 0): number {
  return Math.max(0, -balanceDue(totalCents, payments, paidOutCents));
}

export interface RefundMove {
  paymentId: string;
  method: PaymentMethod;
  cents: number;
  /** Points given back (POINTS only): proportional to the cents, never more than were spent. */
  points: number;
}

/**
 * Splits a refund over the order's payments in REFUND_ORDER, each up to what it still holds.
 * Throws when the payments hold less than asked: a refund is never larger than what was paid.
 */
export function allocateRefund(payments: readonly PaymentState[], refundCents: number): RefundMove[] {
  if (!Number.isSafeInteger(refundCents) || refundCents < 0) throw new RangeError('a refund is whole cents, zero or more');
  if (refundCents > totalPaid(payments)) throw new RangeError('a refund cannot exceed what was paid');
  const ordered = [...payments]
    .filter((p) => netPaid(p) > 0)
    .sort((a, b) => REFUND_ORDER.indexOf(a.method) - REFUND_ORDER.indexOf(b.method) || b.sequence - a.sequence);
  const moves: RefundMove[] = [];
  let left = refundCents;
  for (const p of ordered) {
    if (left === 0) break;
    const cents = Math.min(left, netPaid(p));
    left -= cents;
    moves.push({ paymentId: p.id, method: p.method, cents, points: refundedPoints(p, cents) });
  }
  return moves;
}

/**
 * Points given back for `cents` of a points payment: cumulative and floored against the payment,
 * so refunding all of its cents (in any steps) gives back exactly the points spent.
 */
export function refundedPoints(payment: PaymentState, cents: number): number {
  if (payment.method !== PaymentMethod.POINTS || payment.amountCents === 0) return 0;
  const after = Math.floor((payment.points * (payment.refundedCents + cents)) / payment.amountCents);
  return Math.min(payment.points, after) - payment.refundedPoints;
}

/** A payment after `cents` of it went back. */
export function afterRefund(payment: PaymentState, move: RefundMove): PaymentState {
  const refundedCents = payment.refundedCents + move.cents;
  const status =
    refundedCents >= payment.amountCents
      ? PaymentStatus.REFUNDED
      : refundedCents > 0
        ? PaymentStatus.PARTIALLY_REFUNDED
        : payment.status;
  return { ...payment, refundedCents, refundedPoints: payment.refundedPoints + move.points, status };
}

export interface PricedLineIn {
  id: string;
  quantity: number;
  unitPriceCents: number;
  /** The line's total after its promotions. */
  totalCents: number;
}

/** Each line's discount: its value less its promoted total (never negative). */
export function lineDiscounts(lines: readonly PricedLineIn[]): Map<string, number> {
  return new Map(lines.map((l) => [l.id, Math.max(0, l.unitPriceCents * l.quantity - l.totalCents)]));
}

/**
 * Points for a payment of `cents`, where the shopper asked to redeem up to `redeemPoints`:
 * the cents the points cover (never more than what is left to pay) and the points that takes.
 */
export function pointsTender(remainingCents: number, redeemPoints: number): { cents: number; points: number } {
  const cents = nextTender(remainingCents, redeemPoints * POINT_VALUE_MINOR_UNITS);
  return { cents, points: pointsFor(cents) };
}
