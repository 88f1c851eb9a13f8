import { isoDate, OrderPlacedEvent, parsePayload, type ConsumerDefinition, type EventEnvelope } from '@omni/platform';
import { purchaseMovesFills, pushFillsAfterPurchase, type OrderPurchase } from '../commands/shopping-list';

function purchaseOf(event: EventEnvelope): OrderPurchase {
  const order = parsePayload(OrderPlacedEvent, event);
  return {
    customerId: order.customerId,
    skus: order.lines.map((l) => l.sku),
    day: isoDate(new Date(event.occurredAt)),
    orderId: order.orderId,
  };
}

/**
 * A purchase in any channel moves the shopper's auto-filled items it contains: their next
 * replenishment order comes one interval after it (the list learns the rest from the orders).
 */
export const shoppingListPurchases: ConsumerDefinition = {
  name: 'shopping-list-purchases',
  types: [OrderPlacedEvent.type],
  async handle(manager, event) {
    await pushFillsAfterPurchase(manager, purchaseOf(event));
  },
  // Most purchases touch no auto-filled item: one read, no transaction. A malformed event is
  // still handled, so it is refused and parked like at every other consumer.
  async ignores(db, event) {
    let purchase: OrderPurchase;
    try {
      purchase = purchaseOf(event);
    } catch {
      return false;
    }
    return !(await purchaseMovesFills(db, purchase));
  },
};
