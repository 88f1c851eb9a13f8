import type { Channel, Logger, LoyaltyTender, PaymentCaptured, PaymentRefunded, PaymentReleased } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { accountShare } from '../domain/currencies';
import { LedgerKind } from '../domain/program';
import { HoldStatus, HoldTarget, StoredValueEntryKind, StoredValueKind } from '../domain/stored-value';
import { LedgerEntry, LoyaltyAccount } from '../entities/account';
import { Hold, StoredValueAccount, StoredValueEntry } from '../entities/stored-value';
import { captureHoldIn, releaseHoldIn } from './holds';
import { lockAccount, post } from './ledger';
import { moveStoredValue, survivingWallet } from './stored-value';

/**
 * The loyalty side of an order's money (`orders.payment.*`): each loyalty tender of an order
 * is a hold taken at checkout; captured when the order commits, refunded to where it came from,
 * released when the attempt is abandoned. Every function runs in the consumer's transaction and
 * throws when the event cannot be applied as it stands, so the platform retries it (and parks
 * it as a dead letter if it keeps failing): value is never silently lost or minted.
 */

/**
 * The tender's hold, checked against what the tender says it is. A points tender carries its
 * points, a stored-value one its cents and no points: anything else is refused rather than read
 * as "nothing spent" (value would go unpaid) or as points of another tender.
 */
async function holdOf(manager: EntityManager, tender: LoyaltyTender, currency: string, what: string): Promise<Hold> {
  const consistent = tender.method === 'POINTS' ? tender.points > 0 : tender.points === 0 && tender.amountCents > 0;
  if (!consistent) {
    throw new Error(
      `${what}: payment ${tender.paymentId} (${tender.method}) carries ${tender.points} points and ${tender.amountCents} cents`,
    );
  }
  const hold = await manager.findOneBy(Hold, { id: tender.holdId });
  if (!hold) throw new Error(`${what}: payment ${tender.paymentId} names hold ${tender.holdId}, which loyalty never took`);
  const points = tender.method === 'POINTS';
  if ((hold.target === HoldTarget.POINTS) !== points)
    throw new Error(`${what}: hold ${hold.id} holds ${hold.target}, payment ${tender.paymentId} is ${tender.method}`);
  if (!points) {
    const account = await manager.findOneByOrFail(StoredValueAccount, { id: hold.accountId });
    const kind = tender.method === 'GIFT_CARD' ? StoredValueKind.GIFT_CARD : StoredValueKind.STORE_CREDIT;
    if (account.kind !== kind) throw new Error(`${what}: hold ${hold.id} is on ${account.kind}, payment is ${tender.method}`);
    // A hold converted at a rate pays the order in its currency; the card keeps its own.
    const pays = hold.orderCurrency ?? hold.currency;
    if (pays !== currency) throw new Error(`${what}: hold ${hold.id} pays in ${pays}, the order is in ${currency}`);
  }
  return hold;
}

/**
 * What a tender spent of its hold: points for POINTS, cents otherwise; for a gift card or store
 * credit that paid an order in another currency, the card's share at the hold's rate.
 */
function valueOf(tender: LoyaltyTender, hold: Hold): number {
  if (tender.method === 'POINTS') return tender.points;
  if (hold.orderAmount == null || hold.orderCurrency == null || hold.orderCurrency === hold.currency) return tender.amountCents;
  return accountShare(tender.amountCents, { accountCents: hold.amount, orderCents: hold.orderAmount });
}

/**
 * `orders.payment.captured`: spends each tender's hold (a BURN or DEBIT entry on the order),
 * once per hold. A hold that expired before the order committed is taken again when the balance
 * still allows it; otherwise this throws (the order was placed: a person must settle it).
 */
