import { byKey, defineLoader, groupedByKey } from '@omni/platform';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { Address } from './entities/address';
import { Customer, CustomerIdentity } from './entities/customer';

/** A customer by id; a merged-away id resolves to the survivor. Two queries at most per batch. */
export const customerById = defineLoader(
  'customerById',
  (ctx) =>
    new DataLoader<string, Customer | null>(async (ids) => {
      const found = await ctx.db.getRepository(Customer).findBy({ id: In([...ids]) });
      const survivorIds = found.flatMap((c) => (c.mergedIntoId ? [c.mergedIntoId] : []));
      const survivors = survivorIds.length
        ? await ctx.db.getRepository(Customer).findBy({ id: In(survivorIds) })
        : [];
      const survivorById = new Map(survivors.map((s) => [s.id, s]));
      return byKey(ids, found, (c) => c.id).map((c) =>
        c?.mergedIntoId ? (survivorById.get(c.mergedIntoId) ?? null) : c,
      );
    }),
);

export const identitiesByCustomer = defineLoader(
  'identitiesByCustomer',
  (ctx) =>
    new DataLoader<string, CustomerIdentity[]>(async (ids) => {
      const rows = await ctx.db
        .getRepository(CustomerIdentity)
        .find({ where: { customerId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
      return groupedByKey(ids, rows, (r) => r.customerId);
    }),
);

export const addressesByCustomer = defineLoader(
  'addressesByCustomer',
  (ctx) =>
    new DataLoader<string, Address[]>(async (ids) => {
      const rows = await ctx.db.getRepository(Address).find({ where: { customerId: In([...ids]) }, order: { id: 'ASC' } });
      return groupedByKey(ids, rows, (r) => r.customerId);
    }),
);
