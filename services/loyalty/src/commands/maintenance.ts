import { inTransaction, recordEvent, type AccountMerged, type Channel, type ServiceContext } from '@omni/platform';
import { IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { LedgerKind } from '../domain/program';
import { isDormant, StoredValueEntryKind, StoredValueKind } from '../domain/stored-value';
import { LoyaltyAccount } from '../entities/account';
import { StoredValueAccount } from '../entities/stored-value';
import { lockAccount, post, recalculateTier } from './ledger';
import { moveStoredValue, wallet } from './stored-value';

/** Days without activity after which points expire (LOYALTY_POINTS_EXPIRY_DAYS, default 365). */
export function configuredExpiryDays(): number {
  const raw = process.env.LOYALTY_POINTS_EXPIRY_DAYS;
  const days = raw === undefined || raw === '' ? 365 : Number(raw);
  if (!Number.isSafeInteger(days) || days <= 0)
    throw new Error('LOYALTY_POINTS_EXPIRY_DAYS must be a whole number of days above zero');
  return days;
}

export interface ExpiryRun {
  accounts: number;
  points: number;
}

/**
 * Expires the unheld points of every account without activity for `inactiveDays`: one EXPIRY
 * entry per account. Safe to run twice (or concurrently): each account is re-checked under its
 * lock, and an expiry leaves nothing to expire and is not itself activity.
 */
export async function runPointsExpiry(
  ctx: Pick<ServiceContext, 'db'>,
  now = new Date(),
  inactiveDays = configuredExpiryDays(),
): Promise<ExpiryRun> {
  const cutoff = new Date(now.getTime() - inactiveDays * 24 * 3600 * 1000);
  const dormant = await ctx.db.getRepository(LoyaltyAccount).find({
    where: { lastActivityAt: LessThanOrEqual(cutoff), mergedIntoId: IsNull() },
    select: { id: true, pointsBalance: true, heldPoints: true },
  });
  const run: ExpiryRun = { accounts: 0, points: 0 };
  for (const candidate of dormant.filter((a) => a.pointsBalance - a.heldPoints > 0)) {
    await inTransaction(ctx.db, async (manager) => {
      const account = await lockAccount(manager, candidate.id);
      const points = account.pointsBalance - account.heldPoints;
      if (points <= 0 || !isDormant(account.lastActivityAt, now, inactiveDays)) return;
      await post(manager, account, {
        kind: LedgerKind.EXPIRY,
        points: -points,
        reason: `no activity for ${inactiveDays} days`,
        channel: null,
      });
      run.accounts++;
      run.points += points;
    });
  }
  return run;
}

/**
 * Folds the duplicate's membership into the survivor's on `crm.customer.merged`. Without a
 * survivor account the duplicate's account simply changes owner (its card stays). Otherwise the
 * duplicate's unheld points move by a pair of ADJUSTMENT entries (both ledgers kept, each still
 * summing to its balance), lifetime points add up, the duplicate account links to the
 * survivor's (its card number resolves there) and the survivor's tier is recalculated. Store
 * credit moves wallet to wallet the same way.
 */
export async function mergeMembers(
  manager: EntityManager,
  survivorId: string,
  duplicateId: string,
  channel: Channel | null,
): Promise<void> {
  if (survivorId === duplicateId) return;
  await mergeWallets(manager, survivorId, duplicateId, channel);
  const dupRow = await manager.findOneBy(LoyaltyAccount, { customerId: duplicateId });
  if (!dupRow || dupRow.mergedIntoId) return;
  const survRow = await manager.findOneBy(LoyaltyAccount, { customerId: survivorId });
  if (!survRow) {
    await manager.update(LoyaltyAccount, { id: dupRow.id }, { customerId: survivorId });
    await recordEvent<AccountMerged>(
      manager,
      'loyalty.account.merged',
      { survivorId, duplicateId, cardNumber: dupRow.cardNumber, linkedCardNumber: null },
      channel,
    );
    return;
  }
  // Lock in a fixed order so two merges touching the same accounts cannot deadlock.
  const [first, second] = [dupRow.id, survRow.id].sort();
  await lockAccount(manager, first!);
  await lockAccount(manager, second!);
  const dup = await manager.findOneByOrFail(LoyaltyAccount, { id: dupRow.id });
  const survivor = await manager.findOneByOrFail(LoyaltyAccount, { id: survRow.id });
  await manager.update(LoyaltyAccount, { id: dup.id }, { mergedIntoId: survivor.id });
  await manager
    .createQueryBuilder()
    .update(LoyaltyAccount)
    .set({ lifetimePoints: () => '"lifetimePoints" + :n' })
    .where('id = :id', { id: survivor.id, n: dup.lifetimePoints })
    .execute();
  const points = dup.pointsBalance - dup.heldPoints;
  if (points > 0) {
    await post(manager, dup, {
      kind: LedgerKind.ADJUSTMENT,
      points: -points,
      reason: `merged into card ${survivor.cardNumber}`,
      channel,
    });
    await post(manager, survivor, { kind: LedgerKind.ADJUSTMENT, points, reason: `merged from card ${dup.cardNumber}`, channel });
  } else {
    await recalculateTier(manager, survivor.id);
  }
  await recordEvent<AccountMerged>(
    manager,
    'loyalty.account.merged',
    { survivorId, duplicateId, cardNumber: survivor.cardNumber, linkedCardNumber: dup.cardNumber },
    channel,
  );
}

async function mergeWallets(
  manager: EntityManager,
  survivorId: string,
  duplicateId: string,
  channel: Channel | null,
): Promise<void> {
  const wallets = await manager.findBy(StoredValueAccount, { customerId: duplicateId, kind: StoredValueKind.STORE_CREDIT });
  for (const from of wallets) {
    if (from.mergedIntoId) continue;
    const to = await wallet(manager, survivorId, from.currency);
    if (to.id === from.id) continue;
    // Later credits to the duplicate's wallet (a refund of an order it paid) go to the survivor's.
    await manager.update(StoredValueAccount, { id: from.id }, { mergedIntoId: to.id });
    const cents = from.balanceCents - from.heldCents;
    if (cents <= 0) continue;
    await moveStoredValue(manager, from, {
      kind: StoredValueEntryKind.ADJUSTMENT,
      amountCents: -cents,
      reason: 'merged into survivor',
      channel,
      ref: survivorId,
    });
    await moveStoredValue(manager, to, {
      kind: StoredValueEntryKind.ADJUSTMENT,
      amountCents: cents,
      reason: 'merged from duplicate',
      channel,
      ref: duplicateId,
    });
  }
}
