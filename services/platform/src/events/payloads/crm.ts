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

export const CrmEvents = [CustomerRegisteredEvent, CustomersMergedEvent, ProductViewedEvent] as const;
