import { byKey, countsByKey, defineLoader, pagesByKey, type KeyedPage, type ServiceContext } from '@omni/platform';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { LedgerEntry, LoyaltyAccount } from './entities/account';

export const accountByCustomer = defineLoader(
  'accountByCustomer',
  (ctx) =>
    new DataLoader<string, LoyaltyAccount | null>(async (ids) =>
      byKey(ids, await ctx.db.getRepository(LoyaltyAccount).findBy({ customerId: In([...ids]) }), (a) => a.customerId),
    ),
);

export const LEDGER_SORT: (keyof LedgerEntry & string)[] = ['occurredAt', 'id'];

export function ledgerPages(ctx: ServiceContext, first: number, after: unknown[] | null) {
  return defineLoader(
    `ledger:${first}:${JSON.stringify(after)}`,
    () =>
      new DataLoader<string, KeyedPage<LedgerEntry> & { totalCount: number }>(async (accountIds) => {
        const [pages, counts] = await Promise.all([
          pagesByKey(ctx.db, { entity: LedgerEntry, partitionBy: 'accountId', keys: accountIds, orderBy: LEDGER_SORT, first, after }),
          countsByKey(ctx.db, LedgerEntry, 'accountId', accountIds),
        ]);
        return accountIds.map((id) => ({ ...pages.get(id)!, totalCount: counts.get(id) ?? 0 }));
      }),
  )(ctx);
}
