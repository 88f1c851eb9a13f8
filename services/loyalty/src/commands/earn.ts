import { randomUUID } from 'node:crypto';
import {
  DomainError,
  entityColumns,
  hydrateRows,
  insertRows,
  inTransaction,
  tableOf,
  type Channel,
  type OrderCancelled,
  type OrderModified,
  type OrderPlaced,
  type ReturnReceived,
  type ServiceContext,
} from '@omni/platform';
import { In, type EntityManager } from 'typeorm';
import { earnRateOf, earnWeight } from '../domain/currencies';
import { LedgerKind } from '../domain/program';
import { evaluateEngagement, evaluatePurchase, type EarnRuleData, type EngagementKind } from '../domain/rules';
import { reversalPoints, unitsRemovedByChange } from '../domain/stored-value';
import { LedgerEntry, LoyaltyAccount } from '../entities/account';
import { LoyaltyCurrency } from '../entities/currencies';
import { EarnedLine, EarnRule } from '../entities/rules';
import { lockAccount, lockActiveAccount, post, requireAccount, type AccountColumns } from './ledger';
import { loadRules, rulesInForce } from './rules';

/**
 * What earning for an order reads with the account it locks: whether the order already earned,
 * the order currency's earn rate, and every earn rule on its own row (a handful; none: one row
 * with none).
 */
const earnColumns: AccountColumns = (db) => ({
  select:
    `(SELECT COUNT(1) FROM ${tableOf(db, LedgerEntry)} e WHERE e."orderId" = :orderId AND e."kind" = :earn) AS "earned", ` +
    `(SELECT c."earnRate" FROM ${tableOf(db, LoyaltyCurrency)} c WHERE c."currency" = :currency) AS "earnRate", ` +
    entityColumns(db, EarnRule, 'r', 'r_'),
  joins: `LEFT JOIN ${tableOf(db, EarnRule)} r ON 1 = 1`,
  orderBy: 'r."id" ASC',
});

/** The shopper's account, locked, read with everything earning for the order needs in the same statement. */
async function accountToEarn(
  manager: EntityManager,
  customerId: string,
  order: OrderPlaced,
): Promise<{ account: LoyaltyAccount; earned: boolean; earnRate: string | null; rules: EarnRuleData[] } | null> {
  const locked = await lockActiveAccount(manager, customerId, earnColumns, {
    orderId: order.orderId,
    earn: LedgerKind.EARN,
    currency: order.currency,
  });
  if (!locked) return null;
  const { earned, earnRate } = locked.rows[0] as { earned: number | string; earnRate: string | null };
  const stored = hydrateRows(
    manager.connection,
    EarnRule,
    locked.rows.filter((row) => row.r_id != null),
    'r_',
  );
  return { account: locked.account, earned: Number(earned) > 0, earnRate, rules: rulesInForce(stored) };
}

/**
 * Points for an order from any channel, at most once per order, attributed to its lines. Once:
 * the ledger is checked under the account's lock; on PostgreSQL an earning committed while this
 * one waited for the lock is not in that read, and its earned lines' unique key (order, line)
 * refuses this one's, so the event is retried and then finds it.
 */
