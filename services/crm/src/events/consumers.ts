import { randomUUID } from 'node:crypto';
import {
  AccountEnrolledEvent,
  FulfillmentReadyForPickupEvent,
  FulfillmentShippedEvent,
  GiftCardDeliveryEvent,
  openSealed,
  OrderCancelledEvent,
  OrderModifiedEvent,
  OrderPlacedEvent,
  parseEvent,
  parsePayload,
  ReturnCreatedEvent,
  ReturnReceivedEvent,
  type ConsumerDefinition,
} from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { lockCustomer, touchChannel } from '../commands/customers';
import { insertInteraction } from '../commands/interactions';
import {
  lockCustomerToMessage,
  orderNumber,
  queueMessages,
  queueTransactionalEmail,
  type ContactPoints,
  type MessageRequest,
} from '../commands/messages';
import { IdentityKind } from '../domain/identity';
import { InteractionKind } from '../domain/interaction';
import { formatMoney, MessageKind, type MessageTrigger } from '../domain/messages';
import { Customer, CustomerIdentity } from '../entities/customer';
import { KnownOrder } from '../entities/message';
import { dispatcherFor } from '../messaging/dispatcher';
import { appointmentTouchpoints } from './appointments';
import { autoFillReminders } from './shopping-list';
import type { MessageSender } from '../messaging/sender';
import { pickupStoreName } from '../peers';

const items = (lines: { quantity: number }[]) => lines.reduce((n, l) => n + l.quantity, 0);

/** The customer an event names, locked, with their contact points for its messages (null: none, or unknown). */
async function customerOf(manager: EntityManager, customerId: string | null | undefined) {
  return customerId ? lockCustomerToMessage(manager, customerId) : null;
}

