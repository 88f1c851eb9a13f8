import { randomUUID } from 'node:crypto';
import { Channel, DomainError, hasRole, isCurrencyCode, isUniqueViolation, Role, type ServiceContext } from '@omni/platform';
import { In, LessThan } from 'typeorm';
import { idempotencyScope, requestHash } from '../domain/idempotency';
import { cleanText } from '../domain/input';
import { isSettled, topUpAmountProblem, TopUpStatus } from '../domain/wallet';
import { WalletTopUp } from '../entities/shopper';
import { paymentProvider } from '../payments/provider';
import { creditWalletTopUp, resolveCustomerId } from '../peers';
import { chargingProvider, savedPayment } from './payment-methods';

export interface TopUpRequest {
  customerId: string;
  /** Integer minor units of an ISO currency. */
  amount: { cents: number; currency: string };
  payment?: { provider: string; token: string } | null;
  paymentMethodId?: string | null;
  idempotencyKey: string;
  channel?: Channel | null;
}

export interface TopUpOutcome {
  topUp: WalletTopUp;
  /** The wallet once credited; null while the credit is still being made (CAPTURED). */
  storeCredit: { cents: number; currency: string } | null;
}

/** A PENDING top-up older than this was abandoned by its request (a crash): the job finishes it. */
const ABANDONED_AFTER_MS = 5 * 60_000;

const MAX_KEY_LENGTH = 100;

/** The userError a settled top-up answers with, from its `lastError` ("CODE: message"). */
function refusal(topUp: WalletTopUp): DomainError {
  const [code, ...message] = (topUp.lastError ?? 'PAYMENT_DECLINED: declined').split(': ');
  const field = code === 'WALLET_LIMIT_EXCEEDED' ? ['input', 'amount'] : ['input', 'payment'];
  return new DomainError(code!, message.join(': ') || code!, field);
}

const described = (code: string, message: string) => `${code}: ${message}`.slice(0, 300);

/**
 * Adds store credit bought with a card (or, for staff at a till, cash), as named steps:
 *   1. validate, and replay the caller's earlier top-up for this key (same request only);
 *   2. record the top-up PENDING (one per caller and key: a racing retry drives the same one);
 *   3. authorize and capture the payment at its provider    undone by: void (DECLINED, nothing charged);
 *   4. credit the wallet through loyalty, once per top-up    undone by: refunding the capture when
 *      loyalty refuses (REFUNDED); when loyalty cannot be asked the top-up stays CAPTURED and the
 *      `wallet-top-ups` job repeats the credit until loyalty answers.
 * Every provider call carries a key derived from the top-up id, so a repeated step moves no money twice.
 */
export async function topUpWallet(ctx: ServiceContext, request: TopUpRequest): Promise<TopUpOutcome> {
  const key = cleanText(request.idempotencyKey, MAX_KEY_LENGTH, 'INVALID_IDEMPOTENCY_KEY', ['input', 'idempotencyKey']);
  const { cents, currency } = request.amount;
  const amountProblem = topUpAmountProblem(cents);
  if (amountProblem) throw new DomainError('INVALID_AMOUNT', amountProblem, ['input', 'amount', 'cents']);
  if (!isCurrencyCode(currency))
    throw new DomainError('INVALID_CURRENCY', `${currency} is not an ISO currency code`, ['input', 'amount', 'currency']);
  if (!!request.payment === !!request.paymentMethodId) {
    throw new DomainError('PAYMENT_CONFLICT', 'pay with either payment or paymentMethodId', ['input', 'payment']);
  }
  const channel = request.channel ?? ctx.channel ?? null;
  const scope = idempotencyScope(ctx.caller, channel ?? Channel.WEB);
  const hash = requestHash({ ...request, idempotencyKey: undefined, channel: undefined });
  const customerId = await resolveCustomerId(ctx, cleanText(request.customerId, 36, 'UNKNOWN_CUSTOMER', ['input', 'customerId']));
  if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  const payment = request.paymentMethodId
    ? await savedPayment(ctx, customerId, request.paymentMethodId, ['input', 'paymentMethodId'])
    : checkedPayment(ctx, request.payment!);
  // A retry goes on with the first attempt (the provider answers a repeated step as it did the first time).
  const earlier = await replay(ctx, scope, key, hash);
  if (earlier) return drive(ctx, earlier, payment);

  const topUp = ctx.db.getRepository(WalletTopUp).create({
    id: randomUUID(),
    customerId,
    idempotencyScope: scope,
    idempotencyKey: key,
    requestHash: hash,
    status: TopUpStatus.PENDING,
    amountCents: cents,
    currency,
    provider: paymentProvider(payment.provider)!.name,
    paymentMethodId: request.paymentMethodId ?? null,
    reference: null,
    channel,
    lastError: null,
    attempts: 0,
    createdAt: new Date(),
    settledAt: null,
  });
  try {
    await ctx.db.getRepository(WalletTopUp).insert(topUp);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await replay(ctx, scope, key, hash);
    if (!winner) throw error;
    return drive(ctx, winner, payment);
  }
  return drive(ctx, topUp, payment);
}

