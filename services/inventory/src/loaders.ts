import {
  byKey,
  defineLoader,
  entityColumns,
  groupedByKey,
  hydrateRows,
  rowsWhereIn,
  runSql,
  tableOf,
  type ServiceContext,
} from '@omni/platform';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { PlacedStock } from './domain/availability';
import { Appointment } from './entities/appointment';
import { Location } from './entities/location';
import { StockReservation } from './entities/reservation';
import { Stock } from './entities/stock';
import { StockTransfer, TransferStatus } from './entities/transfer';

export const locationById = defineLoader(
  'locationById',
  (ctx) =>
    new DataLoader<string, Location | null>(async (ids) =>
      byKey(ids, await rowsWhereIn(ctx.db, Location, { property: 'id', values: ids }), (l) => l.id),
    ),
);

export const stockBySku = defineLoader(
  'stockBySku',
  (ctx) =>
    new DataLoader<string, Stock[]>(async (skus) => {
      const rows = await rowsWhereIn(ctx.db, Stock, { property: 'sku', values: skus, orderBy: [['locationId', 'ASC']] });
      return groupedByKey(skus, rows, (s) => s.sku);
    }),
);

/**
 * Each SKU's stock with its location: one statement per batch, whatever the number of SKUs asked
 * in one request (what it read also answers `stockBySku` and `locationById` for the rest of the request).
 */
export const placedStockBySku = defineLoader(
  'placedStockBySku',
  (ctx) =>
    new DataLoader<string, PlacedStock<Location>[]>(async (skus) => {
      const raw = await runSql<Record<string, unknown>>(
        ctx.db,
        `SELECT ${entityColumns(ctx.db, Stock, 's')}, ${entityColumns(ctx.db, Location, 'l', 'location_')} ` +
          `FROM ${tableOf(ctx.db, Stock)} s JOIN ${tableOf(ctx.db, Location)} l ON l."id" = s."locationId" ` +
          `WHERE s."sku" IN (:...skus) ORDER BY s."locationId"`,
        { skus: [...skus] },
      );
      const stocks = hydrateRows(ctx.db, Stock, raw);
      const locations = hydrateRows(ctx.db, Location, raw, 'location_');
      const byId = locationById(ctx);
      const placed = stocks.map((stock, i) => {
        const location = locations[i]!;
        byId.prime(location.id, location);
        return { location, stock };
      });
      const bySku = stockBySku(ctx);
      groupedByKey(skus, stocks, (s) => s.sku).forEach((rows, i) => bySku.prime(skus[i]!, rows));
      return groupedByKey(skus, placed, (p) => p.stock.sku);
    }),
);

export const transferById = defineLoader(
  'transferById',
  (ctx) =>
    new DataLoader<string, StockTransfer | null>(async (ids) =>
      byKey(ids, await rowsWhereIn(ctx.db, StockTransfer, { property: 'id', values: ids }), (t) => t.id),
    ),
);

/** Transfers on their way to each location (in transit), oldest first: one statement per batch. */
export const incomingTransfersByLocation = defineLoader(
  'incomingTransfersByLocation',
  (ctx) =>
    new DataLoader<string, StockTransfer[]>(async (locationIds) => {
      const rows = await ctx.db.getRepository(StockTransfer).find({
        where: { toLocationId: In([...locationIds]), status: TransferStatus.IN_TRANSIT },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return groupedByKey(locationIds, rows, (t) => t.toLocationId);
    }),
);

export const reservationsByOrder = defineLoader(
  'reservationsByOrder',
  (ctx) =>
    new DataLoader<string, StockReservation[]>(async (orderIds) => {
      const rows = await rowsWhereIn(ctx.db, StockReservation, {
        property: 'orderId',
        values: orderIds,
        orderBy: [
          ['lineId', 'ASC'],
          ['locationId', 'ASC'],
        ],
      });
      return groupedByKey(orderIds, rows, (r) => r.orderId);
    }),
);

/** The variant reference inventory resolves: its SKU, with the stock loaded in one batch. */
export async function variantReference(ctx: ServiceContext, sku: string): Promise<{ sku: string }> {
  await placedStockBySku(ctx).load(sku);
  return { sku };
}

/** Each customer's appointments, latest start first: one statement per batch of customers. */
export const appointmentsByCustomer = defineLoader(
  'appointmentsByCustomer',
  (ctx) =>
    new DataLoader<string, Appointment[]>(async (customerIds) => {
      const rows = await rowsWhereIn(ctx.db, Appointment, {
        property: 'customerId',
        values: customerIds,
        orderBy: [
          ['startsAt', 'DESC'],
          ['id', 'ASC'],
        ],
      });
      return groupedByKey(customerIds, rows, (a) => a.customerId);
    }),
);

export const appointmentById = defineLoader(
  'appointmentById',
  (ctx) =>
    new DataLoader<string, Appointment | null>(async (ids) =>
      byKey(ids, await rowsWhereIn(ctx.db, Appointment, { property: 'id', values: ids }), (a) => a.id),
    ),
);
