import { hasControlCharacters, isoDate } from '@omni/platform';
import { earliestShipDate, STANDARD_TRANSIT_DAYS } from './fulfillment';
import { FulfillmentStatus as S, FulfillmentType } from './status';

/**
 * Fulfillment KPIs per location, computed from one row per fulfillment (one SQL statement reads
 * them all). The aggregation is here, not in SQL: a median has no portable SQL (PostgreSQL's
 * `percentile_cont` does not exist on SQLite), and the on-time rule is the same one the
 * fulfillment steps use.
 */

/** One fulfillment as the KPI query reads it. */
export interface KpiFulfillment {
  locationId: string;
  type: FulfillmentType;
  status: S;
  sourceLocationId: string | null;
  /** The order's placement. */
  placedAt: Date;
  /** YYYY-MM-DD promised to the shopper; null: none promised. */
  promisedDate: string | null;
  /** When a pickup became READY_FOR_PICKUP; null: not (yet), or not a pickup. */
  readyAt: Date | null;
  /** When the goods left (shipped or collected); null: not yet. */
  leftAt: Date | null;
  /** Lines of the fulfillment. */
  lines: number;
  /** Lines picked with fewer units than ordered. */
  shortPickedLines: number;
  /** Lines picked with another SKU than ordered. */
  substitutedLines: number;
  /** Lines short-picked, substituted, or both (each counted once). */
  mispickedLines: number;
}

export interface LocationKpis {
  locationId: string;
  fulfillments: number;
  cancelled: number;
  /** cancelled / fulfillments; null without fulfillments. */
  cancelledRate: number | null;
  onTime: number;
  late: number;
  /** onTime / (onTime + late); null when no promise was due yet. */
  onTimeRate: number | null;
  /** Median minutes from placing the order to ready for pickup; null without a readied pickup. */
  pickupReadyMinutesP50: number | null;
  pickedLines: number;
  shortPickedLines: number;
  substitutedLines: number;
  /** Lines picked as ordered / lines picked; null when nothing was picked. */
  pickAccuracy: number | null;
}

/** The median of `values` (the mean of the middle two for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A share rounded to 4 decimals (0.6667), or null when nothing was counted. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** The fulfillment was picked: it moved past PENDING (and was not cancelled before that). */
function picked(f: KpiFulfillment): boolean {
  return f.status !== S.PENDING && f.status !== S.CANCELLED;
}

/**
 * Whether a fulfillment kept its promise: ON_TIME, LATE, or null (no promise, cancelled, or not
 * done and not yet due). A pickup is done when ready for the shopper, by the promised date; a
 * shipment when it left, by the promised date less the transit days (the day it had to ship).
 * One that is not done once its date has passed is late already.
 */
export function promiseKept(f: KpiFulfillment, today: string): 'ON_TIME' | 'LATE' | null {
  if (!f.promisedDate || f.status === S.CANCELLED) return null;
  const pickup = f.type === FulfillmentType.PICKUP_IN_STORE;
  const due = pickup ? f.promisedDate : earliestShipDate(f.promisedDate, STANDARD_TRANSIT_DAYS);
  const doneAt = pickup ? (f.readyAt ?? (f.status === S.COLLECTED ? f.leftAt : null)) : f.leftAt;
  if (doneAt) return isoDate(doneAt) <= due ? 'ON_TIME' : 'LATE';
  return today > due ? 'LATE' : null;
}

/** Minutes from placing the order to ready for pickup, or null (not a readied pickup). */
export function pickupReadyMinutes(f: KpiFulfillment): number | null {
  if (f.type !== FulfillmentType.PICKUP_IN_STORE || !f.readyAt) return null;
  return Math.max(0, (f.readyAt.getTime() - f.placedAt.getTime()) / 60_000);
}

