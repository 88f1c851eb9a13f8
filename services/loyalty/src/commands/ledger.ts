import { randomUUID } from 'node:crypto';
import {
  dialectOf,
  DomainError,
  entityColumns,
  hydrateRows,
  insertRows,
  inTransaction,
  perDataSource,
  recordEvent,
  runStatement,
  tableOf,
  type AccountEnrolled,
  type Channel,
  type PointsChanged,
  type ServiceContext,
} from '@omni/platform';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
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

/**
 * What the statement that reads and locks an account (alias `a`) reads alongside, as SQL with
 * `:name` parameters (`:customerId` and `:accountId` are the account's): columns (scalar
 * subqueries, a joined table's columns), the joins after the account's table and their order.
 * Asked once per data source: keep it a module constant.
 */
export type AccountColumns = (db: DataSource) => { select?: string; joins?: string; orderBy?: string };

/** The account and the rows its statement read: one per joined row (at least one), with what `AccountColumns` added. */
export interface LockedAccount {
  account: LoyaltyAccount;
  rows: Record<string, unknown>[];
}

const accountAlone: AccountColumns = () => ({});

/** The statements reading and locking an account by its customer (live only, on PostgreSQL) and by id. */
interface LockStatements {
  byCustomer: string;
  byId: string;
}

const lockStatementsOf = perDataSource((db, columns: AccountColumns): LockStatements => {
  const postgres = dialectOf(db) === 'postgres';
  const { select, joins, orderBy } = columns(db);
  const head =
    `SELECT ${entityColumns(db, LoyaltyAccount, 'a')}${select ? `, ${select}` : ''} ` +
    `FROM ${tableOf(db, LoyaltyAccount)} a${joins ? ` ${joins}` : ''} WHERE `;
  // The account's row only: rows the columns join are read, not locked.
  const tail = `${orderBy ? ` ORDER BY ${orderBy}` : ''}${postgres ? ' FOR UPDATE OF a' : ''}`;
  return {
    byCustomer: `${head}a."customerId" = :customerId${postgres ? ' AND a."mergedIntoId" IS NULL' : ''}${tail}`,
    byId: `${head}a."id" = :accountId${tail}`,
  };
});

