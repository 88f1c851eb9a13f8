import { randomUUID } from 'node:crypto';
import {
  DomainError,
  inTransaction,
  normalizeGiftCardCode,
  recordEvent,
  type Channel,
  type PaymentReleased,
  type ServiceContext,
} from '@omni/platform';
import { PaymentMethod, PaymentStatus } from '../domain/money';
import { paymentProvider } from '../payments/provider';
import type { EntityManager } from 'typeorm';
import { OrderPayment } from '../entities/payment';
import { holdLoyaltyPoints, holdStoredValueUpTo, releaseLoyaltyHold, type HoldResult } from '../peers';
import { orderSettings } from '../settings';
import { appendHistory } from './history';

/** The tenders a shopper, an associate or a partner offers for an order. */
export interface TenderRequest {
  redeemPoints?: number | null;
  useStoreCredit?: boolean | null;
  giftCardCodes?: string[] | null;
  /** Pays what the other tenders leave: a card through a provider, or `cash`. */
  payment?: { provider: string; token: string } | null;
  /** Instead of `payment`: one of the customer's saved payment methods (commands/payment-methods). */
  paymentMethodId?: string | null;
}

/** A tender taken for one attempt, before the order commits: becomes an order payment. */
export interface TakenTender {
  id: string;
  sequence: number;
  method: PaymentMethod;
  status: PaymentStatus;
  amountCents: number;
  points: number;
  provider: string | null;
  /** The loyalty hold, or the provider's authorization. */
  reference: string;
  giftCardLast4: string | null;
  /**
   * A gift card or store credit in another currency than the order's: the rate used (units of the
   * order's currency per unit of the card's), and what was taken from it in its own currency.
   */
  exchangeRate: string | null;
  tenderCents: number | null;
  tenderCurrency: string | null;
}

export interface TakenTenders {
  tenders: TakenTender[];
  /** What the tenders leave unpaid. */
  dueCents: number;
}

/** Bad tender input is refused before anything is held. */
export function validateTenders(request: TenderRequest, customerId: string | null): void {
  const points = request.redeemPoints ?? 0;
  if (!Number.isSafeInteger(points) || points < 0) {
    throw new DomainError('INVALID_POINTS', 'points to redeem are a whole number, zero or more', ['input', 'redeemPoints']);
  }
  if ((points > 0 || request.useStoreCredit) && !customerId) {
    throw new DomainError('CUSTOMER_REQUIRED', 'points and store credit belong to a signed-in customer', ['input']);
  }
  const seen = new Set<string>();
  (request.giftCardCodes ?? []).forEach((code, i) => {
    const normalized = normalizeGiftCardCode(code);
    if (!normalized)
      throw new DomainError('UNKNOWN_GIFT_CARD', 'a gift card code is required', ['input', 'giftCardCodes', String(i)]);
    if (seen.has(normalized))
      throw new DomainError('DUPLICATE_GIFT_CARD', 'each gift card once per order', ['input', 'giftCardCodes', String(i)]);
    seen.add(normalized);
  });
  if (request.payment) {
    if (!paymentProvider(request.payment.provider)) {
      throw new DomainError('UNKNOWN_PAYMENT_PROVIDER', `no payment provider ${request.payment.provider}`, [
        'input',
        'payment',
        'provider',
      ]);
    }
    if (!request.payment.token.trim())
      throw new DomainError('INVALID_PAYMENT_TOKEN', 'a payment token is required', ['input', 'payment', 'token']);
  }
}

function refused(hold: Extract<HoldResult, { ok: false }>, field: string[]): DomainError {
  return new DomainError(hold.code, hold.message, field);
}

/**
 * Takes the tenders for one attempt at an order, in the documented order (points, store credit,
 * gift cards, then the card or cash for the rest), all or nothing: a refusal gives back what this
 * attempt already took. `attemptId` makes every hold key new per attempt, so a retry after a
 * refusal never finds a hold that was released.
 */
