import { randomUUID } from 'node:crypto';
import {
  dialectOf,
  DomainError,
  inTransaction,
  recordEvent,
  type AccountEnrolled,
  type Channel,
  type PointsChanged,
  type ServiceContext,
} from '@omni/platform';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { LedgerKind, LoyaltyTier, newCardNumber, tierFor } from '../domain/program';
import { LedgerEntry, LoyaltyAccount } from '../entities/account';

const CUSTOMER = /* GraphQL */ `
  query LoyaltyCustomer($id: ID!) {
    customer(id: $id) {
      id
    }
  }
`;

/** The customer's current id in CRM (a merged-away id gives the survivor's), or null. */
export async function resolveCustomer(ctx: ServiceContext, customerId: string): Promise<string | null> {
  const { customer } = await ctx.peers.get('crm').request<{ customer: { id: string } | null }>(CUSTOMER, { id: customerId }, ctx);
  return customer?.id ?? null;
}

/** The member's account, or `UNKNOWN_CUSTOMER` / `NOT_ENROLLED`. */
export async function requireAccount(ctx: ServiceContext, customerId: string, field: string[]): Promise<LoyaltyAccount> {
  const local = await activeAccount(ctx.db.manager, customerId);
  if (local) return local;
  const resolved = await resolveCustomer(ctx, customerId);
  if (!resolved) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${customerId}`, field);
  const account = resolved !== customerId ? await activeAccount(ctx.db.manager, resolved) : null;
  if (!account) throw new DomainError('NOT_ENROLLED', 'this customer is not a loyalty member', field);
  return account;
}

export async function enroll(ctx: ServiceContext, customerId: string, channel: Channel): Promise<LoyaltyAccount> {
  const { customer } = await ctx.peers.get('crm').request<{ customer: { id: string } | null }>(CUSTOMER, { id: customerId }, ctx);
  if (!customer) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${customerId}`, ['customerId']);
  try {
    return await inTransaction(ctx.db, async (manager) => {
      if (await manager.existsBy(LoyaltyAccount, { customerId: customer.id })) {
        throw new DomainError('ALREADY_ENROLLED', 'this customer is already a member', ['customerId']);
      }
      const account = manager.create(LoyaltyAccount, {
        id: randomUUID(),
        customerId: customer.id,
        cardNumber: newCardNumber(),
        tier: LoyaltyTier.BRONZE,
        pointsBalance: 0,
        lifetimePoints: 0,
        heldPoints: 0,
        lastActivityAt: new Date(),
        mergedIntoId: null,
      });
      await manager.insert(LoyaltyAccount, account);
      await recordEvent<AccountEnrolled>(
        manager,
        'loyalty.account.enrolled',
        { customerId: customer.id, cardNumber: account.cardNumber },
        channel,
      );
      return account;
    });
  } catch (error) {
    // Two enrolments racing: the unique customer id lets one through.
    if (error instanceof QueryFailedError)
      throw new DomainError('ALREADY_ENROLLED', 'this customer is already a member', ['customerId']);
    throw error;
  }
}

export interface Posting {
  kind: LedgerKind;
  points: number;
  reason: string;
  channel: Channel | null;
  orderId?: string | null;
  engagementKind?: string | null;
  ref?: string | null;
  ruleIds?: string[];
}

/** Kinds that count towards tier and lifetime points (a reversal takes back what was earned). */
const EARNED_KINDS = [LedgerKind.EARN, LedgerKind.REVERSAL];

/** The account row, locked for the rest of the transaction on PostgreSQL (SQLite serializes writers). */
export async function lockAccount(manager: EntityManager, id: string): Promise<LoyaltyAccount> {
  const query = manager.createQueryBuilder(LoyaltyAccount, 'a').where('a.id = :id', { id });
  if (dialectOf(manager.connection) === 'postgres') query.setLock('pessimistic_write');
  const account = await query.getOne();
  if (!account) throw new Error(`loyalty account ${id} vanished`);
  return account;
}

/**
 * The customer's account, following a merge to the survivor's, locked until the transaction ends
 * (`lockAccount`); null when not enrolled. One statement when the customer's own account is live.
 */
export async function lockActiveAccount(manager: EntityManager, customerId: string): Promise<LoyaltyAccount | null> {
  if (dialectOf(manager.connection) !== 'postgres') {
    // SQLite runs one transaction at a time: the row read is the row as it stays.
    return activeAccount(manager, customerId);
  }
  const live = await manager
    .createQueryBuilder(LoyaltyAccount, 'a')
    .where('a.customerId = :customerId AND a.mergedIntoId IS NULL', { customerId })
    .setLock('pessimistic_write')
    .getOne();
  if (live) return live;
  const found = await activeAccount(manager, customerId);
  return found && lockAccount(manager, found.id);
}

