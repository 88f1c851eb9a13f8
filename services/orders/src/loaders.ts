import { byKey, countedPagesByKey, defineLoader, groupedByKey, type CountedPage, rowsWhereIn } from '@omni/platform';
import DataLoader from 'dataloader';
import { Fulfillment, FulfillmentLine, Order, OrderHistoryEntry, OrderLine } from './entities/order';
import { OrderPayment } from './entities/payment';

export const orderById = defineLoader(
  'orderById',
  (ctx) =>
    new DataLoader<string, Order | null>(async (ids) =>
      byKey(ids, await rowsWhereIn(ctx.db, Order, { property: 'id', values: ids }), (o) => o.id),
    ),
);

export const linesByOrder = defineLoader(
  'linesByOrder',
  (ctx) =>
    new DataLoader<string, OrderLine[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, OrderLine, { property: 'orderId', values: ids, orderBy: [['position', 'ASC']] });
      return groupedByKey(ids, rows, (l) => l.orderId);
    }),
);

export const fulfillmentsByOrder = defineLoader(
  'fulfillmentsByOrder',
  (ctx) =>
    new DataLoader<string, Fulfillment[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, Fulfillment, { property: 'orderId', values: ids, orderBy: [['id', 'ASC']] });
      return groupedByKey(ids, rows, (f) => f.orderId);
    }),
);

export const linesByFulfillment = defineLoader(
  'linesByFulfillment',
  (ctx) =>
    new DataLoader<string, FulfillmentLine[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, FulfillmentLine, { property: 'fulfillmentId', values: ids });
      return groupedByKey(ids, rows, (l) => l.fulfillmentId);
    }),
);

export const historyByOrder = defineLoader(
  'historyByOrder',
  (ctx) =>
    new DataLoader<string, OrderHistoryEntry[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, OrderHistoryEntry, {
        property: 'orderId',
        values: ids,
        orderBy: [['sequence', 'ASC']],
      });
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

/** A page of each customer's orders, newest first, with the total count: one statement per batch for a first page. */
export function customerOrderPages(ctx: Parameters<typeof orderById>[0], args: OrderPageArgs) {
  return defineLoader(
    `customerOrders:${JSON.stringify(args)}`,
    () =>
      new DataLoader<string, CountedPage<Order>>(async (customerIds) => {
        const filters = { channel: args.channel, status: args.status };
        const pages = await countedPagesByKey(ctx.db, {
          entity: Order,
          partitionBy: 'customerId',
          keys: customerIds,
          orderBy: ORDER_SORT,
          first: args.first,
          after: args.after,
          filters,
        });
        return customerIds.map((id) => pages.get(id)!);
      }),
  )(ctx);
}

export const paymentsByOrder = defineLoader(
  'paymentsByOrder',
  (ctx) =>
    new DataLoader<string, OrderPayment[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, OrderPayment, { property: 'orderId', values: ids, orderBy: [['sequence', 'ASC']] });
      return groupedByKey(ids, rows, (p) => p.orderId);
    }),
);
