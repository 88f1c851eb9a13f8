import { DomainError } from '@omni/platform';
import { isSku, quantityProblem, stockKey } from './stock';

export enum ReservationStatus {
  /** Units are held for the order line. */
  ACTIVE = 'ACTIVE',
  /** Given back (order cancelled or modified); holds nothing. */
  RELEASED = 'RELEASED',
  /** Every unit shipped or was collected; holds nothing. */
  CONSUMED = 'CONSUMED',
}

/** A reservation as stored: one per order line per location it is sourced from. */
export interface HeldReservation {
  lineId: string;
  locationId: string;
  sku: string;
  quantity: number;
  shippedQuantity: number;
  status: ReservationStatus;
}

export interface RequestedLine {
  lineId: string;
  sku: string;
  locationId: string;
  quantity: number;
}

/** Units a reservation holds right now. */
export function heldUnits(row: HeldReservation): number {
  return row.status === ReservationStatus.ACTIVE ? Math.max(0, row.quantity - row.shippedQuantity) : 0;
}

/**
 * Whether an order has confirmed its reservations: one of its rows no longer expires. Every row
 * it reserves from then on is confirmed too, and none of its rows expires.
 */
export function orderConfirmed(rows: { expiresAt: Date | null }[]): boolean {
  return rows.some((row) => row.expiresAt === null);
}

export const reservationKey = (lineId: string, locationId: string) => `${lineId}\u0000${locationId}`;

/** Rejects a malformed reservation request before anything is read or written. */
export function validateReservationRequest(orderId: string, lines: RequestedLine[]): void {
  if (!orderId?.trim()) throw new DomainError('INVALID_ORDER', 'an order id is required', ['input', 'orderId']);
  if (lines.length === 0) throw new DomainError('EMPTY_REQUEST', 'a reservation has at least one line', ['input', 'lines']);
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const field = (name: string) => ['input', 'lines', String(i), name];
    if (!line.lineId?.trim()) throw new DomainError('INVALID_LINE', 'each line needs a line id', field('lineId'));
    if (!isSku(line.sku)) throw new DomainError('INVALID_SKU', `"${line.sku}" is not a SKU`, field('sku'));
    const problem = quantityProblem(line.quantity);
    if (problem)
      throw new DomainError(problem, `reserve a whole number of units above zero, not ${line.quantity}`, field('quantity'));
    const key = reservationKey(line.lineId, line.locationId);
    if (seen.has(key)) {
      throw new DomainError(
        'DUPLICATE_LINE',
        `line ${line.lineId} appears twice for location ${line.locationId}`,
        field('lineId'),
      );
    }
    seen.add(key);
  });
}

export interface ReservedDelta {
  locationId: string;
  sku: string;
  /** Change of reserved units at this stock row; positive needs that many available. */
  reserved: number;
}

export interface ReservationPlan {
  /** Rows to write as ACTIVE with the requested quantity (new, re-activated or changed). */
  set: RequestedLine[];
  /** Active rows of the lines in the request that the request no longer wants. */
  release: HeldReservation[];
  /** Net change of reserved units per stock row, over the whole request. */
  deltas: ReservedDelta[];
}

/**
 * What a reservation request changes, given the order's existing reservations for the lines
 * it names. The request states the whole sourcing of each line it names: an identical active
 * reservation is kept (a retried call reserves nothing twice), a different one is replaced, and
 * an active reservation of a named line at a location no longer requested is released. A line
 * that has already shipped (in part) cannot be re-reserved.
 */
export function planReservation(existing: HeldReservation[], requested: RequestedLine[]): ReservationPlan {
  const named = new Set(requested.map((l) => l.lineId));
  const shipped = existing.find((row) => named.has(row.lineId) && row.shippedQuantity > 0);
  if (shipped) {
    const i = requested.findIndex((l) => l.lineId === shipped.lineId);
    throw new DomainError('ALREADY_SHIPPED', `line ${shipped.lineId} has shipped; it cannot be reserved again`, [
      'input',
      'lines',
      String(i),
      'lineId',
    ]);
  }
  const byKey = new Map(existing.map((row) => [reservationKey(row.lineId, row.locationId), row]));
  const deltas = new Map<string, ReservedDelta>();
  const add = (locationId: string, sku: string, reserved: number) => {
    if (reserved === 0) return;
    const key = stockKey(locationId, sku);
    const delta = deltas.get(key) ?? { locationId, sku, reserved: 0 };
    delta.reserved += reserved;
    deltas.set(key, delta);
  };
  const set: RequestedLine[] = [];
  const wanted = new Set<string>();
  for (const line of requested) {
    const key = reservationKey(line.lineId, line.locationId);
    wanted.add(key);
    const old = byKey.get(key);
    if (old && old.status === ReservationStatus.ACTIVE && old.sku === line.sku && old.quantity === line.quantity) continue;
    if (old) add(old.locationId, old.sku, -heldUnits(old));
    add(line.locationId, line.sku, line.quantity);
    set.push(line);
  }
  const release = existing.filter(
    (row) => named.has(row.lineId) && !wanted.has(reservationKey(row.lineId, row.locationId)) && heldUnits(row) > 0,
  );
  for (const row of release) add(row.locationId, row.sku, -heldUnits(row));
  return { set, release, deltas: [...deltas.values()].filter((d) => d.reserved !== 0) };
}

/** A reservation after `units` of it left the building: consumed once nothing is held. */
export function consume(
  row: HeldReservation,
  units: number,
): { taken: number; shippedQuantity: number; status: ReservationStatus } {
  const taken = Math.max(0, Math.min(units, heldUnits(row)));
  const shippedQuantity = row.shippedQuantity + taken;
  const status =
    row.status === ReservationStatus.ACTIVE && shippedQuantity >= row.quantity ? ReservationStatus.CONSUMED : row.status;
  return { taken, shippedQuantity, status };
}
