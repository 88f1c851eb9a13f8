import { byKey, countsByKey, defineLoader, groupedByKey, pagesByKey, type KeyedPage } from '@omni/platform';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { Fulfillment, FulfillmentLine, Order, OrderHistoryEntry, OrderLine } from './entities/order';
import { OrderPayment } from './entities/payment';

export const orderById = defineLoader(
  'orderById',
  (ctx) =>
    new DataLoader<string, Order | null>(async (ids) =>
      byKey(ids, await ctx.db.getRepository(Order).findBy({ id: In([...ids]) }), (o) => o.id),
    ),
);

export const linesByOrder = defineLoader(
  'linesByOrder',
  (ctx) =>
    new DataLoader<string, OrderLine[]>(async (ids) => {
      const rows = await ctx.db.getRepository(OrderLine).find({ where: { orderId: In([...ids]) }, order: { position: 'ASC' } });
      return groupedByKey(ids, rows, (l) => l.orderId);
    }),
);

export const fulfillmentsByOrder = defineLoader(
  'fulfillmentsByOrder',
  (ctx) =>
    new DataLoader<string, Fulfillment[]>(async (ids) => {
      const rows = await ctx.db.getRepository(Fulfillment).find({ where: { orderId: In([...ids]) }, order: { id: 'ASC' } });
      return groupedByKey(ids, rows, (f) => f.orderId);
    }),
);

export const linesByFulfillment = defineLoader(
  'linesByFulfillment',
  (ctx) =>
    new DataLoader<string, FulfillmentLine[]>(async (ids) => {
      const rows = await ctx.db.getRepository(FulfillmentLine).findBy({ fulfillmentId: In([...ids]) });
      return groupedByKey(ids, rows, (l) => l.fulfillmentId);
    }),
);

export const historyByOrder = defineLoader(
  'historyByOrder',
  (ctx) =>
    new DataLoader<string, OrderHistoryEntry[]>(async (ids) => {
      const rows = await ctx.db
        .getRepository(OrderHistoryEntry)
        .find({ where: { orderId: In([...ids]) }, order: { sequence: 'ASC' } });
      return groupedByKey(ids, rows, (h) => h.orderId);
    }),
);

export interface OrderPageArgs {
  first: number;
  after: unknown[] | null;
  channel?: string | null;
  status?: string | null;
}

export const ORDER_SORT: (keyof Order & string)[] = ['placedAt', 'id'];

/** A page of each customer's orders, newest first, with the total count: three statements per batch. */
export function customerOrderPages(ctx: Parameters<typeof orderById>[0], args: OrderPageArgs) {
  return defineLoader(
    `customerOrders:${JSON.stringify(args)}`,
    () =>
      new DataLoader<string, KeyedPage<Order> & { totalCount: number }>(async (customerIds) => {
        const filters = { channel: args.channel, status: args.status };
        const [pages, counts] = await Promise.all([
          pagesByKey(ctx.db, {
            entity: Order,
            partitionBy: 'customerId',
            keys: customerIds,
            orderBy: ORDER_SORT,
            first: args.first,
            after: args.after,
            filters,
          }),
          countsByKey(ctx.db, Order, 'customerId', customerIds, filters),
        ]);
        return customerIds.map((id) => ({ ...pages.get(id)!, totalCount: counts.get(id) ?? 0 }));
      }),
  )(ctx);
}

export const paymentsByOrder = defineLoader(
  'paymentsByOrder',
  (ctx) =>
    new DataLoader<string, OrderPayment[]>(async (ids) => {
      const rows = await ctx.db
        .getRepository(OrderPayment)
        .find({ where: { orderId: In([...ids]) }, order: { sequence: 'ASC' } });
      return groupedByKey(ids, rows, (p) => p.orderId);
    }),
);