/** A one-off payment: a provider that charges; `manual` and `cash` only for staff taking the money themselves. */
function checkedPayment(ctx: ServiceContext, payment: { provider: string; token: string }) {
  const field = ['input', 'payment', 'provider'];
  const provider = hasRole(ctx.caller, Role.ASSOCIATE, Role.CSR)
    ? paymentProvider(payment.provider)
    : chargingProvider(payment.provider, field);
  if (!provider) throw new DomainError('UNKNOWN_PAYMENT_PROVIDER', `no payment provider ${payment.provider}`, field);
  const token = cleanText(payment.token, 200, 'INVALID_PAYMENT_TOKEN', ['input', 'payment', 'token']);
  return { provider: provider.name, token };
}

async function replay(ctx: ServiceContext, scope: string, key: string, hash: string): Promise<WalletTopUp | null> {
  const earlier = await ctx.db.getRepository(WalletTopUp).findOneBy({ idempotencyScope: scope, idempotencyKey: key });
  if (earlier && earlier.requestHash !== hash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for another top-up', [
      'input',
      'idempotencyKey',
    ]);
  }
  return earlier;
}

/**
 * Moves the top-up on if it is still `from`: a conditional update, so two drivers of one top-up
 * (a retry racing the first call) never both move it; the loser reads where the winner took it.
 */
async function advance(ctx: ServiceContext, topUp: WalletTopUp, from: TopUpStatus, next: Partial<WalletTopUp>): Promise<boolean> {
  const repository = ctx.db.getRepository(WalletTopUp);
  const changed = await repository.update({ id: topUp.id, status: from }, next);
  if (changed.affected) Object.assign(topUp, next);
  else Object.assign(topUp, await repository.findOneByOrFail({ id: topUp.id }));
  return !!changed.affected;
}

/**
 * Takes the top-up from where it stands to the end it can reach now. `payment` is the method it
 * is paid with (null when the job finishes a top-up whose request is gone: a PENDING one that was
 * never authorized is then given up, its authorization, if any, lapses at the provider).
 */
async function drive(
  ctx: ServiceContext,
  topUp: WalletTopUp,
  payment: { provider: string; token: string } | null,
): Promise<TopUpOutcome> {
  if (topUp.status === TopUpStatus.PENDING) await takePayment(ctx, topUp, payment);
  if (topUp.status === TopUpStatus.CAPTURED || topUp.status === TopUpStatus.CREDITED) return credit(ctx, topUp);
  throw refusal(topUp);
}

/** Step 3: authorize, then capture; a decline or a failed capture ends the top-up DECLINED with nothing taken. */
async function takePayment(ctx: ServiceContext, topUp: WalletTopUp, payment: { provider: string; token: string } | null) {
  const provider = paymentProvider(topUp.provider);
  if (!provider) throw new Error(`top-up ${topUp.id}: provider ${topUp.provider} is no longer registered`);
  if (!topUp.reference) {
    if (!payment) {
      await advance(ctx, topUp, TopUpStatus.PENDING, {
        status: TopUpStatus.DECLINED,
        lastError: described('PAYMENT_FAILED', 'the request ended before the payment was authorized'),
        settledAt: new Date(),
      });
      return;
    }
    const authorized = await provider
      .authorize({
        token: payment.token,
        cents: topUp.amountCents,
        currency: topUp.currency,
        idempotencyKey: `${topUp.id}:authorize`,
      })
      .catch((error: Error) => {
        // Unknown outcome: the same key asks the provider again on a retry (or the job gives it up).
        ctx.log.warn({ topUpId: topUp.id, err: error.message }, 'top-up authorization not answered');
        throw new DomainError(
          'PAYMENT_PROVIDER_UNAVAILABLE',
          'the payment provider did not answer: retry with the same idempotencyKey',
          ['input', 'payment'],
        );
      });
    if (!authorized.ok) {
      await advance(ctx, topUp, TopUpStatus.PENDING, {
        status: TopUpStatus.DECLINED,
        lastError: described(authorized.code, authorized.message),
        settledAt: new Date(),
      });
      return;
    }
    await advance(ctx, topUp, TopUpStatus.PENDING, { reference: authorized.reference });
  }
  // Another call for the same top-up may have settled it meanwhile.
  if (topUp.status !== TopUpStatus.PENDING) return;
  try {
    await provider.capture(topUp.reference!, topUp.amountCents, topUp.currency, `${topUp.id}:capture`);
  } catch (error) {
    await provider
      .void(topUp.reference!, `${topUp.id}:void`)
      .catch((voidError: Error) =>
        ctx.log.warn({ topUpId: topUp.id, err: voidError.message }, 'top-up authorization left to lapse'),
      );
    await advance(ctx, topUp, TopUpStatus.PENDING, {
      status: TopUpStatus.DECLINED,
      lastError: described('PAYMENT_FAILED', `the payment could not be taken: ${(error as Error).message}`),
      settledAt: new Date(),
    });
    return;
  }
  await advance(ctx, topUp, TopUpStatus.PENDING, { status: TopUpStatus.CAPTURED });
}

