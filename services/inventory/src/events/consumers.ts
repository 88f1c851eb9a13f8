import {
  CustomersMergedEvent,
  FulfillmentCollectedEvent,
  FulfillmentShippedEvent,
  OrderCancelledEvent,
  OrderModifiedEvent,
  OrderPlacedEvent,
  parseEvent,
  parsePayload,
  ReturnReceivedEvent,
  type ConsumerDefinition,
} from '@omni/platform';
import { mergeAppointments } from '../commands/appointments';
import { confirmReservations, consumeIn, releaseIn } from '../commands/reservations';
import { restockReturn } from '../commands/returns';
import { StockTransfer, TransferStatus } from '../entities/transfer';

/** The goods left the building: the reservations they were picked against are consumed. */
const consumeOnShipment: ConsumerDefinition = {
  name: 'consume-on-shipment',
  types: [FulfillmentShippedEvent.type, FulfillmentCollectedEvent.type],
  async handle(manager, event) {
    const { payload: left } = parseEvent([FulfillmentShippedEvent, FulfillmentCollectedEvent], event);
    // Picked (and reserved) at the source location; for ship to store, once the transfer arrived,
    // the units are held at the pickup store (locationId) and leave from there.
    const transferred =
      left.sourceLocationId !== null &&
      left.sourceLocationId !== left.locationId &&
      (await manager.countBy(StockTransfer, { fulfillmentId: left.fulfillmentId, status: TransferStatus.RECEIVED })) > 0;
    const locationId = transferred ? left.locationId : (left.sourceLocationId ?? left.locationId);
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
  types: [OrderPlacedEvent.type, OrderModifiedEvent.type],
  async handle(manager, event) {
    const { payload } = parseEvent([OrderPlacedEvent, OrderModifiedEvent], event);
    await confirmReservations(manager, payload.orderId);
  },
};

/** A cancelled order holds nothing (a safety net: orders also releases through the API). */
const releaseOnCancel: ConsumerDefinition = {
  name: 'release-on-cancel',
  types: [OrderCancelledEvent.type],
  async handle(manager, event) {
    const { orderId } = parsePayload(OrderCancelledEvent, event);
    await releaseIn(manager, orderId, null, { channel: event.channel, actor: null });
  },
};

/**
 * Lines a modification removed hold nothing (a safety net: orders also releases them through the
 * API right after its commit, which may fail while this event cannot be lost).
 */
const releaseOnModify: ConsumerDefinition = {
  name: 'release-on-modify',
  types: [OrderModifiedEvent.type],
  async handle(manager, event) {
    const { orderId, lines } = parsePayload(OrderModifiedEvent, event);
    const removed = lines.filter((l) => l.status === 'CANCELLED').map((l) => l.lineId);
    if (removed.length) await releaseIn(manager, orderId, removed, { channel: event.channel, actor: null });
  },
};

/** Restockable returned units go back on hand where the return was received. */
const restockOnReturn: ConsumerDefinition = {
  name: 'restock-on-return',
  types: [ReturnReceivedEvent.type],
  async handle(manager, event) {
    await restockReturn(manager, parsePayload(ReturnReceivedEvent, event), { channel: event.channel, actor: null });
  },
};

/** The duplicate's appointments become the survivor's (one place per slot: a second is cancelled). */
const appointmentsOnMerge: ConsumerDefinition = {
  name: 'merge-appointments',
  types: [CustomersMergedEvent.type],
  async handle(manager, event) {
    const { survivorId, duplicateId } = parsePayload(CustomersMergedEvent, event);
    await mergeAppointments(manager, survivorId, duplicateId);
  },
};

export const consumers = [
  confirmOnOrder,
  consumeOnShipment,
  releaseOnCancel,
  releaseOnModify,
  restockOnReturn,
  appointmentsOnMerge,
];