export async function earnForOrder(manager: EntityManager, order: OrderPlaced, occurredAt: Date): Promise<LedgerEntry | null> {
  if (!order.customerId) return null;
  const found = await accountToEarn(manager, order.customerId, order);
  if (!found || found.earned) return null;
  const { account } = found;
  // An order event without lines (an older producer) earns on its total as one line. Gift cards
  // bought earn nothing: their value earns when it is spent.
  const lines = order.lines?.length
    ? order.lines.filter((l) => !l.giftCard)
    : [{ lineId: order.orderId, sku: '', quantity: 1, unitPriceCents: order.totalCents }];
  if (lines.length === 0) return null;
  // Points are earned in every currency on the same account, at the currency's earn rate.
  const earnRate = earnRateOf(found.earnRate);
  const result = evaluatePurchase(
    {
      channel: order.channel,
      tier: account.tier,
      at: occurredAt,
      discountCents: order.lines?.length ? (order.discountCents ?? 0) : 0,
      lines,
      minorUnitWeight: earnWeight(earnRate),
    },
    found.rules,
  );
  const total = result.total;
  if (total <= 0) return null;
  await insertRows(
    manager,
    EarnedLine,
    result.lines.map((l): EarnedLine => ({
      id: randomUUID(),
      accountId: account.id,
      orderId: order.orderId,
      orderLineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      points: l.points,
      returnedQuantity: 0,
    })),
  );
  return post(manager, account, {
    kind: LedgerKind.EARN,
    points: total,
    reason: `purchase ${order.number}`,
    channel: order.channel,
    orderId: order.orderId,
    ruleIds: result.ruleIds,
  });
}

/** Units of an order's lines that stop earning, and the ledger reference of that fact. */
export interface UnitsRemoved {
  orderId: string;
  lines: { orderLineId: string; quantity: number }[];
  reason: string;
  /** The REVERSAL entry's ref: what removed them (a return id, a cancellation or modification event). */
  ref: string;
}

/**
 * Takes back the points removed units earned, pro rata per line and never twice for the same
 * unit (`returnedQuantity` counts the units whose points were taken back, whether returned,
 * cancelled or modified away). Capped at the unheld balance: points the shopper already spent
 * (or holds for a checkout) stay spent; the balance never goes negative. On the survivor's
 * account when the earning one was merged since.
 */
export async function reverseUnits(
  manager: EntityManager,
  removed: UnitsRemoved,
  channel: Channel | null,
): Promise<LedgerEntry | null> {
  const ids = [...new Set(removed.lines.map((l) => l.orderLineId))];
  if (!ids.length) return null;
  const found = await manager.findOneBy(EarnedLine, { orderId: removed.orderId, orderLineId: In(ids) });
  if (!found) return null;
  // Lock the account first, then read the counters: a return and a cancellation of the same
  // line applied at once (two consumers) count one after the other.
  const account = await lockAccount(manager, found.accountId);
  const earned = await manager.findBy(EarnedLine, { orderId: removed.orderId, orderLineId: In(ids) });
  let points = 0;
  for (const line of removed.lines) {
    const e = earned.find((x) => x.orderLineId === line.orderLineId);
    if (!e || line.quantity <= 0) continue;
    const take = reversalPoints(e.points, e.quantity, e.returnedQuantity, line.quantity);
    // A line may come in several parts (one per fulfillment): count on from the last one.
    e.returnedQuantity = Math.min(e.quantity, e.returnedQuantity + line.quantity);
    await manager.update(EarnedLine, { id: e.id }, { returnedQuantity: e.returnedQuantity });
    points += take;
  }
  let target = account;
  for (let hops = 0; target.mergedIntoId && hops < 5; hops++) target = await lockAccount(manager, target.mergedIntoId);
  points = Math.min(points, Math.max(0, target.pointsBalance - target.heldPoints));
  if (points <= 0) return null;
  return post(manager, target, {
    kind: LedgerKind.REVERSAL,
    points: -points,
    reason: removed.reason,
    channel,
    orderId: removed.orderId,
    ref: removed.ref,
  });
}

/** Returned units give back the points they earned (see `reverseUnits`). */
export function reverseForReturn(
  manager: EntityManager,
  ret: ReturnReceived,
  channel: Channel | null,
): Promise<LedgerEntry | null> {
  return reverseUnits(
    manager,
    { orderId: ret.orderId, lines: ret.lines, reason: `return of order ${ret.orderId}`, ref: ret.returnId },
    channel,
  );
}

