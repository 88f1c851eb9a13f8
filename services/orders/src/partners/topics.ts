import {
  CustomersMergedEvent,
  FulfillmentCollectedEvent,
  FulfillmentReadyForPickupEvent,
  FulfillmentShippedEvent,
  OrderCancelledEvent,
  OrderModifiedEvent,
  OrderPlacedEvent,
  parsePayload,
  RefundIssuedEvent,
  ReturnCreatedEvent,
  ReturnReceivedEvent,
  StockChangedEvent,
  type EventEnvelope,
} from '@omni/platform';
import type { WebhookAudience } from '../domain/webhooks';

/** Webhook topics: the public names of the internal events a partner may receive. */
export enum WebhookTopic {
  ORDER_PLACED = 'ORDER_PLACED',
  ORDER_CHANGED = 'ORDER_CHANGED',
  ORDER_CANCELLED = 'ORDER_CANCELLED',
  FULFILLMENT_SHIPPED = 'FULFILLMENT_SHIPPED',
  FULFILLMENT_READY_FOR_PICKUP = 'FULFILLMENT_READY_FOR_PICKUP',
  FULFILLMENT_COLLECTED = 'FULFILLMENT_COLLECTED',
  RETURN_CREATED = 'RETURN_CREATED',
  RETURN_RECEIVED = 'RETURN_RECEIVED',
  REFUND_ISSUED = 'REFUND_ISSUED',
  STOCK_CHANGED = 'STOCK_CHANGED',
  CUSTOMER_MERGED = 'CUSTOMER_MERGED',
}

/**
 * Topics about the retailer as a whole rather than one order: delivered only to subscriptions
 * ADMIN scoped to every order (`allOrders`), never to a partner's own.
 */
export const RETAILER_TOPICS: readonly WebhookTopic[] = [WebhookTopic.STOCK_CHANGED, WebhookTopic.CUSTOMER_MERGED];

export const audienceOfTopic = (topic: string): WebhookAudience =>
  (RETAILER_TOPICS as readonly string[]).includes(topic) ? 'RETAILER' : 'ORDER';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** Scopes an API client may hold (defined with the access rules that check them). */
export { API_SCOPES } from '@omni/platform';

/** The internal event type each topic is made of, and its CloudEvents `type` (reverse-DNS, versioned). */
export const TOPIC_OF_EVENT: Record<string, { topic: WebhookTopic; cloudType: string }> = {
  [OrderPlacedEvent.type]: { topic: WebhookTopic.ORDER_PLACED, cloudType: 'com.omni.order.placed.v1' },
  [OrderModifiedEvent.type]: { topic: WebhookTopic.ORDER_CHANGED, cloudType: 'com.omni.order.changed.v1' },
  [OrderCancelledEvent.type]: { topic: WebhookTopic.ORDER_CANCELLED, cloudType: 'com.omni.order.cancelled.v1' },
  [FulfillmentShippedEvent.type]: { topic: WebhookTopic.FULFILLMENT_SHIPPED, cloudType: 'com.omni.fulfillment.shipped.v1' },
  [FulfillmentReadyForPickupEvent.type]: {
    topic: WebhookTopic.FULFILLMENT_READY_FOR_PICKUP,
    cloudType: 'com.omni.fulfillment.ready_for_pickup.v1',
  },
  [FulfillmentCollectedEvent.type]: { topic: WebhookTopic.FULFILLMENT_COLLECTED, cloudType: 'com.omni.fulfillment.collected.v1' },
  [ReturnCreatedEvent.type]: { topic: WebhookTopic.RETURN_CREATED, cloudType: 'com.omni.return.created.v1' },
  [ReturnReceivedEvent.type]: { topic: WebhookTopic.RETURN_RECEIVED, cloudType: 'com.omni.return.received.v1' },
  [RefundIssuedEvent.type]: { topic: WebhookTopic.REFUND_ISSUED, cloudType: 'com.omni.refund.issued.v1' },
  [StockChangedEvent.type]: { topic: WebhookTopic.STOCK_CHANGED, cloudType: 'com.omni.stock.changed.v1' },
  [CustomersMergedEvent.type]: { topic: WebhookTopic.CUSTOMER_MERGED, cloudType: 'com.omni.customer.merged.v1' },
};

export interface OrderRef {
  id: string;
  number: string;
  externalRef: string | null;
}

/**
 * An internal event as a webhook: either about one order (its partner's subscriptions, and those
 * scoped to every order, receive it; the public payload needs the order's number and reference),
 * or about the retailer as a whole (only subscriptions scoped to every order receive it).
 */
export type WebhookEvent =
  | {
      audience: Extract<WebhookAudience, 'ORDER'>;
      /** The order the event concerns. */
      orderId: string;
      /** The public payload, once the order is known. */
      data(order: OrderRef): Record<string, unknown>;
    }
  | {
      audience: Extract<WebhookAudience, 'RETAILER'>;
      /** CloudEvents `source` and `subject`. */
      source: string;
      subject: string;
      data: Record<string, unknown>;
    };

