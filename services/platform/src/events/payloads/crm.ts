import { z } from 'zod';
import { Channel } from '../../channel';
import { Currency, Id } from './common';
import { defineEvent } from './definition';

/** The events the CRM service publishes, exactly as its producers write them. Consumers parse, never cast. */

/** `crm.customer.registered`, version 1: email (normalized) and phone (E.164 since CRM normalizes numbers; digits in earlier events; or null) of a new customer. */
export const CustomerRegisteredSchema = z.object({
  customerId: Id,
  email: z.string().min(1),
  phone: z.string().min(1).nullable(),
});
export type CustomerRegistered = z.infer<typeof CustomerRegisteredSchema>;
export const CustomerRegisteredEvent = defineEvent('crm.customer.registered', 1, CustomerRegisteredSchema);

/**
 * `crm.customer.merged`, version 1: two customer records became one; every service re-points
 * what it keeps for `duplicateId` to `survivorId`.
 */
export const CustomersMergedSchema = z.object({ survivorId: Id, duplicateId: Id });
export type CustomersMerged = z.infer<typeof CustomersMergedSchema>;
export const CustomersMergedEvent = defineEvent('crm.customer.merged', 1, CustomersMergedSchema);

/** `crm.product.viewed`, version 1: the catalog learns what a shopper looks at, in any channel. */
export const ProductViewedSchema = z.object({
  customerId: Id,
  /** 1 to 64 characters, as CRM accepts it. */
  productId: z.string().min(1).max(64),
  channel: z.enum(Channel),
});
export type ProductViewed = z.infer<typeof ProductViewedSchema>;
export const ProductViewedEvent = defineEvent('crm.product.viewed', 1, ProductViewedSchema);

/**
 * `crm.customer.erased`, version 1: the shopper asked for their personal data to be erased and CRM
 * has anonymized its own (the customer record stays, with no name, email or phone). Every service
 * removes or anonymizes the personal data it keeps for `customerId` (and for the ids merged into
 * it, `mergedIds`), keeping what it must for accounting (an order's amounts) without the person.
 */
export const CustomerErasedSchema = z.object({
  customerId: Id,
  /** Customer ids that had been merged into `customerId`: their records are the same person's. */
  mergedIds: z.array(Id),
  /** The privacy request that asked for it (CRM's `PrivacyRequest.id`), for the audit. */
  requestId: Id,
});
export type CustomerErased = z.infer<typeof CustomerErasedSchema>;
export const CustomerErasedEvent = defineEvent('crm.customer.erased', 1, CustomerErasedSchema);

/**
 * `crm.segment.membership_changed`, version 1: a customer joined (`member: true`) or left a
 * segment CRM computes. Catalog keeps the memberships, so a promotion limited to a segment prices
 * the same in every channel.
 */
export const SegmentMembershipChangedSchema = z.object({ segmentId: Id, customerId: Id, member: z.boolean() });
export type SegmentMembershipChanged = z.infer<typeof SegmentMembershipChangedSchema>;
export const SegmentMembershipChangedEvent = defineEvent('crm.segment.membership_changed', 1, SegmentMembershipChangedSchema);

/**
 * `crm.offer.granted`, version 1: a lifecycle message (a birthday greeting) came with a personal
 * offer. Catalog makes it an automatic promotion for `customerId` only, from `startsAt` until
 * `endsAt`; `offerId` is the promotion's id, so granting it again changes nothing.
 */
export const PersonalOfferGrantedSchema = z.object({
  offerId: Id,
  customerId: Id,
  /** Shown on the discounted cart, at most 200 characters. */
  name: z.string().min(1).max(200),
  kind: z.enum(['PERCENT_OFF', 'AMOUNT_OFF']),
  /** Percent 1..100, or minor units of `currency`. */
  value: z.number().int().positive(),
  currency: Currency.nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
});
export type PersonalOfferGranted = z.infer<typeof PersonalOfferGrantedSchema>;
export const PersonalOfferGrantedEvent = defineEvent('crm.offer.granted', 1, PersonalOfferGrantedSchema);

export const CrmEvents = [
  CustomerRegisteredEvent,
  CustomersMergedEvent,
  ProductViewedEvent,
  CustomerErasedEvent,
  SegmentMembershipChangedEvent,
  PersonalOfferGrantedEvent,
] as const;
