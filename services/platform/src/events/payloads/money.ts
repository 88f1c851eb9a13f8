import { z } from 'zod';
import { defineEvent } from './definition';

/**
 * The money events between orders (which owns an order's payments) and loyalty (which owns
 * points, store credit and gift cards). One definition, imported by the producer and every
 * consumer; consumers parse with these schemas, never cast.
 */

/** How an order was paid, one entry per tender. */
export const PAYMENT_METHODS = ['CARD', 'GIFT_CARD', 'STORE_CREDIT', 'POINTS', 'CASH'] as const;
export type PaymentMethodName = (typeof PAYMENT_METHODS)[number];

/** The tenders loyalty holds and settles. */
export const LOYALTY_TENDERS = ['GIFT_CARD', 'STORE_CREDIT', 'POINTS'] as const;

/** A loyalty tender of an order: the hold taken before the order committed, and its value. */
export const LoyaltyTenderSchema = z.object({
  paymentId: z.string().min(1),
  method: z.enum(LOYALTY_TENDERS),
  holdId: z.string().min(1),
  /** Minor units of the order's currency (for points: what the points paid). */
  amountCents: z.number().int().nonnegative(),
  /** Points spent (POINTS only, else 0). */
  points: z.number().int().nonnegative(),
});
export type LoyaltyTender = z.infer<typeof LoyaltyTenderSchema>;

/**
 * `orders.payment.captured`, version 1: the order committed, so loyalty spends the holds
 * (idempotent per hold). Published in the order's own transaction.
 */
export const PaymentCapturedSchema = z.object({
  orderId: z.string().min(1),
  number: z.string().min(1),
  customerId: z.string().nullable(),
  currency: z.string().length(3),
  tenders: z.array(LoyaltyTenderSchema).min(1),
});
export type PaymentCaptured = z.infer<typeof PaymentCapturedSchema>;
export const PaymentCapturedEvent = defineEvent('orders.payment.captured', 1, PaymentCapturedSchema);

/**
 * `orders.payment.refunded`, version 1: value goes back to loyalty tenders (points as points,
 * store credit to the wallet, a gift card to the card). `refundId` + `paymentId` is unique, so
 * a redelivery or a republish credits nothing twice.
 */
export const PaymentRefundedSchema = z.object({
  refundId: z.string().min(1),
  orderId: z.string().min(1),
  number: z.string().min(1),
  customerId: z.string().nullable(),
  currency: z.string().length(3),
  /** Why: CANCELLED, RETURNED, MODIFIED, EXCHANGED. */
  reason: z.string().min(1),
  tenders: z.array(LoyaltyTenderSchema).min(1),
});
export type PaymentRefunded = z.infer<typeof PaymentRefundedSchema>;
export const PaymentRefundedEvent = defineEvent('orders.payment.refunded', 1, PaymentRefundedSchema);

/**
 * `orders.payment.released`, version 1: an attempt that did not commit, or whose holds are no
 * longer wanted; loyalty releases each hold that is still held (idempotent).
 */
export const PaymentReleasedSchema = z.object({
  orderRef: z.string().min(1),
  holdIds: z.array(z.string().min(1)).min(1),
});
export type PaymentReleased = z.infer<typeof PaymentReleasedSchema>;
export const PaymentReleasedEvent = defineEvent('orders.payment.released', 1, PaymentReleasedSchema);

/**
 * `orders.refund.issued`, version 1: an order change (cancel, return, modification, exchange)
 * sent money back to the order's tenders, every tender of it in one event (the loyalty ones are
 * also in `orders.payment.refunded`; a card's refund goes to the provider after the commit,
 * retried by `settle-payments`). Published in the change's own transaction; `refundId` is the
 * change's, shared with its `orders.payment.refunded`.
 */
export const RefundIssuedSchema = z.object({
  refundId: z.string().min(1),
  orderId: z.string().min(1),
  number: z.string().min(1),
  customerId: z.string().nullable(),
  currency: z.string().length(3),
  /** Why: CANCELLED, RETURNED, MODIFIED, EXCHANGED. */
  reason: z.string().min(1),
  /** What went back in all, minor units. */
  amountCents: z.number().int().nonnegative(),
  tenders: z
    .array(
      z.object({
        paymentId: z.string().min(1),
        method: z.enum(PAYMENT_METHODS),
        amountCents: z.number().int().nonnegative(),
        /** Points given back (POINTS only, else 0). */
        points: z.number().int().nonnegative(),
      }),
    )
    .min(1),
});
export type RefundIssued = z.infer<typeof RefundIssuedSchema>;
export const RefundIssuedEvent = defineEvent('orders.refund.issued', 1, RefundIssuedSchema);

export const MoneyEvents = [PaymentCapturedEvent, PaymentRefundedEvent, PaymentReleasedEvent, RefundIssuedEvent] as const;
