import { randomUUID } from 'node:crypto';
import type { Channel, ConsumerDefinition } from '@omni/platform';
import { IdentityKind } from '../domain/identity';
import { Customer, CustomerIdentity } from '../entities/customer';

interface OrderPlaced {
  orderId: string;
  customerId: string | null;
  channel: Channel;
}

interface LoyaltyEnrolled {
  customerId: string;
  cardNumber: string;
}

/** An order in any channel makes that channel one the customer has touched. */
const touchpointFromOrder: ConsumerDefinition = {
  name: 'order-channels',
  types: ['orders.order.placed'],
  async handle(manager, event) {
    const { customerId, channel } = event.payload as OrderPlaced;
    if (!customerId) return;
    const customer = await manager.findOneBy(Customer, { id: customerId });
    if (!customer || customer.channels.includes(channel)) return;
    await manager.update(Customer, { id: customerId }, { channels: [...customer.channels, channel] });
  },
};

/** A loyalty card is one more way to find the shopper. */
const loyaltyCardIdentity: ConsumerDefinition = {
  name: 'loyalty-cards',
  types: ['loyalty.account.enrolled'],
  async handle(manager, event) {
    const { customerId, cardNumber } = event.payload as LoyaltyEnrolled;
    const exists = await manager.existsBy(CustomerIdentity, { kind: IdentityKind.LOYALTY_CARD, value: cardNumber });
    if (exists || !(await manager.existsBy(Customer, { id: customerId }))) return;
    await manager.insert(CustomerIdentity, {
      id: randomUUID(),
      customerId,
      kind: IdentityKind.LOYALTY_CARD,
      value: cardNumber,
      channel: event.channel,
    });
  },
};

export const consumers = [touchpointFromOrder, loyaltyCardIdentity];
