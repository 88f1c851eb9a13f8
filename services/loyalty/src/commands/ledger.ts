import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, recordEvent, type Channel, type ServiceContext } from '@omni/platform';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { LedgerKind, LoyaltyTier, newCardNumber, tierFor } from '../domain/program';
import { LedgerEntry, LoyaltyAccount } from '../entities/account';

export interface PointsChanged {
  customerId: string;
  accountId: string;
  entryId: string;
  kind: LedgerKind;
  points: number;
  balance: number;
  tier: LoyaltyTier;
}

const CUSTOMER = /* GraphQL */ `query LoyaltyCustomer($id: ID!) { customer(id: $id) { id } }`;

export async function enroll(ctx: ServiceContext, customerId: string, channel: Channel): Promise<LoyaltyAccount> {
  const { customer } = await ctx.peers
    .get('crm')
    .request<{ customer: { id: string } | null }>(CUSTOMER, { id: customerId }, ctx);
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
      });
      await manager.insert(LoyaltyAccount, account);
      await recordEvent(manager, 'loyalty.account.enrolled', { customerId: customer.id, cardNumber: account.cardNumber }, channel);
      return account;
    });
  } catch (error) {
    // Two enrolments racing: the unique customer id lets one through.
    if (error instanceof QueryFailedError) throw new DomainError('ALREADY_ENROLLED', 'this customer is already a member', ['customerId']);
    throw error;
  }
}

/**
 * Appends a ledger entry and moves the balance with it in the caller's transaction; the tier
 * follows the points earned in the last 12 months.
 */
export async function post(
  manager: EntityManager,
  account: LoyaltyAccount,
  entry: { kind: LedgerKind; points: number; reason: string; channel: Channel | null; orderId?: string | null },
): Promise<LedgerEntry> {
  const row = manager.create(LedgerEntry, {
    id: randomUUID(),
    accountId: account.id,
    orderId: entry.orderId ?? null,
    occurredAt: new Date(),
    ...entry,
  });
  await manager.insert(LedgerEntry, row);
  const earned = entry.kind === LedgerKind.EARN ? entry.points : 0;
  await manager
    .createQueryBuilder()
    .update(LoyaltyAccount)
    .set({
      pointsBalance: () => `"pointsBalance" + ${Math.trunc(entry.points)}`,
      lifetimePoints: () => `"lifetimePoints" + ${Math.trunc(earned)}`,
    })
    .where('id = :id', { id: account.id })
    .execute();
  const yearAgo = new Date(Date.now() - 365 * 24 * 3600 * 1000);
  const recent = await manager
    .createQueryBuilder(LedgerEntry, 'e')
    .select('COALESCE(SUM(e.points), 0)', 'points')
    .where('e.accountId = :id AND e.kind = :kind AND e.occurredAt >= :since', {
      id: account.id,
      kind: LedgerKind.EARN,
      since: yearAgo,
    })
    .getRawOne<{ points: string | number }>();
  const tier = tierFor(Number(recent?.points ?? 0));
  await manager.update(LoyaltyAccount, { id: account.id }, { tier });
  const updated = await manager.findOneByOrFail(LoyaltyAccount, { id: account.id });
  await recordEvent<PointsChanged>(
    manager,
    'loyalty.points.changed',
    {
      customerId: account.customerId,
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
