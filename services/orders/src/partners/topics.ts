import {
  FulfillmentCollectedEvent,
  FulfillmentReadyForPickupEvent,
  FulfillmentShippedEvent,
  OrderCancelledEvent,
  OrderModifiedEvent,
  OrderPlacedEvent,
  parsePayload,
  ReturnCreatedEvent,
  ReturnReceivedEvent,
  type EventEnvelope,
} from '@omni/platform';

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
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/** Scopes an API client may hold. `webhooks:manage` lets a partner subscribe its own endpoints. */
export const API_SCOPES = ['orders:read', 'orders:write', 'webhooks:manage', 'catalog:read', 'inventory:read'] as const;

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
};

export interface OrderRef {
  id: string;
  number: string;
  externalRef: string | null;
}

export interface WebhookEvent {
  /** The order the event concerns (every webhook event is about one order). */
  orderId: string;
  /** The public payload, once the order is known. */
  data(order: OrderRef): Record<string, unknown>;
}

const build = (orderId: string, data: (ref: OrderRef) => Record<string, unknown>): WebhookEvent => ({
  orderId,
  data: (order) => data({ id: order.id, number: order.number, externalRef: order.externalRef }),
});

/**
 * An internal event read for webhooks, parsed with its own definition (a malformed payload
 * throws, so it is parked as for any consumer). Its public payload (CloudEvents `data`): the
 * order the partner knows (its number and the partner's own reference) and what happened, never
 * the shopper (no customer id, no address) and never the internal envelope.
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
    default:
      throw new Error(`no webhook payload for ${event.type}`);
  }
}