export function createConsumers(sender: MessageSender): ConsumerDefinition[] {
  /** Queues messages; the dispatcher is started first so it sees this transaction commit. */
  const message = (manager: EntityManager, customer: Customer, request: MessageRequest, contact?: ContactPoints | null) => {
    dispatcherFor(manager.connection, sender, manager.queryRunner);
    return queueMessages(manager, customer, request, contact);
  };

  /**
   * An order in any channel: the channel becomes one the customer touched, the order goes on
   * the timeline, its number is remembered for later messages, and the confirmation is sent.
   * (The durable name predates the timeline; it stays so no event is applied twice.)
   */
  const orderPlaced: ConsumerDefinition = {
    name: 'order-channels',
    types: [OrderPlacedEvent.type],
    async handle(manager, event) {
      const order = parsePayload(OrderPlacedEvent, event);
      // One statement; a number already known stays.
      await manager
        .createQueryBuilder()
        .insert()
        .into(KnownOrder)
        .values({ orderId: order.orderId, number: order.number })
        .orIgnore()
        .updateEntity(false)
        .execute();
      const shopper = await customerOf(manager, order.customerId);
      if (!shopper) return;
      const { customer, contact } = shopper;
      await touchChannel(manager, customer, order.channel);
      const count = items(order.lines);
      await insertInteraction(manager, {
        customerId: customer.id,
        channel: order.channel,
        kind: InteractionKind.ORDER_PLACED,
        summary: `Placed order ${order.number}: ${count} item${count === 1 ? '' : 's'}, ${formatMoney(order.totalCents, order.currency)}`,
        orderId: order.orderId,
        occurredAt: new Date(event.occurredAt),
      });
      await message(
        manager,
        customer,
        {
          trigger: {
            kind: MessageKind.ORDER_CONFIRMATION,
            orderNumber: order.number,
            totalCents: order.totalCents,
            currency: order.currency,
            itemCount: count,
          },
          orderId: order.orderId,
          salesChannel: order.channel,
          eventId: event.id,
        },
        contact,
      );
    },
  };

  /** Shipped (with tracking) and ready-for-pickup notices, the latter naming the store (asked of inventory). */
  const fulfillment: ConsumerDefinition = {
    name: 'fulfillment-messages',
    types: [FulfillmentShippedEvent.type, FulfillmentReadyForPickupEvent.type],
    async handle(manager, event, tools) {
      const { type, payload } = parseEvent([FulfillmentShippedEvent, FulfillmentReadyForPickupEvent], event);
      if (!payload.customerId) return;
      // The peer read first, before the customer row is locked.
      const storeName =
        type === FulfillmentReadyForPickupEvent.type && payload.locationId
          ? await pickupStoreName(tools, payload.locationId, { requestId: event.id, channel: event.channel })
          : null;
      const shopper = await customerOf(manager, payload.customerId);
      if (!shopper) return;
      const { customer, contact } = shopper;
      const number = await orderNumber(manager, payload.orderId);
      const trigger =
        type === FulfillmentShippedEvent.type
          ? {
              kind: MessageKind.SHIPPED as const,
              orderNumber: number,
              carrier: payload.carrier,
              trackingNumber: payload.trackingNumber,
            }
          : { kind: MessageKind.READY_FOR_PICKUP as const, orderNumber: number, storeName };
      await message(
        manager,
        customer,
        { trigger, orderId: payload.orderId, salesChannel: event.channel, eventId: event.id },
        contact,
      );
    },
  };

  /** Return label (or in-store instructions) when a return is opened; refund, store credit or exchange notice when it arrives. */
  const returns: ConsumerDefinition = {
    name: 'return-touchpoints',
    types: [ReturnCreatedEvent.type, ReturnReceivedEvent.type],
    async handle(manager, event) {
      const parsed = parseEvent([ReturnCreatedEvent, ReturnReceivedEvent], event);
      if (parsed.type === ReturnCreatedEvent.type) {
        const created = parsed.payload;
        const shopper = await customerOf(manager, created.customerId);
        if (!shopper) return;
        const { customer, contact } = shopper;
        const trigger = created.label
          ? { kind: MessageKind.RETURN_LABEL as const, rmaNumber: created.rmaNumber, label: created.label }
          : { kind: MessageKind.RETURN_INSTRUCTIONS as const, rmaNumber: created.rmaNumber };
        await message(
          manager,
          customer,
          { trigger, orderId: created.orderId, salesChannel: event.channel, eventId: event.id },
          contact,
        );
        return;
      }
      const received = parsed.payload;
      const shopper = await customerOf(manager, received.customerId);
      if (!shopper) return;
      const { customer, contact } = shopper;
      await touchChannel(manager, customer, event.channel);
      const number = await orderNumber(manager, received.orderId);
      const count = items(received.lines);
      const outcome =
        received.resolution === 'EXCHANGE'
          ? 'exchange'
          : `${received.resolution === 'STORE_CREDIT' ? 'store credit' : 'refund'} ${formatMoney(received.refundCents, received.currency)}`;
      await insertInteraction(manager, {
        customerId: customer.id,
        channel: event.channel,
        kind: InteractionKind.RETURN_RECEIVED,
        summary: `Return of ${count} item${count === 1 ? '' : 's'} from ${number ? `order ${number}` : 'an order'} received: ${outcome}`,
        orderId: received.orderId,
        occurredAt: new Date(event.occurredAt),
      });
      const amount = { amountCents: received.refundCents, currency: received.currency, orderNumber: number };
      const trigger =
        received.resolution === 'STORE_CREDIT' && received.refundCents > 0
          ? { kind: MessageKind.STORE_CREDIT_ISSUED as const, ...amount }
          : received.resolution === 'REFUND' && received.refundCents > 0
            ? { kind: MessageKind.REFUND_ISSUED as const, ...amount }
            : { kind: MessageKind.RETURN_RECEIVED as const, orderNumber: number, exchange: received.resolution === 'EXCHANGE' };
      await message(
        manager,
        customer,
        { trigger, orderId: received.orderId, salesChannel: event.channel, eventId: event.id },
        contact,
      );
    },
  };

  /**
   * Cancellations and changes go on the timeline with what the order costs now, and to the
   * shopper as a transactional message (the durable name stays, so no event is applied twice).
   */
  const orderChanges: ConsumerDefinition = {
    name: 'order-changes',
    types: [OrderCancelledEvent.type, OrderModifiedEvent.type],
    async handle(manager, event) {
      const parsed = parseEvent([OrderCancelledEvent, OrderModifiedEvent], event);
      const change = parsed.payload;
      const shopper = await customerOf(manager, change.customerId);
      if (!shopper) return;
      const { customer, contact } = shopper;
      const number = change.number ?? (await orderNumber(manager, change.orderId));
      const order = number ? `order ${number}` : 'an order';
      const total =
        change.totalCents != null && change.currency ? `: total now ${formatMoney(change.totalCents, change.currency)}` : '';
      const cancelled = parsed.type === OrderCancelledEvent.type;
      await insertInteraction(manager, {
        customerId: customer.id,
        channel: event.channel,
        kind: cancelled ? InteractionKind.ORDER_CANCELLED : InteractionKind.ORDER_MODIFIED,
        summary: `${cancelled ? 'Cancelled' : 'Changed'} ${order}${total}`,
        orderId: change.orderId,
        occurredAt: new Date(event.occurredAt),
      });
      const trigger: MessageTrigger =
        parsed.type === OrderCancelledEvent.type
          ? {
              kind: MessageKind.ORDER_CANCELLED,
              orderNumber: number,
              itemCount: items(parsed.payload.lines),
              reason: parsed.payload.reason,
              totalCents: parsed.payload.totalCents ?? null,
              currency: parsed.payload.currency ?? null,
            }
          : {
              kind: MessageKind.ORDER_MODIFIED,
              orderNumber: parsed.payload.number,
              totalCents: parsed.payload.totalCents,
              currency: parsed.payload.currency,
              changes: parsed.payload.changes,
            };
      await message(
        manager,
        customer,
        { trigger, orderId: change.orderId, salesChannel: event.channel, eventId: event.id },
        contact,
      );
    },
  };

  /** A loyalty card is one more way to find the shopper. */
  const loyaltyCard: ConsumerDefinition = {
    name: 'loyalty-cards',
    types: [AccountEnrolledEvent.type],
    async handle(manager, event) {
      const { customerId, cardNumber } = parsePayload(AccountEnrolledEvent, event);
      const exists = await manager.existsBy(CustomerIdentity, { kind: IdentityKind.LOYALTY_CARD, value: cardNumber });
      const customer = exists ? null : await lockCustomer(manager, customerId);
      if (!customer) return;
      await manager.insert(CustomerIdentity, {
        id: randomUUID(),
        customerId: customer.id,
        kind: IdentityKind.LOYALTY_CARD,
        value: cardNumber,
        channel: event.channel,
      });
    },
  };

  /**
   * A gift card bought as an order line: its code goes, once, to the recipient (or the buyer).
   * The code arrives sealed for the services; it is opened only to write the e-mail.
   */
  const giftCardDelivery: ConsumerDefinition = {
    name: 'gift-card-delivery',
    types: [GiftCardDeliveryEvent.type],
    async handle(manager, event) {
      const card = parsePayload(GiftCardDeliveryEvent, event);
      const purchaser = card.purchaserCustomerId ? await lockCustomer(manager, card.purchaserCustomerId) : null;
      const recipient = card.recipientEmail ?? purchaser?.email ?? null;
      if (!recipient) return; // a guest order always names an email; nothing to send to otherwise
      dispatcherFor(manager.connection, sender, manager.queryRunner);
      await queueTransactionalEmail(manager, {
        customer: purchaser,
        recipient,
        greeting: recipient === purchaser?.email ? purchaser.firstName : 'there',
        trigger: {
          kind: MessageKind.GIFT_CARD,
          code: openSealed(card.sealedCode),
          amountCents: card.valueCents,
          currency: card.currency,
          orderNumber: card.orderNumber,
        },
        orderId: card.orderId,
        salesChannel: event.channel,
        eventId: event.id,
      });
    },
  };

  return [
    orderPlaced,
    loyaltyCard,
    fulfillment,
    returns,
    orderChanges,
    giftCardDelivery,
    appointmentTouchpoints(message),
    autoFillReminders(message),
  ];
}
