import { recordEvent, type Channel, type GiftCardPurchased, type ServiceContext } from '@omni/platform';
import { IsNull, type EntityManager } from 'typeorm';
import { LineStatus, OrderStatus } from '../domain/status';
import { Fulfillment, Order, OrderLine } from '../entities/order';
import { appendHistory } from './history';

/**
 * Gift cards sold as order lines become cards once the order is paid (its `balanceDue` is 0 or
 * less), not before: then each line publishes `orders.giftcard.purchased` in the caller's
 * transaction, and loyalty issues the cards and has their codes sent (to the line's recipient,
 * else the order's email, else the buyer). An e-gift line is then delivered; a physical card
 * goes with its fulfillment like any product. Returns how many cards were activated.
 */
export async function activateGiftCards(
  manager: EntityManager,
  ctx: ServiceContext,
  order: Order,
  channel: Channel | null,
): Promise<number> {
  if (order.balanceDueCents > 0) return 0;
  const waiting = (await manager.findBy(OrderLine, { orderId: order.id, giftCardsActivatedAt: IsNull() })).filter(
    (l) => l.giftCardKind && l.status !== LineStatus.CANCELLED,
  );
  if (waiting.length === 0) return 0;
  const now = new Date();
  for (const line of waiting) {
    await recordEvent<GiftCardPurchased>(
      manager,
      'orders.giftcard.purchased',
      {
        orderId: order.id,
        number: order.number,
        orderLineId: line.id,
        kind: line.giftCardKind!,
        quantity: line.quantity,
        valueCents: line.unitPriceCents,
        currency: line.currency,
        purchaserCustomerId: order.customerId,
        recipientEmail: line.giftCardRecipientEmail ?? order.email,
      },
      channel,
    );
    const delivered = line.giftCardKind === 'EGIFT' ? { status: LineStatus.DELIVERED } : {};
    await manager.update(OrderLine, { id: line.id }, { giftCardsActivatedAt: now, ...delivered });
  }
  const cards = waiting.reduce((sum, l) => sum + l.quantity, 0);
  await appendHistory(manager, {
    orderId: order.id,
    channel,
    actor: ctx.caller.subject,
    event: `activated ${cards} gift card(s): ${waiting.map((l) => `${l.quantity} × ${l.unitPriceCents} ${l.currency}`).join(', ')}`,
  });
  // An order of e-gift cards alone has nothing to ship: it is complete once they are sent.
  if (!(await manager.existsBy(Fulfillment, { orderId: order.id })) && order.status === OrderStatus.PLACED) {
    order.status = OrderStatus.COMPLETED;
    await manager.update(Order, { id: order.id }, { status: order.status });
  }
  return cards;
}