export async function takeTenders(
  ctx: ServiceContext,
  attempt: { attemptId: string; customerId: string | null; channel: Channel; currency: string; totalCents: number },
  request: TenderRequest,
): Promise<TakenTenders> {
  const taken: TakenTender[] = [];
  let due = attempt.totalCents;
  const add = (t: Omit<TakenTender, 'id' | 'sequence'>) => {
    taken.push({ ...t, id: randomUUID(), sequence: taken.length + 1 });
    due -= t.amountCents;
  };
  const key = (suffix: string) => `${attempt.attemptId}:${suffix}`;
  const money = (cents: number) => ({ cents, currency: attempt.currency });
  try {
    // Points pay at the point value of the order's currency (loyalty's setting): the hold says what they pay.
    const offered = request.redeemPoints ?? 0;
    if (offered > 0 && due > 0 && attempt.customerId) {
      const hold = await holdLoyaltyPoints(ctx, attempt.customerId, offered, money(due), attempt.attemptId, key('points'));
      if (!hold.ok) throw refused(hold, ['input', 'redeemPoints']);
      add(loyaltyTender(PaymentMethod.POINTS, hold.holdId, hold.amount, hold.held));
    }
    if (request.useStoreCredit && attempt.customerId && due > 0) {
      const hold = await holdStoredValueUpTo(
        ctx,
        { customerId: attempt.customerId },
        money(due),
        attempt.attemptId,
        key('store-credit'),
      );
      // An empty wallet pays nothing; the other tenders pay the rest.
      if (hold.ok) add({ ...loyaltyTender(PaymentMethod.STORE_CREDIT, hold.holdId, hold.amount, 0), ...converted(hold) });
      else if (hold.code !== 'INSUFFICIENT_FUNDS') throw refused(hold, ['input', 'useStoreCredit']);
    }
    for (const [i, code] of (request.giftCardCodes ?? []).entries()) {
      if (due === 0) break;
      const giftCardCode = normalizeGiftCardCode(code);
      const hold = await holdStoredValueUpTo(ctx, { giftCardCode }, money(due), attempt.attemptId, key(`gift-card-${i}`));
      if (!hold.ok) throw refused(hold, ['input', 'giftCardCodes', String(i)]);
      add({
        ...loyaltyTender(PaymentMethod.GIFT_CARD, hold.holdId, hold.amount, 0),
        ...converted(hold),
        giftCardLast4: giftCardCode.slice(-4),
      });
    }
    if (request.payment && due > 0) add(await authorizeExternal(ctx, request.payment, money(due), key('payment')));
    requirePayment(attempt.channel, due);
  } catch (error) {
    await releaseTenders(ctx, taken, attempt.attemptId);
    throw error;
  }
  return { tenders: taken, dueCents: due };
}

function loyaltyTender(
  method: PaymentMethod,
  holdId: string,
  amountCents: number,
  points: number,
): Omit<TakenTender, 'id' | 'sequence'> {
  // The hold is spent by loyalty when the order's commit publishes `orders.payment.captured`.
  return {
    method,
    status: PaymentStatus.CAPTURED,
    amountCents,
    points,
    provider: null,
    reference: holdId,
    giftCardLast4: null,
    ...NOT_CONVERTED,
  };
}

const NOT_CONVERTED = { exchangeRate: null, tenderCents: null, tenderCurrency: null } as const;

/** The conversion a stored-value hold in another currency used, for the payment's record. */
function converted(
  hold: Extract<HoldResult, { ok: true }>,
): Pick<TakenTender, 'exchangeRate' | 'tenderCents' | 'tenderCurrency'> {
  return hold.rate ? { exchangeRate: hold.rate, tenderCents: hold.held, tenderCurrency: hold.heldCurrency } : NOT_CONVERTED;
}

async function authorizeExternal(
  ctx: ServiceContext,
  payment: { provider: string; token: string },
  amount: { cents: number; currency: string },
  idempotencyKey: string,
): Promise<Omit<TakenTender, 'id' | 'sequence'>> {
  const provider = paymentProvider(payment.provider)!;
  const result = await provider.authorize({
    token: payment.token.trim(),
    cents: amount.cents,
    currency: amount.currency,
    idempotencyKey,
  });
  if (!result.ok) throw new DomainError(result.code, result.message, ['input', 'payment', 'token']);
  return {
    method: provider.name === 'cash' ? PaymentMethod.CASH : PaymentMethod.CARD,
    status: PaymentStatus.AUTHORIZED,
    amountCents: amount.cents,
    points: 0,
    provider: provider.name,
    reference: result.reference,
    giftCardLast4: null,
    ...NOT_CONVERTED,
  };
}

