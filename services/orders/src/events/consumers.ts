import { CustomerErasedEvent, CustomersMergedEvent, parsePayload, type ConsumerDefinition } from '@omni/platform';
import { In } from 'typeorm';
import { SubscriptionStatus } from '../domain/subscriptions';
import { Cart } from '../entities/cart';
import { Fulfillment, Order } from '../entities/order';
import { ReturnRequest } from '../entities/return';
import { ReplenishmentSubscription } from '../entities/subscription';
import { appendHistory } from '../commands/history';
import { enqueueDeliveries } from '../partners/webhooks';
import { subscribedTopics } from '../partners/subscribed-topics';
import { TOPIC_OF_EVENT, webhookEvent } from '../partners/topics';
import { shoppingListPurchases } from './shopping-list';
import { eraseShopperRecords, mergeShopperRecords } from '../commands/shopper-records';

/** The duplicate's orders, carts, returns and subscriptions become the survivor's; running it again finds nothing left to move. */
const repointMergedCustomer: ConsumerDefinition = {
  name: 'customer-merged',
  types: [CustomersMergedEvent.type],
  async handle(manager, event) {
    const { survivorId, duplicateId } = parsePayload(CustomersMergedEvent, event);
    if (survivorId === duplicateId) return;
    const orders = await manager.findBy(Order, { customerId: duplicateId });
    await manager.update(Order, { customerId: duplicateId }, { customerId: survivorId });
    await manager.update(Cart, { customerId: duplicateId }, { customerId: survivorId });
    await manager.update(ReturnRequest, { customerId: duplicateId }, { customerId: survivorId });
    await manager.update(ReplenishmentSubscription, { customerId: duplicateId }, { customerId: survivorId });
    await mergeShopperRecords(manager, survivorId, duplicateId);
    for (const order of orders) {
      await appendHistory(manager, {
        orderId: order.id,
        channel: event.channel,
        actor: null,
        event: `customer ${duplicateId} merged into ${survivorId}`,
      });
    }
  },
};

/**
 * A shopper's erasure (CRM's privacy request): their orders stay for the accounts, without the
 * person: the email and the shipping addresses go, and their subscriptions stop (nothing is left
 * to ship them to); their saved payment methods and shopping list go. The customer id stays: it
 * points at CRM's anonymized record.
 */
const eraseCustomer: ConsumerDefinition = {
  name: 'customer-erased',
  types: [CustomerErasedEvent.type],
  async handle(manager, event) {
    const { customerId, mergedIds, requestId } = parsePayload(CustomerErasedEvent, event);
    const ids = [customerId, ...mergedIds];
    const orders = await manager.findBy(Order, { customerId: In(ids) });
    if (orders.length) {
      const orderIds = orders.map((o) => o.id);
      await manager.update(Order, { id: In(orderIds) }, { email: null, shippingAddress: null });
      await manager.update(Fulfillment, { orderId: In(orderIds) }, { shippingAddress: null });
      for (const order of orders) {
        await appendHistory(manager, {
          orderId: order.id,
          channel: event.channel,
          actor: null,
          event: `personal data erased (privacy request ${requestId})`,
        });
      }
    }
    await manager.update(
      ReplenishmentSubscription,
      { customerId: In(ids) },
      { address: null, status: SubscriptionStatus.CANCELLED },
    );
    await eraseShopperRecords(manager, ids);
  },
};

/**
 * Partner webhooks: this service's own order events, for orders a partner placed, become one
 * PENDING delivery per subscription that wants the topic (sent by the `webhook-dispatch` job).
 */
const webhookDeliveries: ConsumerDefinition = {
  name: 'webhook-deliveries',
  types: Object.keys(TOPIC_OF_EVENT),
  async handle(manager, event) {
    await enqueueDeliveries(manager, event);
  },
  // Most events (every stock change) have no subscriber: no transaction for them. A malformed
  // one is still handled, so it is refused and parked like at every other consumer.
  async ignores(db, event) {
    const mapping = TOPIC_OF_EVENT[event.type];
    if (!mapping) return false;
    try {
      webhookEvent(event);
    } catch {
      return false;
    }
    return !(await subscribedTopics(db).mayReceive(db.manager, mapping.topic));
  },
};

export const consumers: ConsumerDefinition[] = [repointMergedCustomer, eraseCustomer, webhookDeliveries, shoppingListPurchases];
