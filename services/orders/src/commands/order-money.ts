import { randomUUID } from 'node:crypto';
import { recordEvent, type Channel, type PaymentRefunded, type RefundIssued, type ServiceContext } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { afterRefund, allocateRefund, balanceDue, refundDue, type RefundMove } from '../domain/money';
import { refundForUnits } from '../domain/returns';
import type { Order, OrderLine } from '../entities/order';
import { Order as OrderEntity } from '../entities/order';
import { OrderPayment, PaymentRefund, RefundStatus } from '../entities/payment';
import { appendHistory } from './history';
import { describeTender } from './tenders';

export type RefundReason = 'CANCELLED' | 'RETURNED' | 'MODIFIED' | 'EXCHANGED';

export interface OrderChange {
  /** What the order costs after the change. */
  totalCents: number;
  subtotalCents?: number;
  discountCents?: number;
  /** Value paid out other than to the tenders by this change (store credit, exchange credit). */
  paidOutCents?: number;
  reason: RefundReason;
  channel: Channel | null;
}

/**
 * Step "move the money" of every order change, inside the change's transaction: the order's new
 * total, then whatever its tenders hold above it goes back to them in REFUND_ORDER (loyalty
 * tenders through `orders.payment.refunded`, cards as PENDING refunds sent after the commit).
 * Returns the card refunds to send after the commit (`sendRefunds`).
 */
export async function applyOrderChange(
  manager: EntityManager,
  ctx: ServiceContext,
  order: Order,
  change: OrderChange,
): Promise<PaymentRefund[]> {
  const payments = await manager.find(OrderPayment, { where: { orderId: order.id }, order: { sequence: 'ASC' } });
  order.totalCents = change.totalCents;
  if (change.subtotalCents !== undefined) order.subtotalCents = change.subtotalCents;
  if (change.discountCents !== undefined) order.discountCents = change.discountCents;
  order.creditedCents += change.paidOutCents ?? 0;
  const moves = allocateRefund(payments, refundDue(order.totalCents, payments, order.creditedCents));
  const refundId = randomUUID();
  const refunds: PaymentRefund[] = [];
  for (const move of moves) {
    const payment = payments.find((p) => p.id === move.paymentId)!;
    Object.assign(payment, afterRefund(payment, move));
    await manager.update(
      OrderPayment,
      { id: payment.id },
      { refundedCents: payment.refundedCents, refundedPoints: payment.refundedPoints, status: payment.status },
    );
    refunds.push(await recordRefund(manager, payment, move, change.reason));
    await appendHistory(manager, {
      orderId: order.id,
      channel: change.channel,
      actor: ctx.caller.subject,
      event: `refunded ${move.cents} ${order.currency} to ${describeTender(payment)}${move.points ? `: ${move.points} points back` : ''} (${change.reason.toLowerCase()})`,
    });
  }
  await recordLoyaltyRefunds(manager, order, payments, moves, refundId, change);
  await recordRefundIssued(manager, order, moves, refundId, change);
  order.balanceDueCents = balanceDue(order.totalCents, payments, order.creditedCents);
  await manager.update(
    OrderEntity,
    { id: order.id },
    {
      totalCents: order.totalCents,
      subtotalCents: order.subtotalCents,
      discountCents: order.discountCents,
      creditedCents: order.creditedCents,
      balanceDueCents: order.balanceDueCents,
    },
  );
  return refunds.filter((r) => r.status === RefundStatus.PENDING);
}

async function recordRefund(
  manager: EntityManager,
  payment: OrderPayment,
  move: RefundMove,
  reason: RefundReason,
): Promise<PaymentRefund> {
  const refund = manager.create(PaymentRefund, {
    id: randomUUID(),
    orderId: payment.orderId,
    paymentId: payment.id,
    amountCents: move.cents,
    points: move.points,
    reason,
    // Loyalty tenders are refunded by the event below, which commits with this row.
    status: payment.provider ? RefundStatus.PENDING : RefundStatus.DONE,
    attempts: 0,
    lastError: null,
    createdAt: new Date(),
  });
  await manager.insert(PaymentRefund, refund);
  return refund;
}

async function recordLoyaltyRefunds(
  manager: EntityManager,
  order: Order,
  payments: OrderPayment[],
  moves: RefundMove[],
  refundId: string,
  change: OrderChange,
): Promise<void> {
  const tenders = moves.flatMap((move) => {
    const payment = payments.find((p) => p.id === move.paymentId)!;
    if (payment.provider) return [];
    const method = payment.method as 'POINTS' | 'STORE_CREDIT' | 'GIFT_CARD';
    return [{ paymentId: payment.id, method, holdId: payment.reference!, amountCents: move.cents, points: move.points }];
  });
  if (tenders.length === 0) return;
  await recordEvent<PaymentRefunded>(
    manager,
    'orders.payment.refunded',
    {
      refundId,
      orderId: order.id,
      number: order.number,
      customerId: order.customerId,
      currency: order.currency,
      reason: change.reason,
      tenders,
    },
    change.channel,
  );
}

/** `orders.refund.issued`: every tender this change refunded, in one event (partners' REFUND_ISSUED webhook). */
async function recordRefundIssued(
  manager: EntityManager,
  order: Order,
  moves: RefundMove[],
  refundId: string,
  change: OrderChange,
): Promise<void> {
  if (moves.length === 0) return;
  await recordEvent<RefundIssued>(
    manager,
    'orders.refund.issued',
    {
      refundId,
      orderId: order.id,
      number: order.number,
      customerId: order.customerId,
      currency: order.currency,
      reason: change.reason,
      amountCents: moves.reduce((sum, move) => sum + move.cents, 0),
      tenders: moves.map((move) => ({
        paymentId: move.paymentId,
        method: move.method,
        amountCents: move.cents,
        points: move.points,
      })),
    },
    change.channel,
  );
}

/** What a line's units cost the shopper: its value less its discount. */
export function linePaid(line: Pick<OrderLine, 'quantity' | 'unitPriceCents' | 'discountCents'>): number {
  return line.unitPriceCents * line.quantity - line.discountCents;
}

/**
 * The value of `units` of a line, `before` of its units having been taken off the order earlier
 * (cancelled or returned): cumulative and floored, so taking every unit off in any steps gives
 * exactly what the line cost.
 */
export function unitsValue(
  line: Pick<OrderLine, 'quantity' | 'unitPriceCents' | 'discountCents'>,
  before: number,
  units: number,
): number {
  return refundForUnits(linePaid(line), line.quantity, before, units);
}
