import { randomUUID } from 'node:crypto';
import {
  dialectOf,
  DomainError,
  inTransaction,
  isCurrencyCode,
  isUniqueViolation,
  type Channel,
  type ServiceContext,
} from '@omni/platform';
import { LessThan, type EntityManager } from 'typeorm';
import { LedgerKind } from '../domain/program';
import { convertedHold, pointsTender } from '../domain/currencies';
import { holdableAmount, HoldStatus, HoldTarget, StoredValueEntryKind, StoredValueKind } from '../domain/stored-value';
import { LoyaltyAccount } from '../entities/account';
import { Hold, StoredValueAccount } from '../entities/stored-value';
import { lockAccount, post, requireAccount } from './ledger';
import { loyaltySettings } from '../settings';
import { conversionRate, currencySettings } from './currencies';
import { findGiftCard, findWallet, moveStoredValue, survivingWallet } from './stored-value';

function checkKey(key: string): string {
  const trimmed = key.trim();
  // The column keeps 120 characters.
  if (!trimmed || trimmed.length > 120) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'an idempotency key is 1 to 120 characters', ['idempotencyKey']);
  }
  return trimmed;
}

/** Runs `create` unless a hold with this key exists; a racing duplicate re-reads the winner's hold. */
async function once(ctx: ServiceContext, key: string, create: (manager: EntityManager) => Promise<Hold>): Promise<Hold> {
  const earlier = await ctx.db.getRepository(Hold).findOneBy({ idempotencyKey: key });
  if (earlier) return earlier;
  try {
    return await inTransaction(ctx.db, create);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await ctx.db.getRepository(Hold).findOneBy({ idempotencyKey: key });
    if (!winner) throw error;
    return winner;
  }
}

/** What a hold pays of an order in another currency (or what its points were valued at), and the rate used. */
interface HoldValuation {
  orderCurrency: string;
  orderAmount: number;
  rate: string;
}

function newHold(
  target: HoldTarget,
  accountId: string,
  amount: number,
  currency: string | null,
  orderRef: string,
  key: string,
  valuation: HoldValuation | null = null,
): Hold {
  const now = new Date();
  return Object.assign(new Hold(), {
    id: randomUUID(),
    target,
    accountId,
    amount,
    currency,
    orderCurrency: valuation?.orderCurrency ?? null,
    orderAmount: valuation?.orderAmount ?? null,
    rate: valuation?.rate ?? null,
    status: HoldStatus.HELD,
    orderRef: orderRef.slice(0, 120),
    idempotencyKey: key,
    createdAt: now,
    expiresAt: new Date(now.getTime() + loyaltySettings().holdTtlSeconds * 1000),
    settledAt: null,
  });
}

/**
 * Reserves points for a checkout: all of them or none (`INSUFFICIENT_POINTS`). With `value`, the
 * points pay up to `upToCents` of an order in `currency` at that currency's point value: the hold
 * takes only the points needed (at most those offered) and says what they pay (`orderAmount`).
 */
export async function holdPoints(
  ctx: ServiceContext,
  customerId: string,
  offered: number,
  orderRef: string,
  idempotencyKey: string,
  value: { currency: string; upToCents: number } | null = null,
): Promise<Hold> {
  const key = checkKey(idempotencyKey);
  if (!Number.isSafeInteger(offered) || offered <= 0)
    throw new DomainError('INVALID_POINTS', 'points are a whole number above zero', ['points']);
  let points = offered;
  let valuation: HoldValuation | null = null;
  if (value) {
    if (!isCurrencyCode(value.currency))
      throw new DomainError('INVALID_CURRENCY', `${value.currency} is not an ISO currency code`, ['currency']);
    if (!Number.isSafeInteger(value.upToCents) || value.upToCents <= 0)
      throw new DomainError('INVALID_AMOUNT', 'an amount is a whole number of cents above zero', ['upToCents']);
    const settings = await currencySettings(ctx.db.manager, value.currency);
    const tender = pointsTender(value.upToCents, offered, settings.pointValue);
    if (tender.points === 0) {
      throw new DomainError('INVALID_POINTS', `${offered} points pay less than one minor unit of ${value.currency}`, ['points']);
    }
    points = tender.points;
    valuation = { orderCurrency: value.currency, orderAmount: tender.cents, rate: settings.pointValueText };
  }
  const account = await requireAccount(ctx, customerId, ['customerId']);
  return once(ctx, key, async (manager) => {
    const reserved = await manager
      .createQueryBuilder()
      .update(LoyaltyAccount)
      .set({ heldPoints: () => '"heldPoints" + :points' })
      .where('id = :id AND "pointsBalance" - "heldPoints" >= :points', { id: account.id, points })
      .execute();
    if (!reserved.affected)
      throw new DomainError('INSUFFICIENT_POINTS', `the balance does not cover ${points} points`, ['points']);
    const hold = newHold(HoldTarget.POINTS, account.id, points, null, orderRef, key, valuation);
    await manager.insert(Hold, hold);
    return hold;
  });
}