/** Channels configured to take no order with money left to pay. */
export function requirePayment(channel: Channel, dueCents: number): void {
  if (dueCents > 0 && orderSettings().PAYMENT_REQUIRED_CHANNELS.includes(channel)) {
    throw new DomainError('PAYMENT_REQUIRED', `orders on ${channel} are paid in full: ${dueCents} left to pay`, [
      'input',
      'payment',
    ]);
  }
}

/**
 * Gives back what an attempt that did not commit took: the card authorization is voided, and
 * each loyalty hold released now; a hold loyalty could not release now is released through the
 * outbox (`orders.payment.released`), so none is left behind.
 */
export async function releaseTenders(ctx: ServiceContext, tenders: readonly TakenTender[], attemptId: string): Promise<void> {
  const pending: string[] = [];
  for (const t of tenders) {
    if (t.provider) {
      await paymentProvider(t.provider)!
        .void(t.reference, `${t.id}:void`)
        .catch((error: Error) =>
          ctx.log.warn({ err: error.message, attemptId }, 'authorization not voided: it lapses at the provider'),
        );
      continue;
    }
    await releaseLoyaltyHold(ctx, t.reference).catch(() => pending.push(t.reference));
  }
  if (pending.length === 0) return;
  await inTransaction(ctx.db, (manager) =>
    recordEvent<PaymentReleased>(
      manager,
      'orders.payment.released',
      { orderRef: attemptId, holdIds: pending },
      ctx.channel ?? null,
    ),
  );
}

/**
 * The order's payments for tenders taken by an attempt, numbered from `firstSequence`. Loyalty
 * tenders count as captured once the order commits (loyalty spends them on its event); a card or
 * cash payment waits for the provider's capture.
 */
export function paymentsFor(
  manager: EntityManager,
  order: { id: string; currency: string },
  tenders: readonly TakenTender[],
  firstSequence = 1,
): OrderPayment[] {
  const now = new Date();
  return tenders.map((t, i) =>
    manager.create(OrderPayment, {
      ...t,
      sequence: firstSequence + i,
      orderId: order.id,
      currency: order.currency,
      refundedCents: 0,
      refundedPoints: 0,
      capturedAt: t.provider ? null : now,
      captureAttempts: 0,
      createdAt: now,
    }),
  );
}

export function describeTender(
  p: Pick<OrderPayment, 'method' | 'points' | 'giftCardLast4' | 'provider'> &
    Partial<Pick<OrderPayment, 'exchangeRate' | 'tenderCents' | 'tenderCurrency'>>,
): string {
  const rate = p.exchangeRate ? ` (${p.tenderCents} ${p.tenderCurrency} at ${p.exchangeRate})` : '';
  if (p.method === PaymentMethod.POINTS) return `POINTS (${p.points} points)`;
  if (p.method === PaymentMethod.GIFT_CARD) return `GIFT_CARD ending ${p.giftCardLast4 ?? ''}${rate}`.trim();
  if (p.method === PaymentMethod.STORE_CREDIT) return `STORE_CREDIT${rate}`;
  if (p.provider && p.provider !== p.method.toLowerCase()) return `${p.method} (${p.provider})`;
  return p.method;
}

/**
 * Tenders taken for an order that already exists (a change that costs more, a balance collected):
 * its next payments, each with a "charged" line in the order's history.
 */
export async function addPayments(
  manager: EntityManager,
  order: { id: string; currency: string },
  tenders: readonly TakenTender[],
  by: { channel: Channel | null; actor: string | null },
): Promise<OrderPayment[]> {
  const last = (await manager.maximum(OrderPayment, 'sequence', { orderId: order.id })) ?? 0;
  const payments = paymentsFor(manager, order, tenders, last + 1);
  // One row per insert: a multi-row insert hands default values back to the wrong entities on SQLite.
  for (const p of payments) await manager.insert(OrderPayment, p);
  await appendHistory(manager, {
    orderId: order.id,
    ...by,
    event: payments.map((p) => `charged ${p.amountCents} ${p.currency} to ${describeTender(p)}`),
  });
  return payments;
}
