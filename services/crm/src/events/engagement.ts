import {
  CustomerErasedEvent,
  CustomerRegisteredEvent,
  CustomersMergedEvent,
  OrderCancelledEvent,
  OrderModifiedEvent,
  OrderPlacedEvent,
  parseEvent,
  PointsChangedEvent,
  ProductViewedEvent,
  ReturnReceivedEvent,
  type ConsumerDefinition,
} from '@omni/platform';
import { lockCustomer } from '../commands/customers';
import {
  engagementWithOrders,
  evaluateCustomer,
  forgetEngagement,
  mergeEngagement,
  recordActivity,
} from '../commands/engagement';
import { categoryKey } from '../domain/segments';
import { CustomerOrderFact } from '../entities/engagement';

const TYPES = [
  OrderPlacedEvent,
  OrderCancelledEvent,
  OrderModifiedEvent,
  ReturnReceivedEvent,
  PointsChangedEvent,
  CustomerRegisteredEvent,
  ProductViewedEvent,
  CustomersMergedEvent,
  CustomerErasedEvent,
] as const;

/**
 * Keeps what scoring and segments read: each order's value now (placed, changed, cancelled,
 * refunded) and its categories, the loyalty tier, and the last activity in any channel (an order,
 * a return at a store, points earned by an app check-in or a purchase, a product view, the
 * registration); then recomputes the customer's RFM score and segment memberships. A merge moves
 * the duplicate's facts to the survivor; an erasure removes them (the birthday is personal data).
 */
export const engagementFacts: ConsumerDefinition = {
  name: 'engagement-facts',
  types: TYPES.map((d) => d.type),
  async handle(manager, event) {
    const parsed = parseEvent(TYPES, event);
    const at = new Date(event.occurredAt);
    const now = new Date();
    if (parsed.type === CustomersMergedEvent.type) {
      await mergeEngagement(manager, parsed.payload.survivorId, parsed.payload.duplicateId, now);
      return;
    }
    if (parsed.type === CustomerErasedEvent.type) {
      await forgetEngagement(manager, [parsed.payload.customerId, ...parsed.payload.mergedIds]);
      return;
    }
    const customerId = parsed.payload.customerId;
    if (!customerId) return;
    const customer = await lockCustomer(manager, customerId);
    if (!customer || customer.erasedAt) return;
    switch (parsed.type) {
      case PointsChangedEvent.type: {
        const earned = parsed.payload.kind === 'EARN' && parsed.payload.points > 0;
        await recordActivity(manager, customer, earned ? at : null, parsed.payload.tier, now);
        return;
      }
      case CustomerRegisteredEvent.type:
      case ProductViewedEvent.type:
        await recordActivity(manager, customer, at, null, now);
        return;
      case OrderPlacedEvent.type: {
        const order = parsed.payload;
        const categories = new Set(order.lines.filter((l) => l.categoryPath?.length).map((l) => categoryKey(l.categoryPath!)));
        // One statement, and nothing when the order is known already (a redelivery after a merge).
        await manager
          .createQueryBuilder()
          .insert()
          .into(CustomerOrderFact)
          .values({
            orderId: order.orderId,
            customerId: customer.id,
            channel: order.channel,
            currency: order.currency,
            placedAt: at,
            totalCents: order.totalCents,
            refundedCents: 0,
            categories: [...categories],
          })
          .orIgnore()
          .updateEntity(false)
          .execute();
        break;
      }
      case OrderCancelledEvent.type:
        if (parsed.payload.totalCents == null) return;
        await manager.update(CustomerOrderFact, { orderId: parsed.payload.orderId }, { totalCents: parsed.payload.totalCents });
        break;
      case OrderModifiedEvent.type:
        await manager.update(CustomerOrderFact, { orderId: parsed.payload.orderId }, { totalCents: parsed.payload.totalCents });
        break;
      case ReturnReceivedEvent.type: {
        const returned = parsed.payload;
        // What was paid back (its share of the discounts included); for an exchange, or an order
        // not paid yet, the returned lines' value (the replacement is an order of its own).
        const value =
          returned.resolution !== 'EXCHANGE' && returned.refundCents > 0
            ? returned.refundCents
            : returned.lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
        if (value > 0) await manager.increment(CustomerOrderFact, { orderId: returned.orderId }, 'refundedCents', value);
        break;
      }
    }
    // An order or a return is activity too (a return is brought to a store or sent from home).
    const { row, orders } = await engagementWithOrders(manager, customer, now, { lastActivityAt: at });
    if (parsed.type !== OrderCancelledEvent.type && parsed.type !== OrderModifiedEvent.type && at > row.lastActivityAt) {
      row.lastActivityAt = at;
    }
    await evaluateCustomer(manager, customer, now, row, undefined, orders);
  },
};
