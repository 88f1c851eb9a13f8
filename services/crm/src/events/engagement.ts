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
import {
  createEngagementRow,
  evaluateCustomer,
  forgetEngagement,
  lockScoredCustomer,
  mergeEngagement,
  recordActivity,
  scoredOrders,
} from '../commands/engagement';
import { segmentRules } from '../commands/segment-rules';
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
    if (parsed.type === PointsChangedEvent.type) {
      const earned = parsed.payload.kind === 'EARN' && parsed.payload.points > 0;
      await recordActivity(manager, customerId, earned ? at : null, { tier: parsed.payload.tier, at }, now);
      return;
    }
    if (parsed.type === CustomerRegisteredEvent.type || parsed.type === ProductViewedEvent.type) {
      await recordActivity(manager, customerId, at, null, now);
      return;
    }
    // An order's event: the customer, their row and recent orders (older ones summed up) in one
    // read; each write below is made on those facts too, so they are not read again.
    const orderId = parsed.payload.orderId;
    const scored = await lockScoredCustomer(manager, customerId, orderId, now);
    if (!scored || scored.customer.erasedAt) return;
    const { customer, orders } = scored;
    const mine = orders.find((f) => f.orderId === orderId);
    switch (parsed.type) {
      case OrderPlacedEvent.type: {
        // Nothing when the order is known already (a redelivery after a merge).
        if (scored.known) break;
        const order = parsed.payload;
        const categories = new Set(order.lines.filter((l) => l.categoryPath?.length).map((l) => categoryKey(l.categoryPath!)));
        const fact = manager.create(CustomerOrderFact, {
          orderId,
          customerId: customer.id,
          channel: order.channel,
          currency: order.currency,
          placedAt: at,
          totalCents: order.totalCents,
          refundedCents: 0,
          categories: [...categories],
        });
        await manager.createQueryBuilder().insert().into(CustomerOrderFact).values(fact).orIgnore().updateEntity(false).execute();
        orders.push(fact);
        break;
      }
      case OrderCancelledEvent.type:
      case OrderModifiedEvent.type: {
        const totalCents = parsed.payload.totalCents;
        if (totalCents == null) return;
        await manager.update(CustomerOrderFact, { orderId }, { totalCents });
        if (mine) mine.totalCents = totalCents;
        break;
      }
      case ReturnReceivedEvent.type: {
        const returned = parsed.payload;
        // What was paid back (its share of the discounts included); for an exchange, or an order
        // not paid yet, the returned lines' value (the replacement is an order of its own).
        const value =
          returned.resolution !== 'EXCHANGE' && returned.refundCents > 0
            ? returned.refundCents
            : returned.lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
        if (value > 0) {
          await manager.increment(CustomerOrderFact, { orderId }, 'refundedCents', value);
          if (mine) mine.refundedCents += value;
        }
        break;
      }
    }
    // An order or a return is activity too (a return is brought to a store or sent from home).
    const row = scored.row ?? (await createEngagementRow(manager, customer, now, { lastActivityAt: at }));
    if (parsed.type !== OrderCancelledEvent.type && parsed.type !== OrderModifiedEvent.type && at > row.lastActivityAt) {
      row.lastActivityAt = at;
    }
    const segments = await segmentRules(manager, scored.segmentsVersion);
    await evaluateCustomer(manager, customer, now, row, segments, await scoredOrders(manager, scored, segments, now));
  },
};