export interface StoredValueHoldInput {
  giftCardCode?: string | null;
  /** Store credit: the wallet of this customer in the amount's currency. */
  customerId?: string | null;
  amount: { cents: number; currency: string };
  orderRef: string;
  idempotencyKey: string;
  /** Hold as much of `amount` as is available (at least one cent) instead of all or nothing. */
  upTo?: boolean | null;
}

/** The stored-value account row, locked for the rest of the transaction on PostgreSQL (SQLite serializes writers). */
async function lockStoredValue(manager: EntityManager, id: string): Promise<StoredValueAccount> {
  const query = manager.createQueryBuilder(StoredValueAccount, 'a').where('a.id = :id', { id });
  if (dialectOf(manager.connection) === 'postgres') query.setLock('pessimistic_write');
  const account = await query.getOne();
  if (!account) throw new Error(`stored value account ${id} vanished`);
  return account;
}

/**
 * Reserves gift-card or store-credit value for a checkout: all or nothing, or with `upTo` as
 * much as is available (the hold's `amount` says how much). The account row is locked and the
 * reservation is one conditional UPDATE, so two checkouts spending the same card at once cannot
 * both get it.
 */
export async function holdStoredValue(ctx: ServiceContext, input: StoredValueHoldInput): Promise<Hold> {
  const key = checkKey(input.idempotencyKey);
  const { cents, currency } = input.amount;
  if (!Number.isSafeInteger(cents) || cents <= 0)
    throw new DomainError('INVALID_AMOUNT', 'an amount is a whole number of cents above zero', ['input', 'amount', 'cents']);
  if (!isCurrencyCode(currency))
    throw new DomainError('INVALID_CURRENCY', `${currency} is not an ISO currency code`, ['input', 'amount', 'currency']);
  if (!!input.giftCardCode === !!input.customerId) {
    throw new DomainError('INVALID_SOURCE', 'name either a gift card code or a customer (store credit)', ['input']);
  }
  let account: StoredValueAccount | null;
  if (input.giftCardCode) {
    account = await findGiftCard(ctx.db.manager, input.giftCardCode, loyaltySettings(ctx.log).giftCardSecret);
    // Exact match only, same message whatever was typed: no hint that a similar code exists.
    if (!account) throw new DomainError('UNKNOWN_GIFT_CARD', 'no gift card has this code', ['input', 'giftCardCode']);
  } else {
    // The wallet in the order's currency first; when it is empty, credit in another currency.
    const own = await findWallet(ctx.db.manager, input.customerId!, currency);
    account =
      own && own.balanceCents - own.heldCents > 0
        ? own
        : ((await walletInAnotherCurrency(ctx.db.manager, input.customerId!, currency)) ?? own);
    if (!account) throw new DomainError('INSUFFICIENT_FUNDS', 'no store credit in this currency', ['input', 'amount']);
  }
  // Stored value keeps its currency: another one pays only at a configured rate, recorded on the hold.
  let conversion: { rate: bigint; text: string } | null = null;
  if (account.currency !== currency) {
    conversion = await conversionRate(ctx.db.manager, account.currency, currency);
    if (!conversion) {
      const what = account.kind === StoredValueKind.GIFT_CARD ? 'the gift card holds' : 'the store credit is in';
      throw new DomainError(
        'CURRENCY_MISMATCH',
        `${what} ${account.currency}, not ${currency}, and no conversion rate from ${account.currency} to ${currency} is configured`,
        ['input', 'amount', 'currency'],
      );
    }
  }
  const target = account;
  return once(ctx, key, async (manager) => {
    const locked = await lockStoredValue(manager, target.id);
    const available = locked.balanceCents - locked.heldCents;
    let amount: number | null;
    let valuation: HoldValuation | null = null;
    if (conversion) {
      const converted = convertedHold(cents, available, target.currency, currency, conversion.rate, !!input.upTo);
      amount = converted?.accountCents ?? null;
      if (converted) valuation = { orderCurrency: currency, orderAmount: converted.orderCents, rate: conversion.text };
    } else {
      amount = holdableAmount(available, cents, !!input.upTo);
    }
    if (amount === null)
      throw new DomainError('INSUFFICIENT_FUNDS', 'the balance does not cover this amount', ['input', 'amount']);
    const reserved = await manager
      .createQueryBuilder()
      .update(StoredValueAccount)
      .set({ heldCents: () => '"heldCents" + :cents' })
      .where('id = :id AND "balanceCents" - "heldCents" >= :cents', { id: target.id, cents: amount })
      .execute();
    if (!reserved.affected)
      throw new DomainError('INSUFFICIENT_FUNDS', 'the balance does not cover this amount', ['input', 'amount']);
    const hold = newHold(HoldTarget.STORED_VALUE, target.id, amount, target.currency, input.orderRef, key, valuation);
    await manager.insert(Hold, hold);
    return hold;
  });
}

