import { z } from 'zod';
import { Channel } from '../../channel';
import { Id } from './common';
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

export const CrmEvents = [CustomerRegisteredEvent, CustomersMergedEvent, ProductViewedEvent, CustomerErasedEvent] as const;