export async function captureTenders(manager: EntityManager, payment: PaymentCaptured, channel: Channel | null): Promise<void> {
  for (const tender of payment.tenders) {
    const hold = await holdOf(manager, tender, payment.currency, `capture of order ${payment.number}`);
    const what = tender.method === 'POINTS' ? 'redeemed on' : 'spent on';
    try {
      await captureHoldIn(manager, hold.id, {
        channel,
        amount: valueOf(tender, hold),
        orderId: payment.orderId,
        reason: `${what} order ${payment.number}`,
        retakeReleased: true,
      });
    } catch (error) {
      throw new Error(
        `capture of order ${payment.number}: hold ${hold.id} (${tender.method}, ${hold.status}) cannot be spent: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}

/** The account points go back to: the hold's, or the one it was merged into since. */
async function survivingAccount(manager: EntityManager, accountId: string): Promise<LoyaltyAccount> {
  let account = await lockAccount(manager, accountId);
  for (let hops = 0; account.mergedIntoId && hops < 5; hops++) account = await lockAccount(manager, account.mergedIntoId);
  return account;
}

/** Escapes LIKE wildcards. */
const literal = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Refunded so far for one payment: entries `REFUND` whose ref ends in `:<paymentId>`, on the
 * accounts its value may have gone back to.
 */
async function refundedSoFar(
  manager: EntityManager,
  target: HoldTarget,
  accountIds: string[],
  paymentId: string,
): Promise<number> {
  const [entity, column] = target === HoldTarget.POINTS ? [LedgerEntry, 'points'] : [StoredValueEntry, 'amountCents'];
  const row = await manager
    .createQueryBuilder(entity, 'e')
    .select(`COALESCE(SUM(e.${column}), 0)`, 'total')
    .where('e.accountId IN (:...ids) AND e.kind = :kind', { ids: accountIds, kind: LedgerKind.REFUND })
    .andWhere("e.ref LIKE :suffix ESCAPE '\\'", { suffix: `%:${literal(paymentId)}` })
    .getRawOne<{ total: string | number }>();
  return Number(row?.total ?? 0);
}

/** What the hold's capture spent: its BURN or DEBIT entry (`ref` = the hold id). */
async function spentBy(manager: EntityManager, hold: Hold): Promise<number> {
  if (hold.target === HoldTarget.POINTS) {
    const burn = await manager.findOneBy(LedgerEntry, { accountId: hold.accountId, kind: LedgerKind.BURN, ref: hold.id });
    return -(burn?.points ?? 0);
  }
  const debit = await manager.findOneBy(StoredValueEntry, {
    accountId: hold.accountId,
    kind: StoredValueEntryKind.DEBIT,
    ref: hold.id,
  });
  return -(debit?.amountCents ?? 0);
}

/**
 * `orders.payment.refunded`: gives each tender back to where it came from, once per
 * `refundId` + `paymentId` (the entry's ref is checked, not only the event id): points as a
 * REFUND ledger entry on the account the hold was taken from (or the one it was merged into),
 * store credit to the hold's wallet (or the survivor's), a gift card to the card. Throws when
 * the hold was never spent or the refunds would exceed what it spent.
 */
export async function refundTenders(manager: EntityManager, refund: PaymentRefunded, channel: Channel | null): Promise<void> {
  for (const tender of refund.tenders) {
    const ref = `${refund.refundId}:${tender.paymentId}`;
    const points = tender.method === 'POINTS';
    const done = points
      ? await manager.existsBy(LedgerEntry, { kind: LedgerKind.REFUND, ref })
      : await manager.existsBy(StoredValueEntry, { kind: StoredValueEntryKind.REFUND, ref });
    if (done) continue;
    const what = `refund ${refund.refundId} of order ${refund.number}`;
    const hold = await holdOf(manager, tender, refund.currency, what);
    const value = valueOf(tender, hold);
    if (hold.status !== HoldStatus.CAPTURED)
      throw new Error(`${what}: hold ${hold.id} is ${hold.status}, not spent: nothing to give back (yet)`);
    const reason = `${what} (${refund.reason.toLowerCase()})`;
    if (points) {
      const target = await survivingAccount(manager, hold.accountId);
      const spent = await spentBy(manager, hold);
      const before = await refundedSoFar(manager, hold.target, [hold.accountId, target.id], tender.paymentId);
      if (before + value > spent)
        throw new Error(`${what}: ${value} points back would exceed the ${spent - before} left of payment ${tender.paymentId}`);
      await post(manager, target, { kind: LedgerKind.REFUND, points: value, reason, channel, orderId: refund.orderId, ref });
    } else {
      const source = await manager.findOneByOrFail(StoredValueAccount, { id: hold.accountId });
      const target = source.kind === StoredValueKind.STORE_CREDIT ? await survivingWallet(manager, source) : source;
      const spent = await spentBy(manager, hold);
      const before = await refundedSoFar(manager, hold.target, [source.id, target.id], tender.paymentId);
      // Converted back at the hold's rate, a part rounded to the nearest cent never takes the card past what it paid.
      const back = hold.orderAmount != null && hold.orderCurrency !== hold.currency ? Math.min(value, spent - before) : value;
      if (before + back > spent)
        throw new Error(`${what}: ${back} cents back would exceed the ${spent - before} left of payment ${tender.paymentId}`);
      if (back === 0) continue;
      await moveStoredValue(manager, target, {
        kind: StoredValueEntryKind.REFUND,
        amountCents: back,
        reason,
        channel,
        ref,
        orderId: refund.orderId,
      });
    }
  }
}

/**
 * `orders.payment.released`: releases each hold still HELD (idempotent). A captured hold is
 * left alone (it was spent: only a refund gives it back) and logged, as is an unknown one.
 */
export async function releaseTenders(manager: EntityManager, released: PaymentReleased, log: Logger): Promise<void> {
  for (const holdId of released.holdIds) {
    const hold = await releaseHoldIn(manager, holdId);
    if (!hold) log.warn({ holdId, orderRef: released.orderRef }, 'release of an unknown hold ignored');
    else if (hold.status === HoldStatus.CAPTURED)
      log.warn({ holdId, orderRef: released.orderRef }, 'release of a captured hold ignored: it was spent');
  }
}