/**
 * The customer's store credit in another currency than the order's, when they have no wallet in
 * the order's: the first (by currency) with value that a conversion rate lets pay the order, else
 * the first with value (its hold is then refused as CURRENCY_MISMATCH); null when none has value.
 */
async function walletInAnotherCurrency(
  manager: EntityManager,
  customerId: string,
  currency: string,
): Promise<StoredValueAccount | null> {
  const wallets = (
    await manager.find(StoredValueAccount, {
      where: { customerId, kind: StoredValueKind.STORE_CREDIT },
      order: { currency: 'ASC' },
    })
  ).filter((w) => w.currency !== currency && w.balanceCents - w.heldCents > 0);
  for (const w of wallets) {
    if (await conversionRate(manager, w.currency, currency)) return survivingWallet(manager, w);
  }
  return wallets[0] ? survivingWallet(manager, wallets[0]) : null;
}

/** Moves a hold from `from` (HELD) to `to` atomically; null when it was not in `from`. */
async function settle(manager: EntityManager, holdId: string, to: HoldStatus, from = HoldStatus.HELD): Promise<Hold | null> {
  const changed = await manager
    .createQueryBuilder()
    .update(Hold)
    .set({ status: to, settledAt: new Date() })
    .where('id = :id AND status = :from', { id: holdId, from })
    .execute();
  return changed.affected ? manager.findOneByOrFail(Hold, { id: holdId }) : null;
}

async function existing(manager: EntityManager, holdId: string): Promise<Hold> {
  const hold = await manager.findOneBy(Hold, { id: holdId });
  if (!hold) throw new DomainError('UNKNOWN_HOLD', `no hold ${holdId}`, ['holdId']);
  return hold;
}

export interface CaptureOptions {
  channel: Channel | null;
  /** What to spend, at most the hold's amount (default: all of it); the rest of the hold is released. */
  amount?: number;
  /** The order the value was spent on (default: the hold's orderRef when it is an id). */
  orderId?: string | null;
  /** The entry's reason (default: the hold's orderRef). */
  reason?: string;
  /**
   * The order committed, so a hold released meanwhile (it expired) is taken again when the
   * balance still allows it (`INSUFFICIENT_POINTS` / `INSUFFICIENT_FUNDS` otherwise). Without
   * it, capturing a released hold is `HOLD_RELEASED`.
   */
  retakeReleased?: boolean;
}

export interface Capture {
  hold: Hold;
  /** False when the hold had been captured before (nothing was spent now). */
  spent: boolean;
}

/**
 * Spends a hold in the caller's transaction: a BURN ledger entry for points, a DEBIT entry for
 * stored value (`ref` = the hold id). Capturing twice spends once; a released hold is
 * `HOLD_RELEASED` unless `retakeReleased`.
 */