/** Step 4: the credit, once per top-up; a refusal refunds the capture. */
async function credit(ctx: ServiceContext, topUp: WalletTopUp): Promise<TopUpOutcome> {
  let credited;
  try {
    credited = await creditWalletTopUp(ctx, {
      customerId: topUp.customerId,
      amount: { cents: topUp.amountCents, currency: topUp.currency },
      topUpId: topUp.id,
      reason: `top-up by ${topUp.provider === 'cash' ? 'CASH' : `CARD (${topUp.provider})`}`,
    });
  } catch (error) {
    // Unknown outcome: asked again (by the job) until loyalty answers; the credit is made once whatever happened.
    await ctx.db
      .getRepository(WalletTopUp)
      .update({ id: topUp.id }, { attempts: topUp.attempts + 1, lastError: (error as Error).message.slice(0, 300) });
    ctx.log.warn({ topUpId: topUp.id, err: (error as Error).message }, 'top-up paid, credit pending');
    return { topUp, storeCredit: null };
  }
  if (credited.ok) {
    if (topUp.status === TopUpStatus.CAPTURED) {
      await advance(ctx, topUp, TopUpStatus.CAPTURED, { status: TopUpStatus.CREDITED, lastError: null, settledAt: new Date() });
    }
    return { topUp, storeCredit: credited.storeCredit };
  }
  const field = ['input', 'amount'];
  try {
    await paymentProvider(topUp.provider)!.refund(topUp.reference!, topUp.amountCents, topUp.currency, `${topUp.id}:refund`);
  } catch (error) {
    // Still CAPTURED: the job asks loyalty again and, refused again, refunds again (same key).
    ctx.log.warn({ topUpId: topUp.id, err: (error as Error).message }, 'top-up refund pending');
    await ctx.db
      .getRepository(WalletTopUp)
      .update({ id: topUp.id }, { attempts: topUp.attempts + 1, lastError: described(credited.code, credited.message) });
    throw new DomainError(credited.code, `${credited.message}; the payment is being refunded`, field);
  }
  await advance(ctx, topUp, TopUpStatus.CAPTURED, {
    status: TopUpStatus.REFUNDED,
    lastError: described(credited.code, credited.message),
    settledAt: new Date(),
  });
  throw refusal(topUp);
}

/**
 * The `wallet-top-ups` job: top-ups paid but not credited yet (loyalty was unreachable), and
 * PENDING ones their request abandoned (a crash between the provider's answer and ours). Returns
 * how many it settled.
 */
export async function settleWalletTopUps(ctx: ServiceContext, now = new Date()): Promise<number> {
  const repository = ctx.db.getRepository(WalletTopUp);
  const open = [
    ...(await repository.find({ where: { status: TopUpStatus.CAPTURED }, order: { createdAt: 'ASC' }, take: 200 })),
    ...(await repository.find({
      where: { status: In([TopUpStatus.PENDING]), createdAt: LessThan(new Date(now.getTime() - ABANDONED_AFTER_MS)) },
      order: { createdAt: 'ASC' },
      take: 200,
    })),
  ];
  let settled = 0;
  for (const topUp of open) {
    try {
      await drive(ctx, topUp, null);
    } catch (error) {
      if (!(error instanceof DomainError)) {
        ctx.log.warn({ topUpId: topUp.id, err: (error as Error).message }, 'top-up not settled yet');
        continue;
      }
    }
    if (isSettled(topUp.status)) settled++;
  }
  return settled;
}
