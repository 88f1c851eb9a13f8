import { byKey, defineLoader, groupedByKey } from '@omni/platform';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { Location } from './entities/location';
import { Stock } from './entities/stock';

export const locationById = defineLoader(
  'locationById',
  (ctx) =>
    new DataLoader<string, Location | null>(async (ids) =>
      byKey(ids, await ctx.db.getRepository(Location).findBy({ id: In([...ids]) }), (l) => l.id),
    ),
);

export const stockBySku = defineLoader(
  'stockBySku',
  (ctx) =>
    new DataLoader<string, Stock[]>(async (skus) => {
      const rows = await ctx.db.getRepository(Stock).find({ where: { sku: In([...skus]) }, order: { locationId: 'ASC' } });
      return groupedByKey(skus, rows, (s) => s.sku);
    }),
);
