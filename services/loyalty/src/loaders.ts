import {
  selectEntities,
  byKey,
  countedPagesByKey,
  groupedByKey,
  defineLoader,
  type CountedPage,
  type ServiceContext,
} from '@omni/platform';
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
      // The accounts asked for and the survivors of those merged away, in one statement.
      const rows = await selectEntities(
        ctx.db,
        LoyaltyAccount,
        (table) => `"customerId" IN (:...ids) OR "id" IN (SELECT "mergedIntoId" FROM ${table} WHERE "customerId" IN (:...ids))`,
        { ids: [...ids] },
      );
      const asked = new Set(ids);
      const own = rows.filter((a) => asked.has(a.customerId));
      const merged = new Map(rows.map((a) => [a.id, a]));
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
