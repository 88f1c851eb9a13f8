import { byKey, countedPagesByKey, groupedByKey, defineLoader, type CountedPage, type ServiceContext } from '@omni/platform';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { StoredValueKind } from './domain/stored-value';
import { LedgerEntry, LoyaltyAccount } from './entities/account';
import { StoredValueAccount } from './entities/stored-value';

/** The customer's account; a merged-away account resolves to the one it was merged into. */
export const accountByCustomer = defineLoader(
  'accountByCustomer',
  (ctx) =>
    new DataLoader<string, LoyaltyAccount | null>(async (ids) => {
      const repo = ctx.db.getRepository(LoyaltyAccount);
      const own = await repo.findBy({ customerId: In([...ids]) });
      const targets = [...new Set(own.map((a) => a.mergedIntoId).filter((id): id is string => !!id))];
      const merged = new Map((targets.length ? await repo.findBy({ id: In(targets) }) : []).map((a) => [a.id, a]));
      const resolved = own.map((a) => ({ key: a.customerId, account: a.mergedIntoId ? (merged.get(a.mergedIntoId) ?? a) : a }));
      return byKey(ids, resolved, (r) => r.key).map((r) => r?.account ?? null);
    }),
);

/** Store-credit wallets per customer, oldest first. */
export const walletsByCustomer = defineLoader(
  'walletsByCustomer',
  (ctx) =>
    new DataLoader<string, StoredValueAccount[]>(async (ids) => {
      const rows = await ctx.db.getRepository(StoredValueAccount).find({
        where: { customerId: In([...ids]), kind: StoredValueKind.STORE_CREDIT },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return groupedByKey(ids, rows, (r) => r.customerId!);
    }),
);

export const LEDGER_SORT: (keyof LedgerEntry & string)[] = ['occurredAt', 'id'];

export function ledgerPages(ctx: ServiceContext, first: number, after: unknown[] | null) {
  return defineLoader(
    `ledger:${first}:${JSON.stringify(after)}`,
    () =>
      new DataLoader<string, CountedPage<LedgerEntry>>(async (accountIds) => {
        const pages = await countedPagesByKey(ctx.db, {
          entity: LedgerEntry,
          partitionBy: 'accountId',
          keys: accountIds,
          orderBy: LEDGER_SORT,
          first,
          after,
        });
        return accountIds.map((id) => pages.get(id)!);
      }),
  )(ctx);
}