async function readLocked(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<LockedAccount | null> {
  const { rows } = await runStatement(manager, sql, params);
  return rows.length ? { account: hydrateRows(manager.connection, LoyaltyAccount, [rows[0]!])[0]!, rows } : null;
}

/** The account row, locked for the rest of the transaction on PostgreSQL (SQLite serializes writers). */
export async function lockAccount(manager: EntityManager, id: string): Promise<LoyaltyAccount> {
  const locked = await readLocked(manager, lockStatementsOf(manager.connection, accountAlone).byId, { accountId: id });
  if (!locked) throw new Error(`loyalty account ${id} vanished`);
  return locked.account;
}

/**
 * The customer's account, following a merge to the survivor's, locked until the transaction ends
 * (`lockAccount`), with whatever `columns` reads alongside; null when not enrolled. One statement
 * when the customer's own account is live. On PostgreSQL the added columns are as of the
 * statement's start: a row lock waited for does not make them see what its holder wrote.
 */
export async function lockActiveAccount(
  manager: EntityManager,
  customerId: string,
  columns: AccountColumns = accountAlone,
  params: Record<string, unknown> = {},
): Promise<LockedAccount | null> {
  const postgres = dialectOf(manager.connection) === 'postgres';
  const statements = lockStatementsOf(manager.connection, columns);
  // PostgreSQL locks only a live account here (a merged one is followed, then locked, as merges
  // lock in id order); SQLite runs one transaction at a time, so the row read is the row as it stays.
  const own = await readLocked(manager, statements.byCustomer, { ...params, customerId });
  if (own && !own.account.mergedIntoId) return own;
  if (!own && !postgres) return null;
  const found = await activeAccount(manager, customerId);
  return found && readLocked(manager, statements.byId, { ...params, accountId: found.id });
}

/** The customer's account, following a merge to the survivor's; null when not enrolled. */
export async function activeAccount(manager: EntityManager, customerId: string): Promise<LoyaltyAccount | null> {
  let account = await manager.findOneBy(LoyaltyAccount, { customerId });
  for (let hops = 0; account?.mergedIntoId && hops < 5; hops++) {
    account = await manager.findOneBy(LoyaltyAccount, { id: account.mergedIntoId });
  }
  return account;
}

/** Points earned (less reversals) since `:since` on account `:accountId` and those merged into it, as SQL. */
function recentPointsSql(db: DataSource): string {
  const ledger = tableOf(db, LedgerEntry);
  const accounts = tableOf(db, LoyaltyAccount);
  return (
    `SELECT COALESCE(SUM(e."points"), 0) FROM ${ledger} e WHERE e."accountId" IN ` +
    `(SELECT m."id" FROM ${accounts} m WHERE m."id" = :accountId OR m."mergedIntoId" = :accountId) ` +
    `AND e."kind" IN (:...earnedKinds) AND e."occurredAt" >= :since`
  );
}

const yearAgo = () => new Date(Date.now() - 365 * 24 * 3600 * 1000);

interface BalanceMove {
  points: number;
  earned: number;
  held: number;
  /** The new last activity; null leaves it (an expiry is not activity). */
  activityAt: Date | null;
}

/** The account after a move: what the points event tells, and the points earned in the last 12 months before it. */
interface MovedAccount {
  customerId: string;
  pointsBalance: number;
  tier: LoyaltyTier;
  recent: number;
}

/** The UPDATE `moveBalance` runs, built once per data source and form (activity or not, debit or not). */
const moveBalanceStatement = perDataSource((db, form: `${boolean} ${boolean}`) => {
  const [activity, debit] = form.split(' ').map((flag) => flag === 'true');
  return (
    `UPDATE ${tableOf(db, LoyaltyAccount)} SET "pointsBalance" = "pointsBalance" + :points, ` +
    `"lifetimePoints" = "lifetimePoints" + :earned, "heldPoints" = "heldPoints" - :held` +
    (activity ? ', "lastActivityAt" = :activityAt' : '') +
    ' WHERE "id" = :accountId' +
    (debit ? ' AND "pointsBalance" - "heldPoints" + :held + :points >= 0' : '') +
    ` RETURNING "customerId", "pointsBalance", "tier", (${recentPointsSql(db)}) AS "recent"`
  );
});

/**
 * Moves the balance in one conditional UPDATE that also reads back what the tier needs
 * (RETURNING): null when a debit is not covered. The caller holds the account's lock, so the
 * statement's snapshot already has every entry posted before it.
 */
async function moveBalance(manager: EntityManager, accountId: string, move: BalanceMove): Promise<MovedAccount | null> {
  const sql = moveBalanceStatement(manager.connection, `${move.activityAt !== null} ${move.points < 0}`);
  const { rows } = await runStatement(manager, sql, { ...move, accountId, earnedKinds: EARNED_KINDS, since: yearAgo() });
  const row = rows[0] as
    { customerId: string; pointsBalance: number | string; tier: LoyaltyTier; recent: number | string } | undefined;
  return row ? { ...row, pointsBalance: Number(row.pointsBalance), recent: Number(row.recent) } : null;
}

/**
 * Appends a ledger entry and moves the balance with it in the caller's transaction, which holds
 * the account's lock (`lockAccount`), so the balance is always the sum of the ledger. A debit is
 * a conditional update: it applies only if the unheld balance covers it (`INSUFFICIENT_POINTS`
 * otherwise), so two concurrent debits can never take the balance below zero. `consumeHeld`
 * points of an open hold are spent with it. Every change recalculates the tier from points
 * earned in the last 12 months (written only when it changes).
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
  // Expiry is not activity: running the expiry job again must find nothing left to expire.
  const activityAt = entry.kind !== LedgerKind.EXPIRY ? now : null;
  const moved = await moveBalance(manager, account.id, { points, earned, held: consumeHeld, activityAt });
  if (!moved) {
    throw new DomainError('INSUFFICIENT_POINTS', `the balance does not cover ${-points} points`, ['points']);
  }
  const row = Object.assign(new LedgerEntry(), {
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
  await insertRows(manager, LedgerEntry, [row]);
  // The UPDATE read the points before this entry: it counts on top.
  const tier = tierFor(moved.recent + earned);
  if (tier !== moved.tier) await manager.update(LoyaltyAccount, { id: account.id }, { tier });
  await recordEvent<PointsChanged>(
    manager,
    'loyalty.points.changed',
    {
      customerId: moved.customerId,
      accountId: account.id,
      entryId: row.id,
      kind: row.kind,
      points: row.points,
      balance: moved.pointsBalance,
      tier,
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
  const { entities, raw } = await manager
    .createQueryBuilder(LoyaltyAccount, 'account')
    .where('account.id = :accountId', { accountId })
    .addSelect(`(${recentPointsSql(manager.connection)})`, 'recent')
    .setParameters({ earnedKinds: EARNED_KINDS, since: yearAgo() })
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
