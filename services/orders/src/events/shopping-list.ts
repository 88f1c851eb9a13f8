import { isoDate, OrderPlacedEvent, parsePayload, type ConsumerDefinition } from '@omni/platform';
import { pushFillsAfterPurchase } from '../commands/shopping-list';

/**
 * A purchase in any channel moves the shopper's auto-filled items it contains: their next
 * replenishment order comes one interval after it (the list learns the rest from the orders).
 */
export const shoppingListPurchases: ConsumerDefinition = {
  name: 'shopping-list-purchases',
  types: [OrderPlacedEvent.type],
  async handle(manager, event) {
    const order = parsePayload(OrderPlacedEvent, event);
    await pushFillsAfterPurchase(manager, {
      customerId: order.customerId,
      skus: order.lines.map((l) => l.sku),
      day: isoDate(new Date(event.occurredAt)),
      orderId: order.orderId,
    });
  },
};