/** The KPIs of each location that has fulfillments, by location id. */
export function fulfillmentKpis(rows: KpiFulfillment[], today: string): LocationKpis[] {
  const byLocation = new Map<string, KpiFulfillment[]>();
  for (const row of rows) byLocation.set(row.locationId, [...(byLocation.get(row.locationId) ?? []), row]);
  return [...byLocation.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([locationId, own]) => {
      const cancelled = own.filter((f) => f.status === S.CANCELLED).length;
      const kept = own.map((f) => promiseKept(f, today));
      const onTime = kept.filter((k) => k === 'ON_TIME').length;
      const late = kept.filter((k) => k === 'LATE').length;
      const readyMinutes = own.map(pickupReadyMinutes).filter((m): m is number => m !== null);
      const pickedOnes = own.filter(picked);
      const pickedLines = pickedOnes.reduce((n, f) => n + f.lines, 0);
      const shortPickedLines = pickedOnes.reduce((n, f) => n + f.shortPickedLines, 0);
      const substitutedLines = pickedOnes.reduce((n, f) => n + f.substitutedLines, 0);
      const mispicked = pickedOnes.reduce((n, f) => n + f.mispickedLines, 0);
      const p50 = median(readyMinutes);
      return {
        locationId,
        fulfillments: own.length,
        cancelled,
        cancelledRate: rate(cancelled, own.length),
        onTime,
        late,
        onTimeRate: rate(onTime, onTime + late),
        pickupReadyMinutesP50: p50 === null ? null : Math.round(p50 * 10) / 10,
        pickedLines,
        shortPickedLines,
        substitutedLines,
        pickAccuracy: rate(pickedLines - mispicked, pickedLines),
      };
    });
}

/** One line of what a picker found. */
export interface PickedLine {
  orderLineId: string;
  /** Units found, from 0 to the line's quantity. */
  pickedQuantity: number;
  /** The SKU picked instead; null or empty: the one ordered. */
  substituteSku?: string | null;
}

/** A SKU as order lines keep it: 1 to 64 visible characters, no control characters. */
function isSku(value: string): boolean {
  return value.length > 0 && value.length <= 64 && !hasControlCharacters(value);
}

/**
 * Why a pick record cannot be taken for these fulfillment lines, naming the entry and field, or
 * null: every entry names a line of the fulfillment once, picks a whole number of units up to
 * what was ordered, and substitutes a well-formed SKU other than the one ordered.
 */
export function pickProblem(
  lines: { orderLineId: string; sku: string; quantity: number }[],
  picked: PickedLine[],
): { code: string; message: string; index: number; field: string } | null {
  if (picked.length === 0)
    return { code: 'EMPTY_REQUEST', message: 'name at least one picked line', index: 0, field: 'orderLineId' };
  const seen = new Set<string>();
  for (const [index, entry] of picked.entries()) {
    const line = lines.find((l) => l.orderLineId === entry.orderLineId);
    if (!line)
      return {
        code: 'UNKNOWN_LINE',
        message: `line ${entry.orderLineId} is not in this fulfillment`,
        index,
        field: 'orderLineId',
      };
    if (seen.has(line.orderLineId)) {
      return { code: 'DUPLICATE_LINE', message: `line ${entry.orderLineId} is named twice`, index, field: 'orderLineId' };
    }
    seen.add(line.orderLineId);
    if (!Number.isInteger(entry.pickedQuantity) || entry.pickedQuantity < 0 || entry.pickedQuantity > line.quantity) {
      return {
        code: 'INVALID_QUANTITY',
        message: `picked units are a whole number from 0 to the ${line.quantity} ordered`,
        index,
        field: 'pickedQuantity',
      };
    }
    const substitute = entry.substituteSku?.trim() || null;
    if (substitute !== null && (!isSku(substitute) || substitute === line.sku)) {
      return {
        code: 'INVALID_SKU',
        message: `"${substitute}" is not another SKU than ${line.sku}`,
        index,
        field: 'substituteSku',
      };
    }
  }
  return null;
}
