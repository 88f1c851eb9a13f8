import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, type Channel, type ServiceContext } from '@omni/platform';
import { balanceDue } from '../domain/money';
import { Order } from '../entities/order';
import { OrderPayment } from '../entities/payment';
import { lockOrder } from './lock-order';
import { activateGiftCards } from './gift-cards';
import { captureOrderPayments } from './settle-payments';
import { addPayments, releaseTenders, takeTenders, validateTenders } from './tenders';

export interface CollectPaymentRequest {
  orderId: string;
  channel: Channel;
  payment: { provider: string; token: string };
}

/**
 * Takes what an order still owes (paid at pickup, cash on delivery, an invoice settled): the
 * payment is authorized for the whole `balanceDue`, recorded with the order, and captured after
 * the commit; gift cards on the order are activated once it is paid.
 */
export async function collectPayment(ctx: ServiceContext, request: CollectPaymentRequest): Promise<Order> {
  const order = await ctx.db.getRepository(Order).findOneBy({ id: request.orderId });
  if (!order) throw new DomainError('UNKNOWN_ORDER', `no order ${request.orderId}`, ['input', 'orderId']);
  if (order.balanceDueCents <= 0) throw new DomainError('NOTHING_DUE', 'the order owes nothing', ['input', 'orderId']);
  validateTenders({ payment: request.payment }, order.customerId);
  const due = order.balanceDueCents;
  const attemptId = randomUUID();
  const taken = await takeTenders(
    ctx,
    { attemptId, customerId: order.customerId, channel: request.channel, currency: order.currency, totalCents: due },
    { payment: request.payment },
  );
  let paid: Order;
  try {
    paid = await inTransaction(ctx.db, async (manager) => {
      const current = (await lockOrder(manager, order.id))!;
      if (current.balanceDueCents !== due)
        throw new DomainError('CONCURRENT_CHANGE', 'the order changed meanwhile; reload it', ['input', 'orderId']);
      await addPayments(manager, current, taken.tenders, { channel: request.channel, actor: ctx.caller.subject });
      const payments = await manager.findBy(OrderPayment, { orderId: current.id });
      current.balanceDueCents = balanceDue(current.totalCents, payments, current.creditedCents);
      await manager.update(Order, { id: current.id }, { balanceDueCents: current.balanceDueCents });
      await activateGiftCards(manager, ctx, current, request.channel);
      return current;
    });
  } catch (error) {
    await releaseTenders(ctx, taken.tenders, attemptId);
    throw error;
  }
  await captureOrderPayments(ctx, paid.id);
  return paid;
}
