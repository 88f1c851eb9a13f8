import type { ConsumerDefinition } from '@omni/platform';
import { confirmReservations, consumeIn, releaseIn } from '../commands/reservations';
import { restockReturn, type ReturnReceived } from '../commands/returns';

/** `orders.fulfillment.shipped` / `orders.fulfillment.collected`, as published by orders. */
interface FulfillmentLeft {
  orderId: string;
  fulfillmentId: string;
  locationId: string | null;
  /** Where the goods were picked (and reserved); differs from locationId for ship-to-store. */
  sourceLocationId: string | null;
  lines: { orderLineId: string; sku: string; quantity: number }[];
}

/** The goods left the building: the reservations they were picked against are consumed. */
const consumeOnShipment: ConsumerDefinition = {
  name: 'consume-on-shipment',
  types: ['orders.fulfillment.shipped', 'orders.fulfillment.collected'],
  async handle(manager, event) {
    const left = event.payload as FulfillmentLeft;
    if (!left?.orderId || !Array.isArray(left.lines)) return;
    const locationId = left.sourceLocationId ?? left.locationId ?? null;
    await consumeIn(
      manager,
      left.orderId,
      left.lines.map((l) => ({ lineId: l.orderLineId, locationId, quantity: l.quantity })),
      { channel: event.channel, actor: null },
    );
  },
};

/**
 * The order exists: its reservations stop expiring. `modified` covers lines a modification
 * reserved for an order that had none confirmed yet (a later reservation of a confirmed order
 * is confirmed when it is made).
 */
const confirmOnOrder: ConsumerDefinition = {
  name: 'confirm-reservations',
  types: ['orders.order.placed', 'orders.order.modified'],
  async handle(manager, event) {
    const { orderId } = (event.payload ?? {}) as { orderId?: string };
    if (orderId) await confirmReservations(manager, orderId);
  },
};

/** A cancelled order holds nothing (a safety net: orders also releases through the API). */
const releaseOnCancel: ConsumerDefinition = {
  name: 'release-on-cancel',
  types: ['orders.order.cancelled'],
  async handle(manager, event) {
    const { orderId } = (event.payload ?? {}) as { orderId?: string };
    if (orderId) await releaseIn(manager, orderId, null, { channel: event.channel, actor: null });
  },
};

/**
 * Lines a modification removed hold nothing (a safety net: orders also releases them through the
 * API right after its commit, which may fail while this event cannot be lost).
 */
const releaseOnModify: ConsumerDefinition = {
  name: 'release-on-modify',
  types: ['orders.order.modified'],
  async handle(manager, event) {
    const { orderId, lines } = (event.payload ?? {}) as { orderId?: string; lines?: { lineId: string; status: string }[] };
    const removed = (lines ?? []).filter((l) => l.status === 'CANCELLED').map((l) => l.lineId);
    if (orderId && removed.length) await releaseIn(manager, orderId, removed, { channel: event.channel, actor: null });
  },
};

/** Restockable returned units go back on hand where the return was received. */
const restockOnReturn: ConsumerDefinition = {
  name: 'restock-on-return',
  types: ['orders.return.received'],
  async handle(manager, event) {
    await restockReturn(manager, event.payload as ReturnReceived, { channel: event.channel, actor: null });
  },
};

export const consumers = [confirmOnOrder, consumeOnShipment, releaseOnCancel, releaseOnModify, restockOnReturn];
