import { z } from 'zod';
import { Channel } from '../../channel';
import { Cents, Currency, Id, Units } from './common';
import { defineEvent } from './definition';

/**
 * The order events the orders service publishes (the money ones are in `money.ts`): exactly what
 * its producers write today. A field that producers of an earlier release did not write yet is
 * optional, so their events, still in an outbox or a dead-letter table, parse too. Consumers
 * parse with these schemas (`parsePayload`), never cast.
 */

/** `OrderLine.status` in the orders service. */
export const ORDER_LINE_STATUSES = ['OPEN', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RETURNED'] as const;
export type OrderLineStatusName = (typeof ORDER_LINE_STATUSES)[number];

/** How the goods come back (`ReturnMethod`). */
export const RETURN_METHODS = ['MAIL', 'IN_STORE'] as const;
export type ReturnMethodName = (typeof RETURN_METHODS)[number];

/** What the shopper gets for a return (`ReturnResolution`). */
export const RETURN_RESOLUTIONS = ['REFUND', 'STORE_CREDIT', 'EXCHANGE'] as const;
export type ReturnResolutionName = (typeof RETURN_RESOLUTIONS)[number];

/** A customer reference on an order event: null for a guest. */
const CustomerRef = Id.nullable();

/**
 * `orders.order.placed`, version 1: an order committed, in any channel (exchanges included).
 * Totals are the order's at placement.
 */
export const OrderPlacedSchema = z.object({
  orderId: Id,
  number: Id,
  customerId: CustomerRef,
  channel: z.enum(Channel),
  currency: Currency,
  /** The market it was placed in (its prices and currency); null or absent: the default market. */
  market: Id.nullable().optional(),
  subtotalCents: Cents,
  discountCents: Cents,
  totalCents: Cents,
  lines: z.array(
    z.object({
      lineId: Id,
      sku: Id,
      quantity: z.number().int().positive(),
      unitPriceCents: Cents,
      /** The product's category path (for loyalty's category rules); not written before it was added. */
      categoryPath: z.array(z.string()).optional(),
      /** A gift card sold as a line (it earns no points: the points come when it is spent). */
      giftCard: z.boolean().optional(),
    }),
  ),
});
export type OrderPlaced = z.infer<typeof OrderPlacedSchema>;
export const OrderPlacedEvent = defineEvent('orders.order.placed', 1, OrderPlacedSchema);

/** A part of an order line in one fulfillment. */
const FulfillmentPartSchema = z.object({ orderLineId: Id, sku: Id, quantity: Units });

/**
 * `orders.order.cancelled`, version 1: what had not left yet is cancelled (the whole order, or the
 * rest after a partial shipment).
 */
export const OrderCancelledSchema = z.object({
  orderId: Id,
  /** The order number; not written before the CRM timeline used it. */
  number: Id.optional(),
  customerId: CustomerRef,
  reason: z.string().nullable(),
  /** The lines (or parts of lines) that will no longer ship. */
  lines: z.array(FulfillmentPartSchema),
  /** What the order costs after the cancellation; not written before order payments were recorded. */
  totalCents: Cents.optional(),
  currency: Currency.optional(),
});
export type OrderCancelled = z.infer<typeof OrderCancelledSchema>;
export const OrderCancelledEvent = defineEvent('orders.order.cancelled', 1, OrderCancelledSchema);

/** `orders.order.modified`, version 1: each changed line before and after, and every line and total as they are now. */
export const OrderModifiedSchema = z.object({
  orderId: Id,
  number: Id,
  customerId: CustomerRef,
  channel: z.enum(Channel),
  /** Who modified it (the caller's subject), null when anonymous. */
  actor: z.string().nullable(),
  currency: Currency,
  subtotalCents: Cents,
  discountCents: Cents,
  totalCents: Cents,
  changes: z.array(
    z.object({
      lineId: Id,
      fromSku: Id,
      sku: Id,
      fromQuantity: Units,
      /** 0: the line was removed. */
      quantity: Units,
      unitPriceCents: Cents,
    }),
  ),
  lines: z.array(
    z.object({
      lineId: Id,
      sku: Id,
      quantity: Units,
      unitPriceCents: Cents,
      status: z.enum(ORDER_LINE_STATUSES),
    }),
  ),
});
export type OrderModified = z.infer<typeof OrderModifiedSchema>;
export const OrderModifiedEvent = defineEvent('orders.order.modified', 1, OrderModifiedSchema);

/**
 * `orders.fulfillment.shipped`, `orders.fulfillment.collected` and
 * `orders.fulfillment.ready_for_pickup`, version 1: one payload for all three. Shipped and
 * collected mean the goods left (inventory consumes the reservations).
 */
export const FulfillmentLeftSchema = z.object({
  orderId: Id,
  fulfillmentId: Id,
  customerId: CustomerRef,
  /** The fulfilling location (the pickup store, or where a shipment leaves from). */
  locationId: Id.nullable(),
  /** Where the goods were picked (and reserved); differs from locationId for ship-to-store. */
  sourceLocationId: Id.nullable(),
  trackingNumber: z.string().nullable(),
  carrier: z.string().nullable(),
  lines: z.array(FulfillmentPartSchema),
});
export type FulfillmentLeft = z.infer<typeof FulfillmentLeftSchema>;
export const FulfillmentShippedEvent = defineEvent('orders.fulfillment.shipped', 1, FulfillmentLeftSchema);
export const FulfillmentCollectedEvent = defineEvent('orders.fulfillment.collected', 1, FulfillmentLeftSchema);
export const FulfillmentReadyForPickupEvent = defineEvent('orders.fulfillment.ready_for_pickup', 1, FulfillmentLeftSchema);

/** A mail return's label. */
export const ReturnLabelSchema = z.object({
  carrier: z.string().min(1),
  trackingNumber: z.string().min(1),
  url: z.string().min(1),
});

/** `orders.return.created`, version 1: a return (RMA) was opened; CRM sends the label or the in-store instructions. */
export const ReturnCreatedSchema = z.object({
  returnId: Id,
  rmaNumber: Id,
  orderId: Id,
  customerId: CustomerRef,
  method: z.enum(RETURN_METHODS),
  resolution: z.enum(RETURN_RESOLUTIONS),
  /** The store the return names (required IN_STORE), else null. */
  locationId: Id.nullable(),
  /** A MAIL return's label, null for IN_STORE. */
  label: ReturnLabelSchema.nullable(),
});
export type ReturnCreated = z.infer<typeof ReturnCreatedSchema>;
export const ReturnCreatedEvent = defineEvent('orders.return.created', 1, ReturnCreatedSchema);

/** `orders.return.received`, version 1: returned units arrived; inventory, loyalty and CRM read it. */
export const ReturnReceivedSchema = z.object({
  returnId: Id,
  orderId: Id,
  customerId: CustomerRef,
  /** Where the goods were received (a store or a warehouse). */
  locationId: Id,
  resolution: z.enum(RETURN_RESOLUTIONS),
  /** Paid back (REFUND) or credited (STORE_CREDIT) for this receipt, in `currency`. */
  refundCents: Cents,
  currency: Currency,
  /** The replacement order of an EXCHANGE, else null. */
  exchangeOrderId: Id.nullable(),
  lines: z.array(
    z.object({
      orderLineId: Id,
      sku: Id,
      quantity: Units,
      unitPriceCents: Cents,
      /** Whether the units go back on hand. */
      restockable: z.boolean(),
    }),
  ),
});
export type ReturnReceived = z.infer<typeof ReturnReceivedSchema>;
export const ReturnReceivedEvent = defineEvent('orders.return.received', 1, ReturnReceivedSchema);

/**
 * `orders.shopping_list.fill_due`, version 1: an auto-filled shopping list item will be ordered on
 * `fillOn` (sent `AUTO_FILL_NOTICE_DAYS` ahead, once per fill date); until then the shopper may skip
 * it or switch auto-fill off.
 */
export const ShoppingListFillDueSchema = z.object({
  itemId: Id,
  customerId: Id,
  sku: Id,
  quantity: z.number().int().positive(),
  fillOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type ShoppingListFillDue = z.infer<typeof ShoppingListFillDueSchema>;
export const ShoppingListFillDueEvent = defineEvent('orders.shopping_list.fill_due', 1, ShoppingListFillDueSchema);

export const OrderEvents = [
  OrderPlacedEvent,
  OrderCancelledEvent,
  OrderModifiedEvent,
  FulfillmentShippedEvent,
  FulfillmentCollectedEvent,
  FulfillmentReadyForPickupEvent,
  ReturnCreatedEvent,
  ReturnReceivedEvent,
  ShoppingListFillDueEvent,
] as const;