/** Cancelled units give back the points they earned; `eventId` names the cancellation. */
export function reverseForCancellation(
  manager: EntityManager,
  cancelled: OrderCancelled,
  eventId: string,
  channel: Channel | null,
): Promise<LedgerEntry | null> {
  return reverseUnits(
    manager,
    {
      orderId: cancelled.orderId,
      lines: cancelled.lines,
      reason: `cancellation of order ${cancelled.orderId}`,
      ref: `cancel:${eventId}`,
    },
    channel,
  );
}

/**
 * A modification that lowers a line's quantity, removes the line or swaps its SKU gives back
 * the points of the units removed (`unitsRemovedByChange`); raising a quantity earns nothing
 * more (points are earned once, when the order is placed). `eventId` names the modification.
 */
export async function reverseForModification(
  manager: EntityManager,
  modified: OrderModified,
  eventId: string,
  channel: Channel | null,
): Promise<LedgerEntry | null> {
  const ids = modified.changes.map((c) => c.lineId);
  if (!ids.length) return null;
  const earned = await manager.findBy(EarnedLine, { orderId: modified.orderId, orderLineId: In(ids) });
  const lines = modified.changes.flatMap((change) => {
    const e = earned.find((x) => x.orderLineId === change.lineId);
    const quantity = e ? unitsRemovedByChange(change, e.quantity - e.returnedQuantity) : 0;
    return quantity > 0 ? [{ orderLineId: change.lineId, quantity }] : [];
  });
  return reverseUnits(
    manager,
    {
      orderId: modified.orderId,
      lines,
      reason: `modification of order ${modified.number ?? modified.orderId}`,
      ref: `modify:${eventId}`,
    },
    channel,
  );
}

export interface EngagementInput {
  customerId: string;
  kind: EngagementKind;
  channel: Channel;
  ref?: string | null;
}

/**
 * Rewards an engagement per the rules: the same `ref` is rewarded once (a retry returns the
 * first entry); `ENGAGEMENT_CAPPED` when the period's cap is used up, `NO_EARN_RULE` when no
 * active rule rewards it for this member, channel and date.
 */
export async function recordEngagement(ctx: ServiceContext, input: EngagementInput): Promise<LedgerEntry> {
  const ref = input.ref?.trim() || null;
  const found = await requireAccount(ctx, input.customerId, ['input', 'customerId']);
  return inTransaction(ctx.db, async (manager) => {
    const account = await lockAccount(manager, found.id);
    if (ref) {
      const earlier = await manager.findOneBy(LedgerEntry, { accountId: account.id, engagementKind: input.kind, ref });
      if (earlier) return earlier;
    }
    const now = new Date();
    const rules = await loadRules(manager);
    const rewarded = await manager
      .createQueryBuilder(LedgerEntry, 'e')
      .select(['e.occurredAt'])
      .where('e.accountId = :id AND e.engagementKind = :kind AND e.kind = :earn', {
        id: account.id,
        kind: input.kind,
        earn: LedgerKind.EARN,
      })
      .andWhere('e.occurredAt >= :since', { since: new Date(now.getTime() - 366 * 24 * 3600 * 1000) })
      .getMany();
    const outcome = evaluateEngagement(
      input.kind,
      { channel: input.channel, tier: account.tier, at: now },
      rules,
      (start) => rewarded.filter((e) => e.occurredAt >= start).length,
    );
    if (outcome.kind === 'no-rule')
      throw new DomainError('NO_EARN_RULE', `no active rule rewards ${input.kind} here`, ['input', 'kind']);
    if (outcome.kind === 'capped') {
      throw new DomainError(
        'ENGAGEMENT_CAPPED',
        `${input.kind} is rewarded at most ${outcome.limit} time(s) per ${outcome.period.toLowerCase()}`,
        ['input', 'kind'],
      );
    }
    return post(manager, account, {
      kind: LedgerKind.EARN,
      points: outcome.points,
      reason: `${input.kind.toLowerCase().replace(/_/g, ' ')} reward`,
      channel: input.channel,
      engagementKind: input.kind,
      ref,
      ruleIds: [outcome.rule.id],
    });
  });
}