/** The customer's account, following a merge to the survivor's; null when not enrolled. */
export async function activeAccount(manager: EntityManager, customerId: string): Promise<LoyaltyAccount | null> {
  let account = await manager.findOneBy(LoyaltyAccount, { customerId });
  for (let hops = 0; account?.mergedIntoId && hops < 5; hops++) {
    account = await manager.findOneBy(LoyaltyAccount, { id: account.mergedIntoId });
  }
  return account;
}

/**
 * Appends a ledger entry and moves the balance with it in the caller's transaction, so the
 * balance is always the sum of the ledger. A debit is a conditional update: it applies only if
 * the unheld balance covers it (`INSUFFICIENT_POINTS` otherwise), so two concurrent debits can
 * never take the balance below zero. `consumeHeld` points of an open hold are spent with it.
 * Every change recalculates the tier from points earned in the last 12 months.
 */
export async function post(
  manager: EntityManager,
  account: LoyaltyAccount,
  entry: Posting,
  consumeHeld = 0,
): Promise<LedgerEntry> {
  const points = Math.trunc(entry.points);
  const now = new Date();
  const earned = EARNED_KINDS.includes(entry.kind) ? points : 0;
  const set: Record<string, unknown> = {
    pointsBalance: () => '"pointsBalance" + :points',
    lifetimePoints: () => '"lifetimePoints" + :earned',
    heldPoints: () => '"heldPoints" - :held',
  };
  // Expiry is not activity: running the expiry job again must find nothing left to expire.
  if (entry.kind !== LedgerKind.EXPIRY) set.lastActivityAt = now;
  const update = manager
    .createQueryBuilder()
    .update(LoyaltyAccount)
    .set(set)
    .where('id = :id')
    .setParameters({ id: account.id, points, earned, held: consumeHeld });
  if (points < 0) update.andWhere('"pointsBalance" - "heldPoints" + :held + :points >= 0');
  const result = await update.execute();
  if (!result.affected) {
    throw new DomainError('INSUFFICIENT_POINTS', `the balance does not cover ${-points} points`, ['points']);
  }
  const row = manager.create(LedgerEntry, {
    id: randomUUID(),
    accountId: account.id,
    kind: entry.kind,
    points,
    reason: entry.reason.slice(0, 200),
    channel: entry.channel,
    orderId: entry.orderId ?? null,
    engagementKind: entry.engagementKind ?? null,
    ref: entry.ref ?? null,
    ruleIds: entry.ruleIds?.length ? entry.ruleIds.join(',').slice(0, 400) : null,
    occurredAt: now,
  });
  await manager.insert(LedgerEntry, row);
  const updated = await recalculateTier(manager, account.id);
  await recordEvent<PointsChanged>(
    manager,
    'loyalty.points.changed',
    {
      customerId: updated.customerId,
      accountId: account.id,
      entryId: row.id,
      kind: row.kind,
      points: row.points,
      balance: updated.pointsBalance,
      tier: updated.tier,
    },
    entry.channel,
  );
  return row;
}

/**
 * Tier from points earned (less reversals) in the last 12 months, merged-in accounts included,
 * read with the account in one statement; written only when it changes. Returns the account as
 * it is now.
 */
export async function recalculateTier(manager: EntityManager, accountId: string): Promise<LoyaltyAccount> {
  const yearAgo = new Date(Date.now() - 365 * 24 * 3600 * 1000);
  const query = manager.createQueryBuilder(LoyaltyAccount, 'account').where('account.id = :accountId', { accountId });
  const recent = query
    .subQuery()
    .select('COALESCE(SUM(e.points), 0)')
    .from(LedgerEntry, 'e')
    .where(
      `e.accountId IN ${query
        .subQuery()
        .select('a.id')
        .from(LoyaltyAccount, 'a')
        .where('a.id = :accountId OR a.mergedIntoId = :accountId')
        .getQuery()}`,
    )
    .andWhere('e.kind IN (:...kinds) AND e.occurredAt >= :since')
    .getQuery();
  const { entities, raw } = await query
    .addSelect(recent, 'recent')
    .setParameters({ kinds: EARNED_KINDS, since: yearAgo })
    .getRawAndEntities<{ recent: string | number | null }>();
  const account = entities[0];
  if (!account) throw new Error(`loyalty account ${accountId} vanished`);
  const tier = tierFor(Number(raw[0]?.recent ?? 0));
  if (account.tier !== tier) {
    await manager.update(LoyaltyAccount, { id: accountId }, { tier });
    account.tier = tier;
  }
  return account;
}