const build = (orderId: string, data: (ref: OrderRef) => Record<string, unknown>): WebhookEvent => ({
  audience: 'ORDER',
  orderId,
  data: (order) => data({ id: order.id, number: order.number, externalRef: order.externalRef }),
});

/**
 * An internal event read for webhooks, parsed with its own definition (a malformed payload
 * throws, so it is parked as for any consumer). Its public payload (CloudEvents `data`): the
 * order the partner knows (its number and the partner's own reference) and what happened, never
 * the shopper (no customer id, no address) and never the internal envelope. The retailer-wide
 * events (stock, merged customers) go only to subscriptions staff scoped to every order.
 */
export function webhookEvent(event: EventEnvelope): WebhookEvent {
  switch (event.type) {
    case OrderPlacedEvent.type: {
      const p = parsePayload(OrderPlacedEvent, event);
      return build(p.orderId, (ref) => ({
        order: {
          ...ref,
          channel: p.channel,
          currency: p.currency,
          subtotalCents: p.subtotalCents,
          discountCents: p.discountCents,
          totalCents: p.totalCents,
        },
        lines: p.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
      }));
    }
    case OrderModifiedEvent.type: {
      const p = parsePayload(OrderModifiedEvent, event);
      return build(p.orderId, (ref) => ({
        order: {
          ...ref,
          currency: p.currency,
          subtotalCents: p.subtotalCents,
          discountCents: p.discountCents,
          totalCents: p.totalCents,
        },
        changes: p.changes,
        lines: p.lines,
      }));
    }
    case OrderCancelledEvent.type: {
      const p = parsePayload(OrderCancelledEvent, event);
      return build(p.orderId, (ref) => ({
        order: { ...ref, totalCents: p.totalCents ?? null, currency: p.currency ?? null },
        reason: p.reason,
        lines: p.lines,
      }));
    }
    case FulfillmentShippedEvent.type:
    case FulfillmentReadyForPickupEvent.type:
    case FulfillmentCollectedEvent.type: {
      const definition = [FulfillmentShippedEvent, FulfillmentReadyForPickupEvent, FulfillmentCollectedEvent].find(
        (d) => d.type === event.type,
      )!;
      const p = parsePayload(definition, event);
      return build(p.orderId, (ref) => ({
        order: ref,
        fulfillment: { id: p.fulfillmentId, locationId: p.locationId, carrier: p.carrier, trackingNumber: p.trackingNumber },
        lines: p.lines,
      }));
    }
    case ReturnCreatedEvent.type: {
      const p = parsePayload(ReturnCreatedEvent, event);
      return build(p.orderId, (ref) => ({
        order: ref,
        return: { id: p.returnId, rmaNumber: p.rmaNumber, method: p.method, resolution: p.resolution },
      }));
    }
    case ReturnReceivedEvent.type: {
      const p = parsePayload(ReturnReceivedEvent, event);
      return build(p.orderId, (ref) => ({
        order: ref,
        return: { id: p.returnId, resolution: p.resolution, refundCents: p.refundCents, currency: p.currency },
        lines: p.lines.map((l) => ({ orderLineId: l.orderLineId, sku: l.sku, quantity: l.quantity })),
      }));
    }
    case RefundIssuedEvent.type: {
      const p = parsePayload(RefundIssuedEvent, event);
      return build(p.orderId, (ref) => ({
        order: ref,
        refund: {
          id: p.refundId,
          reason: p.reason,
          amountCents: p.amountCents,
          currency: p.currency,
          tenders: p.tenders.map((t) => ({
            paymentId: t.paymentId,
            method: t.method,
            amountCents: t.amountCents,
            points: t.points,
          })),
        },
      }));
    }
    case StockChangedEvent.type: {
      const p = parsePayload(StockChangedEvent, event);
      return {
        audience: 'RETAILER',
        source: '/omni/inventory',
        subject: `locations/${p.locationId}/stock/${p.sku}`,
        data: {
          sku: p.sku,
          locationId: p.locationId,
          kind: p.kind ?? null,
          onHand: p.onHand,
          reserved: p.reserved,
          available: p.available,
          safetyStock: p.safetyStock ?? null,
          inTransit: p.inTransit ?? null,
          change: p.change ?? null,
        },
      };
    }
    case CustomersMergedEvent.type: {
      const p = parsePayload(CustomersMergedEvent, event);
      return {
        audience: 'RETAILER',
        source: '/omni/crm',
        subject: `customers/${p.survivorId}`,
        data: { survivorId: p.survivorId, duplicateId: p.duplicateId },
      };
    }
    default:
      throw new Error(`no webhook payload for ${event.type}`);
  }
}
