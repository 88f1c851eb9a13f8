import { z } from 'zod';
import { Cents, Currency, Id } from './common';
import { defineEvent } from './definition';

/** The events loyalty publishes, exactly as its producers write them. Consumers parse, never cast. */

/** `LedgerKind` in loyalty. */
export const LEDGER_KINDS = ['EARN', 'BURN', 'REVERSAL', 'EXPIRY', 'ADJUSTMENT', 'REFUND'] as const;
export type LedgerKindName = (typeof LEDGER_KINDS)[number];

/** `LoyaltyTier` in loyalty. */
export const LOYALTY_TIERS = ['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'] as const;
export type LoyaltyTierName = (typeof LOYALTY_TIERS)[number];

/** `loyalty.account.enrolled`, version 1: a customer became a member; the card number finds them (CRM links it). */
export const AccountEnrolledSchema = z.object({ customerId: Id, cardNumber: Id });
export type AccountEnrolled = z.infer<typeof AccountEnrolledSchema>;
export const AccountEnrolledEvent = defineEvent('loyalty.account.enrolled', 1, AccountEnrolledSchema);

/**
 * `loyalty.account.merged`, version 1: the duplicate's membership folded into the survivor's.
 * `cardNumber` is the card the survivor keeps; `linkedCardNumber` the duplicate's card now
 * resolving there, null when the duplicate's account simply changed owner.
 */
export const AccountMergedSchema = z.object({
  survivorId: Id,
  duplicateId: Id,
  cardNumber: Id,
  linkedCardNumber: Id.nullable(),
});
export type AccountMerged = z.infer<typeof AccountMergedSchema>;
export const AccountMergedEvent = defineEvent('loyalty.account.merged', 1, AccountMergedSchema);

/** `loyalty.points.changed`, version 1: one ledger entry posted, with the balance and tier after it. */
export const PointsChangedSchema = z.object({
  customerId: Id,
  accountId: Id,
  entryId: Id,
  kind: z.enum(LEDGER_KINDS),
  /** Negative: points taken (burned, reversed, expired). */
  points: z.number().int(),
  balance: z.number().int(),
  tier: z.enum(LOYALTY_TIERS),
});
export type PointsChanged = z.infer<typeof PointsChangedSchema>;
export const PointsChangedEvent = defineEvent('loyalty.points.changed', 1, PointsChangedSchema);

/** `loyalty.giftcard.issued`, version 1: the card by id only (its code is a bearer secret). */
export const GiftCardIssuedSchema = z.object({
  giftCardId: Id,
  cents: Cents,
  currency: Currency,
  purchaserCustomerId: Id.nullable(),
});
export type GiftCardIssued = z.infer<typeof GiftCardIssuedSchema>;
export const GiftCardIssuedEvent = defineEvent('loyalty.giftcard.issued', 1, GiftCardIssuedSchema);

export const LoyaltyEvents = [AccountEnrolledEvent, AccountMergedEvent, PointsChangedEvent, GiftCardIssuedEvent] as const;
