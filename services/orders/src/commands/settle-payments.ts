import type { ServiceContext } from '@omni/platform';
import { In, IsNull, Not } from 'typeorm';
import { PaymentStatus } from '../domain/money';
import { OrderPayment, PaymentRefund, RefundStatus } from '../entities/payment';
import { paymentProvider } from '../payments/provider';

type Settling = Pick<ServiceContext, 'db' | 'log'>;

const BATCH = 100;

/**
 * Captures the card and cash payments of committed orders. Called right after an order commits
 * and by the settlement job, so a capture that failed (provider down) is retried until it
 * succeeds. Idempotent per payment: the provider sees the same key every time.
 */
export async function capturePayments(ctx: Settling, payments: readonly OrderPayment[]): Promise<number> {
  let captured = 0;
  for (const payment of payments) {
    if (!payment.provider || payment.capturedAt || payment.status === PaymentStatus.VOIDED) continue;
    const provider = paymentProvider(payment.provider);
    try {
      if (!provider) throw new Error(`no payment provider ${payment.provider} in this process`);
      await provider.capture(payment.reference!, payment.amountCents, payment.currency, `${payment.id}:capture`);
    } catch (error) {
      await ctx.db.getRepository(OrderPayment).increment({ id: payment.id }, 'captureAttempts', 1);
      ctx.log.warn({ err: (error as Error).message, paymentId: payment.id }, 'capture deferred: retried by the settlement job');
      continue;
    }
    const capturedAt = new Date();
    await ctx.db
      .createQueryBuilder()
      .update(OrderPayment)
      .set({
        capturedAt,
        status: () => `CASE WHEN status = '${PaymentStatus.AUTHORIZED}' THEN '${PaymentStatus.CAPTURED}' ELSE status END`,
      })
      .where('id = :id AND "capturedAt" IS NULL', { id: payment.id })
      .execute();
    payment.capturedAt = capturedAt;
    if (payment.status === PaymentStatus.AUTHORIZED) payment.status = PaymentStatus.CAPTURED;
    captured++;
  }
  return captured;
}

/**
 * Sends the card refunds an order change decided to the provider (after its commit); a refund
 * the provider could not take now stays PENDING and is retried. A refund waits for its payment's
 * capture: a provider refunds only what it captured.
 */
export async function sendRefunds(ctx: Settling, refunds: readonly PaymentRefund[]): Promise<number> {
  if (refunds.length === 0) return 0;
  const payments = await ctx.db.getRepository(OrderPayment).findBy({ id: In([...new Set(refunds.map((r) => r.paymentId))]) });
  let sent = 0;
  for (const refund of refunds) {
    const payment = payments.find((p) => p.id === refund.paymentId);
    if (!payment?.provider || !payment.capturedAt || refund.status !== RefundStatus.PENDING) continue;
    try {
      const provider = paymentProvider(payment.provider);
      if (!provider) throw new Error(`no payment provider ${payment.provider} in this process`);
      await provider.refund(payment.reference!, refund.amountCents, payment.currency, refund.id);
    } catch (error) {
      const message = (error as Error).message.slice(0, 300);
      await ctx.db.getRepository(PaymentRefund).update({ id: refund.id }, { attempts: refund.attempts + 1, lastError: message });
      ctx.log.warn({ err: message, refundId: refund.id }, 'refund deferred: retried by the settlement job');
      continue;
    }
    await ctx.db.getRepository(PaymentRefund).update({ id: refund.id }, { status: RefundStatus.DONE, lastError: null });
    refund.status = RefundStatus.DONE;
    sent++;
  }
  return sent;
}

/** Right after a commit that took card or cash payments: captures what the order still holds uncaptured. */
export async function captureOrderPayments(ctx: Settling, orderId: string): Promise<number> {
  return capturePayments(ctx, await ctx.db.getRepository(OrderPayment).findBy({ orderId }));
}

/** The settlement job: every pending capture, then every pending refund. Returns what it settled. */
export async function settlePayments(ctx: Settling): Promise<number> {
  const uncaptured = await ctx.db.getRepository(OrderPayment).find({
    where: { provider: Not(IsNull()), capturedAt: IsNull(), status: Not(PaymentStatus.VOIDED) },
    order: { createdAt: 'ASC' },
    take: BATCH,
  });
  const captured = await capturePayments(ctx, uncaptured);
  const pending = await ctx.db
    .getRepository(PaymentRefund)
    .find({ where: { status: RefundStatus.PENDING }, order: { createdAt: 'ASC' }, take: BATCH });
  return captured + (await sendRefunds(ctx, pending));
}
