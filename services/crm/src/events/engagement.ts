import {
  CustomerRegisteredEvent,
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
import { engagementRow, evaluateCustomer } from '../commands/engagement';
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
] as const;

/**
 * Keeps what scoring and segments read: each order's value now (placed, changed, cancelled,
 * refunded) and its categories, the loyalty tier, and the last activity in any channel (an order,
 * a return at a store, points earned by an app check-in or a purchase, a product view, the
 * registration); then recomputes the customer's RFM score and segment memberships.
 */
export const engagementFacts: ConsumerDefinition = {
  name: 'engagement-facts',
  types: TYPES.map((d) => d.type),
  async handle(manager, event) {
    const parsed = parseEvent(TYPES, event);
    const at = new Date(event.occurredAt);
    const customerId = parsed.payload.customerId;
    if (!customerId) return;
    const customer = await lockCustomer(manager, customerId);
    if (!customer || customer.erasedAt) return;
    const row = await engagementRow(manager, customer, at);
    let active = false;
    switch (parsed.type) {
      case OrderPlacedEvent.type: {
        const order = parsed.payload;
        if (!(await manager.existsBy(CustomerOrderFact, { orderId: order.orderId }))) {
          const categories = new Set(order.lines.filter((l) => l.categoryPath?.length).map((l) => categoryKey(l.categoryPath!)));
          await manager.insert(CustomerOrderFact, {
            orderId: order.orderId,
            customerId: customer.id,
            channel: order.channel,
            currency: order.currency,
            placedAt: at,
            totalCents: order.totalCents,
            refundedCents: 0,
            categories: [...categories],
          });
        }
        active = true;
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
        active = true;
        break;
      }
      case PointsChangedEvent.type:
        row.tier = parsed.payload.tier;
        active = parsed.payload.kind === 'EARN' && parsed.payload.points > 0;
        break;
      case CustomerRegisteredEvent.type:
      case ProductViewedEvent.type:
        active = true;
        break;
    }
    if (active && at > row.lastActivityAt) row.lastActivityAt = at;
    await evaluateCustomer(manager, customer, new Date(), row);
  },
};