export async function captureHoldIn(manager: EntityManager, holdId: string, options: CaptureOptions): Promise<Capture> {
  const before = await existing(manager, holdId);
  if (before.status === HoldStatus.CAPTURED) return { hold: before, spent: false };
  const spend = options.amount ?? before.amount;
  if (!Number.isSafeInteger(spend) || spend < 1 || spend > before.amount)
    throw new DomainError('INVALID_AMOUNT', `a capture spends between 1 and the ${before.amount} held`, ['amount']);
  let hold = await settle(manager, holdId, HoldStatus.CAPTURED);
  // What the hold still reserves: all of it while HELD, nothing once released.
  let reserved = hold ? hold.amount : 0;
  if (!hold) {
    const current = await existing(manager, holdId);
    if (current.status === HoldStatus.CAPTURED) return { hold: current, spent: false };
    if (!options.retakeReleased) throw new DomainError('HOLD_RELEASED', 'this hold was released; hold again', ['holdId']);
    hold = await settle(manager, holdId, HoldStatus.CAPTURED, HoldStatus.RELEASED);
    if (!hold) throw new Error(`hold ${holdId} changed while it was being captured`);
    reserved = 0;
  }
  const orderId = options.orderId !== undefined ? options.orderId : hold.orderRef.length <= 36 ? hold.orderRef : null;
  if (hold.target === HoldTarget.POINTS) {
    // Locked before the balance moves: posting reads the account's earlier entries as of then.
    const account = await lockAccount(manager, hold.accountId);
    await post(
      manager,
      account,
      {
        kind: LedgerKind.BURN,
        points: -spend,
        reason: options.reason ?? `redeemed for ${hold.orderRef}`,
        channel: options.channel,
        orderId,
        ref: hold.id,
      },
      reserved,
    );
  } else {
    const account = await manager.findOneByOrFail(StoredValueAccount, { id: hold.accountId });
    await moveStoredValue(
      manager,
      account,
      {
        kind: StoredValueEntryKind.DEBIT,
        amountCents: -spend,
        reason: options.reason ?? `spent on ${hold.orderRef}`,
        channel: options.channel,
        ref: hold.id,
        orderId,
      },
      reserved,
    );
  }
  return { hold, spent: true };
}

/**
 * Spends a hold (the checkout boundary's mutation): all of it. Capturing twice is harmless;
 * capturing a released hold is `HOLD_RELEASED`.
 */
export async function captureHold(ctx: ServiceContext, holdId: string, channel: Channel | null): Promise<Hold> {
  return (await inTransaction(ctx.db, (manager) => captureHoldIn(manager, holdId, { channel }))).hold;
}

async function unreserve(manager: EntityManager, hold: Hold, amount = hold.amount): Promise<void> {
  if (amount <= 0) return;
  if (hold.target === HoldTarget.POINTS) {
    await manager
      .createQueryBuilder()
      .update(LoyaltyAccount)
      .set({ heldPoints: () => '"heldPoints" - :n' })
      .where('id = :id', { id: hold.accountId, n: amount })
      .execute();
  } else {
    await manager
      .createQueryBuilder()
      .update(StoredValueAccount)
      .set({ heldCents: () => '"heldCents" - :n' })
      .where('id = :id', { id: hold.accountId, n: amount })
      .execute();
  }
}

/**
 * Gives held value back in the caller's transaction. Returns the hold: RELEASED (now or
 * before) or CAPTURED (left alone: it was spent); null for an unknown hold.
 */
export async function releaseHoldIn(manager: EntityManager, holdId: string): Promise<Hold | null> {
  const hold = await settle(manager, holdId, HoldStatus.RELEASED);
  if (!hold) return manager.findOneBy(Hold, { id: holdId });
  await unreserve(manager, hold);
  return hold;
}

/** Gives held value back (a failed checkout). Releasing twice is harmless; a captured hold is `HOLD_CAPTURED`. */
export function releaseHold(ctx: ServiceContext, holdId: string): Promise<Hold> {
  return inTransaction(ctx.db, async (manager) => {
    const hold = await releaseHoldIn(manager, holdId);
    if (!hold) throw new DomainError('UNKNOWN_HOLD', `no hold ${holdId}`, ['holdId']);
    if (hold.status === HoldStatus.CAPTURED) throw new DomainError('HOLD_CAPTURED', 'this hold was already spent', ['holdId']);
    return hold;
  });
}

/** Releases holds past their expiry (a checkout that never came back). Returns how many. */
export async function releaseExpiredHolds(ctx: Pick<ServiceContext, 'db'>, now = new Date()): Promise<number> {
  const stale = await ctx.db
    .getRepository(Hold)
    .find({ where: { status: HoldStatus.HELD, expiresAt: LessThan(now) }, take: 500 });
  let released = 0;
  for (const candidate of stale) {
    await inTransaction(ctx.db, async (manager) => {
      const hold = await settle(manager, candidate.id, HoldStatus.RELEASED);
      if (!hold) return;
      await unreserve(manager, hold);
      released++;
    });
  }
  return released;
}
