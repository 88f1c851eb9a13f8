import type { Channel, ConsumerDefinition } from '@omni/platform';
import { post } from '../commands/ledger';
import { basePurchasePoints, LedgerKind } from '../domain/program';
import { LoyaltyAccount } from '../entities/account';

interface OrderPlaced {
  orderId: string;
  number: string;
  customerId: string | null;
  channel: Channel;
  totalCents: number;
}

/** Points for a purchase in any channel; the processed-event log makes it once per order. */
const earnOnPurchase: ConsumerDefinition = {
  name: 'earn-on-purchase',
  types: ['orders.order.placed'],
  async handle(manager, event) {
    const order = event.payload as OrderPlaced;
    if (!order.customerId) return;
    const account = await manager.findOneBy(LoyaltyAccount, { customerId: order.customerId });
    const points = basePurchasePoints(order.totalCents);
    if (!account || points === 0) return;
    await post(manager, account, {
      kind: LedgerKind.EARN,
      points,
      reason: `purchase ${order.number}`,
      channel: order.channel,
      orderId: order.orderId,
    });
  },
};

export const consumers = [earnOnPurchase];
