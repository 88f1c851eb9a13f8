import { addDays, isoDate, type ServiceContext } from '@omni/platform';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { fulfillmentKpis, type KpiFulfillment, type LocationKpis } from '../domain/fulfillment-kpis';
import { FulfillmentStatus, FulfillmentType } from '../domain/status';
import { Fulfillment, FulfillmentLine, Order } from '../entities/order';

export interface KpiRequest {
  /** First day (YYYY-MM-DD, UTC) of orders placed. */
  from: string;
  /** Last day, included. */
  to: string;
  /** Only this location; null: every location. */
  locationId: string | null;
}

/** A timestamp as the driver returns it: a Date (PostgreSQL) or SQLite's "YYYY-MM-DD HH:MM:SS.SSS" in UTC. */
function instant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/**
 * The fulfillment KPIs of the orders placed from `from` to `to` (UTC days, both included), per
 * location: one statement reads every fulfillment of those orders with its line counts, the
 * aggregation (`fulfillmentKpis`) is a pure function. Carry-outs (sold at the till) are no
 * fulfillment work and are left out.
 */
export async function readFulfillmentKpis(ctx: ServiceContext, request: KpiRequest, now = new Date()): Promise<LocationKpis[]> {
  const lines =
    (condition = '') =>
    (sub: SelectQueryBuilder<ObjectLiteral>) =>
      sub.select('COUNT(*)').from(FulfillmentLine, 'l').where(`l."fulfillmentId" = f."id"${condition}`);
  let query = ctx.db
    .createQueryBuilder()
    .from(Fulfillment, 'f')
    .innerJoin(Order, 'o', 'o."id" = f."orderId"')
    .select('f."locationId"', 'locationId')
    .addSelect('f."type"', 'type')
    .addSelect('f."status"', 'status')
    .addSelect('f."sourceLocationId"', 'sourceLocationId')
    .addSelect('f."promisedDate"', 'promisedDate')
    .addSelect('f."readyAt"', 'readyAt')
    .addSelect('f."leftAt"', 'leftAt')
    .addSelect('o."placedAt"', 'placedAt')
    .addSelect(lines(), 'lines')
    .addSelect(lines(' AND l."pickedQuantity" < l."quantity"'), 'shortPickedLines')
    .addSelect(lines(' AND l."substituteSku" IS NOT NULL'), 'substitutedLines')
    .addSelect(lines(' AND (l."pickedQuantity" < l."quantity" OR l."substituteSku" IS NOT NULL)'), 'mispickedLines')
    .where('o."placedAt" >= :start AND o."placedAt" < :end', {
      start: new Date(`${request.from}T00:00:00.000Z`),
      end: new Date(`${addDays(request.to, 1)}T00:00:00.000Z`),
    })
    .andWhere('f."type" <> :carryOut', { carryOut: FulfillmentType.CARRY_OUT })
    .andWhere('f."locationId" IS NOT NULL');
  if (request.locationId) query = query.andWhere('f."locationId" = :locationId', { locationId: request.locationId });
  const raw: Record<string, unknown>[] = await query.getRawMany();
  const rows: KpiFulfillment[] = raw.map((r) => ({
    locationId: String(r.locationId),
    type: r.type as FulfillmentType,
    status: r.status as FulfillmentStatus,
    sourceLocationId: (r.sourceLocationId as string | null) ?? null,
    promisedDate: (r.promisedDate as string | null) ?? null,
    readyAt: instant(r.readyAt),
    leftAt: instant(r.leftAt),
    placedAt: instant(r.placedAt)!,
    lines: Number(r.lines),
    shortPickedLines: Number(r.shortPickedLines),
    substitutedLines: Number(r.substitutedLines),
    mispickedLines: Number(r.mispickedLines),
  }));
  return fulfillmentKpis(rows, isoDate(now));
}
