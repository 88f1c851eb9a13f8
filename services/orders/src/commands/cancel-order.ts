import { DomainError, inTransaction, recordEvent, type Channel, type OrderCancelled, type ServiceContext } from '@omni/platform';
import { In, IsNull, type EntityManager } from 'typeorm';
import { hasLeft, orderStatusOf } from '../domain/fulfillment';
import { FulfillmentStatus, LineStatus, OrderStatus } from '../domain/status';
import { appendHistory } from './history';
import { lockOrder } from './lock-order';
import { Fulfillment, FulfillmentLine, Order, OrderLine } from '../entities/order';
import { releaseReservations } from '../peers';
import { PaymentRefund } from '../entities/payment';
import { applyOrderChange, unitsValue } from './order-money';
import { sendRefunds } from './settle-payments';

/** The value of the cancelled units, marked as taken off their lines. */
async function takeOffOrder(manager: EntityManager, lineIds: string[], parts: FulfillmentLine[]): Promise<number> {
  const lines = await manager.findBy(OrderLine, { id: In(lineIds) });
  let cents = 0;
  for (const line of lines) {
    const units = Math.min(
      line.quantity - line.settledQuantity,
      parts.filter((p) => p.orderLineId === line.id).reduce((sum, p) => sum + p.quantity, 0),
    );
    cents += unitsValue(line, line.settledQuantity, units);
    await manager.update(OrderLine, { id: line.id }, { settledQuantity: line.settledQuantity + units });
  }
  return cents;
}

/**
 * Cancels what has not left yet: the whole order before anything ships, the rest after a
 * partial shipment. Reservations of cancelled fulfillments are given back to inventory.
 */
export async function cancelOrder(
  ctx: ServiceContext,
  orderId: string,
  channel: Channel,
  reason?: string | null,
): Promise<Order> {
  let refunds: PaymentRefund[] = [];
  const order = await inTransaction(ctx.db, async (manager) => {
    const order = await lockOrder(manager, orderId);
    if (!order) throw new DomainError('UNKNOWN_ORDER', `no order ${orderId}`, ['orderId']);
    if (order.status === OrderStatus.CANCELLED)
      throw new DomainError('ALREADY_CANCELLED', 'the order is already cancelled', ['orderId']);
    const fulfillments = await manager.findBy(Fulfillment, { orderId });
    const open = fulfillments.filter((f) => !hasLeft(f.status) && f.status !== FulfillmentStatus.CANCELLED);
    // E-gift cards not yet activated (the order is unpaid) have no fulfillment but can still go.
    const unsentGiftCards = await manager.findBy(OrderLine, {
      orderId,
      giftCardKind: 'EGIFT',
      giftCardsActivatedAt: IsNull(),
      status: LineStatus.OPEN,
    });
    if (open.length === 0 && unsentGiftCards.length === 0)
      throw new DomainError('ALREADY_SHIPPED', 'everything on the order has shipped', ['orderId']);
    if (open.length)
      await manager.update(Fulfillment, { id: In(open.map((f) => f.id)) }, { status: FulfillmentStatus.CANCELLED });
    const cancelledParts = [
      ...(open.length ? await manager.findBy(FulfillmentLine, { fulfillmentId: In(open.map((f) => f.id)) }) : []),
      ...unsentGiftCards.map((l) => ({ fulfillmentId: '', orderLineId: l.id, sku: l.sku, quantity: l.quantity })),
    ] as FulfillmentLine[];
    const lineIds = [...new Set(cancelledParts.map((p) => p.orderLineId))];
    await manager.update(OrderLine, { id: In(lineIds), status: LineStatus.OPEN }, { status: LineStatus.CANCELLED });
    const cancelledCents = await takeOffOrder(manager, lineIds, cancelledParts);
    for (const f of open) f.status = FulfillmentStatus.CANCELLED;
    order.status = orderStatusOf(fulfillments.map((f) => f.status));
    await manager.update(Order, { id: orderId }, { status: order.status });
    await appendHistory(manager, {
      orderId,
      channel,
      actor: ctx.caller.subject,
      event: `cancelled ${open.length} fulfillment(s)${reason?.trim() ? `: ${reason.trim()}` : ''}: total ${order.totalCents - cancelledCents} ${order.currency}`,
    });
    refunds = await applyOrderChange(manager, ctx, order, {
      totalCents: order.totalCents - cancelledCents,
      reason: 'CANCELLED',
      channel,
    });
    await recordEvent<OrderCancelled>(
      manager,
      'orders.order.cancelled',
      {
        orderId,
        number: order.number,
        customerId: order.customerId,
        reason: reason?.trim() || null,
        lines: cancelledParts.map((p) => ({ orderLineId: p.orderLineId, sku: p.sku, quantity: p.quantity })),
        totalCents: order.totalCents,
        currency: order.currency,
      },
      channel,
    );
    return order;
  });
  await sendRefunds(ctx, refunds);
  // Giving stock back after the commit: a failure here leaves a reservation to expire, never a
  // cancelled order that still holds stock it will not ship (inventory also consumes the event).
  await releaseReservations(ctx, orderId).catch((error: Error) =>
    ctx.log.error({ err: error, orderId }, 'reservation release failed'),
  );
  return order;
}
