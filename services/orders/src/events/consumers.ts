import { CustomersMergedEvent, parsePayload, type ConsumerDefinition } from '@omni/platform';
import { Cart } from '../entities/cart';
import { Order } from '../entities/order';
import { ReturnRequest } from '../entities/return';
import { ReplenishmentSubscription } from '../entities/subscription';
import { appendHistory } from '../commands/history';

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

export const consumers: ConsumerDefinition[] = [repointMergedCustomer];
