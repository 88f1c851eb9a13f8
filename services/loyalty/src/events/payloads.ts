import { z } from 'zod';

/**
 * What loyalty reads of the order events the orders service publishes without a shared schema
 * yet (the money events are `@omni/platform`'s). Only the fields loyalty uses; others are
 * ignored, so the producer may add fields freely. Consumers parse with these, never cast.
 */

/** `orders.order.cancelled`, version 1: the lines (or parts of lines) that will no longer ship. */
export const OrderCancelledSchema = z.object({
  orderId: z.string().min(1),
  customerId: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  lines: z.array(
    z.object({
      orderLineId: z.string().min(1),
      sku: z.string(),
      quantity: z.number().int().nonnegative(),
    }),
  ),
});
export type OrderCancelled = z.infer<typeof OrderCancelledSchema>;

/** `orders.order.modified`, version 1: each changed line, before and after. */
export const OrderModifiedSchema = z.object({
  orderId: z.string().min(1),
  number: z.string().optional(),
  customerId: z.string().nullable().optional(),
  changes: z.array(
    z.object({
      lineId: z.string().min(1),
      fromSku: z.string(),
      sku: z.string(),
      fromQuantity: z.number().int().nonnegative(),
      quantity: z.number().int().nonnegative(),
    }),
  ),
});
export type OrderModified = z.infer<typeof OrderModifiedSchema>;
