import {
  DomainError,
  dialectOf,
  entityColumns,
  hydrateRows,
  inTransaction,
  isUniqueViolation,
  runStatement,
  tableOf,
  insertStatement,
} from '@omni/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  consume,
  heldUnits,
  orderConfirmed,
  planReservation,
  reservationKey,
  ReservationStatus,
  validateReservationRequest,
  type RequestedLine,
  type ReservationPlan,
  type ReservedDelta,
} from '../domain/reservations';
import { availableUnits, lockOrder, stockKey, unitsAtTill, type StockChange } from '../domain/stock';
import { Location } from '../entities/location';
import { MovementKind } from '../entities/movement';
import { StockReservation } from '../entities/reservation';
import { StockTransfer, TransferStatus } from '../entities/transfer';
import { reservationTtlSeconds } from '../settings';
import { lockStock, lockStockAt, writeChanges, type Actor, type LocatedStock } from './levels';
import { requireLocations } from './locations';

export interface ReserveRequest {
  orderId: string;
  idempotencyKey?: string | null;
  lines: RequestedLine[];
  /** A carry-out sale: may take on-hand units below safety stock (`unitsAtTill`). */
  atTill?: boolean | null;
}

/** The order's reservation rows (of some lines), locked on PostgreSQL, in one fixed order. */
export async function lockReservations(
  manager: EntityManager,
  orderId: string,
  lineIds: string[] | null,
  activeOnly = false,
): Promise<StockReservation[]> {
  const db = manager.connection;
  const conditions = ['"orderId" = :orderId'];
  if (lineIds) conditions.push('"lineId" IN (:...lineIds)');
  if (activeOnly) conditions.push('"status" = :active');
  const lock = dialectOf(db) === 'postgres' ? ' FOR UPDATE' : '';
  const { rows } = await runStatement(
    manager,
    `SELECT ${entityColumns(db, StockReservation)} FROM ${tableOf(db, StockReservation)} ` +
      `WHERE ${conditions.join(' AND ')} ORDER BY "lineId", "locationId"${lock}`,
    { orderId, lineIds: lineIds?.length ? lineIds : [''], active: ReservationStatus.ACTIVE },
  );
  return hydrateRows(db, StockReservation, rows);
}

/** Applies stock changes keyed by stock row, in lock order, each with its own ledger entry. */
async function applyStockChanges(
  manager: EntityManager,
  changes: { locationId: string; sku: string; change: StockChange; kind: MovementKind }[],
  reference: string,
  by: Actor,
  reason: string | null = null,
): Promise<void> {
  const levels = await lockStock(manager, changes);
  const writes = lockOrder(changes).map(({ locationId, sku, change, kind }) => {
    const level = levels.get(stockKey(locationId, sku));
    if (!level) throw new Error(`no stock row for ${sku} at ${locationId}`);
    return { before: level, change, info: { kind, reference, reason } };
  });
  await writeChanges(manager, writes, by);
}

/**
 * Reserves every line at its location, all or nothing. Each line is checked against what is
 * available under a row lock, so concurrent requests never promise the same unit twice; a line
 * that cannot be covered fails the whole request with INSUFFICIENT_STOCK naming its SKU.
 * Idempotent per (order, line, location) and, with an idempotency key, per request.
 */
export async function reserveStock(db: DataSource, request: ReserveRequest, by: Actor): Promise<StockReservation[]> {
  validateReservationRequest(request.orderId, request.lines);
  const key = request.idempotencyKey?.trim() || null;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, (manager) => reserveOnce(manager, request, key, by));
    } catch (error) {
      // Two identical requests raced to insert the same reservation: the loser runs again and
      // finds the winner's rows, so the units are held once.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

const RESERVATION_COLUMNS = [
  'orderId',
  'lineId',
  'locationId',
  'sku',
  'quantity',
  'shippedQuantity',
  'status',
  'requestKey',
  'expiresAt',
  'createdAt',
  'updatedAt',
] as const;

async function reserveOnce(
  manager: EntityManager,
  request: ReserveRequest,
  key: string | null,
  by: Actor,
): Promise<StockReservation[]> {
  const { orderId, lines } = request;
  // Every row of the order: the lines', a replay's answer, and whether the order has confirmed.
  const orderRows = await lockReservations(manager, orderId, null);
  if (key) {
    const earlier = orderRows.filter((row) => row.requestKey === key);
    if (earlier.length) return earlier;
  }
  const lineIds = [...new Set(lines.map((l) => l.lineId))];
  const existing = orderRows.filter((row) => lineIds.includes(row.lineId));
  const plan = await planOrRefuse(manager, existing, lines);
  const located = await lockStockAt(manager, plan.deltas);
  const locations = await locationsOf(manager, lines, plan.deltas, located);
  const fieldOf = (locationId: string, sku: string, name: string) => {
    const i = lines.findIndex((l) => l.locationId === locationId && l.sku === sku);
    return ['input', 'lines', String(Math.max(0, i)), name];
  };
  for (const delta of plan.deltas) {
    const location = locations.get(delta.locationId);
    if (delta.reserved > 0 && location && !location.open) {
      throw new DomainError('LOCATION_CLOSED', `${location.name} is closed`, fieldOf(delta.locationId, delta.sku, 'locationId'));
    }
  }
  for (const delta of lockOrder(plan.deltas)) {
    if (delta.reserved <= 0) continue;
    const level = located.get(stockKey(delta.locationId, delta.sku))?.stock;
    // Safety stock protects online promises, not the till: a carry-out may sell it.
    const available = level ? (request.atTill ? unitsAtTill(level) : availableUnits(level)) : 0;
    if (available < delta.reserved) {
      const where = locations.get(delta.locationId)?.name ?? delta.locationId;
      throw new DomainError(
        'INSUFFICIENT_STOCK',
        `not enough ${delta.sku} at ${where}: ${available} available, ${delta.reserved} requested`,
        fieldOf(delta.locationId, delta.sku, 'quantity'),
      );
    }
  }
  const now = new Date();
  // Until an order confirms it, a reservation expires; an order already confirmed confirms
  // whatever it reserves later (a modification, or putting lines back after a failed one).
  const expiresAt = orderConfirmed(orderRows) ? null : new Date(now.getTime() + reservationTtlSeconds() * 1000);
  // The lines' rows as they will be: those read under the lock, as written below, and the new ones.
  const byKey = new Map(existing.map((row) => [reservationKey(row.lineId, row.locationId), row]));
  const inserts: Pick<StockReservation, (typeof RESERVATION_COLUMNS)[number]>[] = [];
  const updates: { held: StockReservation; values: Partial<StockReservation> }[] = [];
  const rows = new Map(byKey);
  for (const line of plan.set) {
    const values = {
      sku: line.sku,
      quantity: line.quantity,
      shippedQuantity: 0,
      status: ReservationStatus.ACTIVE,
      requestKey: key,
      expiresAt,
      updatedAt: now,
    };
    const rowKey = reservationKey(line.lineId, line.locationId);
    const held = byKey.get(rowKey);
    if (held) {
      updates.push({ held, values });
    } else {
      const row = { orderId, lineId: line.lineId, locationId: line.locationId, createdAt: now, ...values };
      inserts.push(row);
      rows.set(rowKey, manager.create(StockReservation, row));
    }
  }
  const reference = `order:${orderId}`;
  // New reservations in one INSERT that goes with the stock counts, without reading them back.
  await writeChanges(
    manager,
    lockOrder(plan.deltas).map((delta) => ({
      before: located.get(stockKey(delta.locationId, delta.sku))!.stock,
      change: { reserved: delta.reserved },
      info: { kind: delta.reserved > 0 ? MovementKind.RESERVE : MovementKind.RELEASE, reference },
    })),
    by,
    inserts.length
      ? [insertStatement(manager.connection, StockReservation, inserts, { properties: RESERVATION_COLUMNS, prefix: 'r' })]
      : [],
  );
  for (const { held, values } of updates) {
    await manager.update(StockReservation, { orderId, lineId: held.lineId, locationId: held.locationId }, values);
    Object.assign(held, values);
  }
  for (const row of plan.release) {
    await manager.update(
      StockReservation,
      { orderId, lineId: row.lineId, locationId: row.locationId },
      { status: ReservationStatus.RELEASED, updatedAt: now },
    );
    Object.assign(row, { status: ReservationStatus.RELEASED, updatedAt: now });
  }
  if (key) {
    // The rows the request kept unchanged also answer its replays.
    await manager.update(
      StockReservation,
      { orderId, lineId: In(lineIds), status: ReservationStatus.ACTIVE },
      { requestKey: key },
    );
    for (const row of rows.values()) if (row.status === ReservationStatus.ACTIVE) row.requestKey = key;
  }
  // In the order the rows are locked in (line, then location), without reading them again.
  return [...rows.values()].sort((a, b) =>
    a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0,
  );
}

/** The plan of a request; a request naming an unknown location says so first, whatever else is wrong. */
async function planOrRefuse(
  manager: EntityManager,
  existing: StockReservation[],
  lines: RequestedLine[],
): Promise<ReservationPlan> {
  try {
    return planReservation(existing, lines);
  } catch (error) {
    await requireLocations(manager, lineLocations(lines));
    throw error;
  }
}

const lineLocations = (lines: RequestedLine[]) =>
  lines.map((l, i) => ({ id: l.locationId, field: ['input', 'lines', String(i), 'locationId'] }));

/**
 * The locations the request reserves at, read with their stock rows. A location without the row
 * a line needs units from is read now (the request fails: UNKNOWN_LOCATION naming the first line
 * at a location that does not exist, else LOCATION_CLOSED or INSUFFICIENT_STOCK). Every other
 * line's location holds a reservation of the order, so it exists.
 */
async function locationsOf(
  manager: EntityManager,
  lines: RequestedLine[],
  deltas: ReservedDelta[],
  located: Map<string, LocatedStock>,
): Promise<Map<string, Location>> {
  const locations = new Map([...located.values()].map(({ location }) => [location.id, location]));
  if (deltas.every((delta) => delta.reserved <= 0 || located.has(stockKey(delta.locationId, delta.sku)))) return locations;
  const unread = lineLocations(lines).filter((line) => !locations.has(line.id));
  for (const location of (await requireLocations(manager, unread)).values()) locations.set(location.id, location);
  return locations;
}

/**
 * Gives back what the order (or some of its lines) holds: on cancellation or when a line
 * changes. Releasing what holds nothing changes nothing, so a repeat is harmless.
 */
export async function releaseReservations(
  db: DataSource,
  orderId: string,
  lineIds: string[] | null,
  by: Actor,
): Promise<StockReservation[]> {
  if (!orderId?.trim()) throw new DomainError('INVALID_ORDER', 'an order id is required', ['orderId']);
  return inTransaction(db, (manager) => releaseIn(manager, orderId, lineIds, by));
}

export async function releaseIn(
  manager: EntityManager,
  orderId: string,
  lineIds: string[] | null,
  by: Actor,
): Promise<StockReservation[]> {
  const rows = (await lockReservations(manager, orderId, lineIds, true)).filter((r) => heldUnits(r) > 0);
  // Units on their way to a pickup store for these lines are no longer the order's when they arrive.
  if (!lineIds || lineIds.length) {
    await manager.update(
      StockTransfer,
      { orderId, status: TransferStatus.IN_TRANSIT, holdForOrder: true, ...(lineIds ? { lineId: In(lineIds) } : {}) },
      { holdForOrder: false },
    );
  }
  return releaseRows(manager, orderId, rows, by);
}

/** Gives back what the (locked, active) rows hold; `reason` goes on the ledger entries. */
async function releaseRows(
  manager: EntityManager,
  orderId: string,
  rows: StockReservation[],
  by: Actor,
  reason: string | null = null,
): Promise<StockReservation[]> {
  if (rows.length === 0) return [];
  const totals = new Map<string, { locationId: string; sku: string; change: StockChange; kind: MovementKind }>();
  for (const row of rows) {
    const k = stockKey(row.locationId, row.sku);
    const entry = totals.get(k) ?? {
      locationId: row.locationId,
      sku: row.sku,
      change: { reserved: 0 },
      kind: MovementKind.RELEASE,
    };
    entry.change.reserved! -= heldUnits(row);
    totals.set(k, entry);
  }
  await applyStockChanges(manager, [...totals.values()], `order:${orderId}`, by, reason);
  const now = new Date();
  for (const row of rows) {
    await manager.update(
      StockReservation,
      { orderId, lineId: row.lineId, locationId: row.locationId },
      { status: ReservationStatus.RELEASED, updatedAt: now },
    );
    Object.assign(row, { status: ReservationStatus.RELEASED, updatedAt: now });
  }
  return rows;
}

export interface ShippedLine {
  lineId: string;
  /** The location the units left from; null: wherever the line is reserved. */
  locationId: string | null;
  /** Units that left; null: all the reservation holds. */
  quantity: number | null;
}

/**
 * Turns reserved units into shipped ones: they leave on hand and reserved together. Only units
 * that were reserved are taken, so consuming twice (a retry, or the event after the call)
 * takes nothing the second time.
 */
export async function consumeIn(
  manager: EntityManager,
  orderId: string,
  shipped: ShippedLine[],
  by: Actor,
): Promise<StockReservation[]> {
  const rows = await lockReservations(manager, orderId, [...new Set(shipped.map((s) => s.lineId))], true);
  const totals = new Map<string, { locationId: string; sku: string; change: StockChange; kind: MovementKind }>();
  const touched: StockReservation[] = [];
  const now = new Date();
  for (const line of shipped) {
    let left = line.quantity ?? Number.MAX_SAFE_INTEGER;
    for (const row of rows) {
      if (row.lineId !== line.lineId || (line.locationId && row.locationId !== line.locationId) || left <= 0) continue;
      const result = consume(row, left);
      if (result.taken === 0) continue;
      left -= result.taken;
      Object.assign(row, { shippedQuantity: result.shippedQuantity, status: result.status, updatedAt: now });
      if (!touched.includes(row)) touched.push(row);
      const k = stockKey(row.locationId, row.sku);
      const entry = totals.get(k) ?? {
        locationId: row.locationId,
        sku: row.sku,
        change: { onHand: 0, reserved: 0 },
        kind: MovementKind.SHIP,
      };
      entry.change.onHand! -= result.taken;
      entry.change.reserved! -= result.taken;
      totals.set(k, entry);
    }
  }
  if (totals.size) await applyStockChanges(manager, [...totals.values()], `order:${orderId}`, by);
  for (const row of touched) {
    await manager.update(
      StockReservation,
      { orderId, lineId: row.lineId, locationId: row.locationId },
      { shippedQuantity: row.shippedQuantity, status: row.status, updatedAt: now },
    );
  }
  return touched;
}

/**
 * The order lines shipped: everything their reservations hold leaves the stock. A line never
 * reserved (or released) is a userError and nothing is consumed; an already consumed line is
 * a no-op.
 */
export async function consumeReservations(
  db: DataSource,
  orderId: string,
  lineIds: string[],
  by: Actor,
): Promise<StockReservation[]> {
  if (!orderId?.trim()) throw new DomainError('INVALID_ORDER', 'an order id is required', ['orderId']);
  if (lineIds.length === 0) throw new DomainError('EMPTY_REQUEST', 'name the shipped lines', ['lineIds']);
  return inTransaction(db, async (manager) => {
    const rows = await manager.findBy(StockReservation, { orderId, lineId: In(lineIds) });
    lineIds.forEach((lineId, i) => {
      const own = rows.filter((r) => r.lineId === lineId);
      if (!own.some((r) => r.status !== ReservationStatus.RELEASED)) {
        throw new DomainError('NO_ACTIVE_RESERVATION', `line ${lineId} of order ${orderId} holds no reservation`, [
          'lineIds',
          String(i),
        ]);
      }
    });
    await consumeIn(
      manager,
      orderId,
      lineIds.map((lineId) => ({ lineId, locationId: null, quantity: null })),
      by,
    );
    return manager.find(StockReservation, {
      where: { orderId, lineId: In(lineIds) },
      order: { lineId: 'ASC', locationId: 'ASC' },
    });
  });
}

/**
 * The order exists (inventory saw `orders.order.placed` or `.modified` for it): its reservations
 * no longer expire. One statement, locking the rows in the order reserving does, so the two
 * queue. Returns how many rows were unconfirmed; a repeat confirms nothing.
 */
export async function confirmReservations(manager: EntityManager, orderId: string): Promise<number> {
  const table = tableOf(manager.connection, StockReservation);
  const lock = dialectOf(manager.connection) === 'postgres' ? ' FOR UPDATE' : '';
  if (!manager.queryRunner) throw new Error('reservations are confirmed only inside a transaction');
  const { affected } = await runStatement(
    manager,
    `WITH "pending" AS (SELECT "lineId", "locationId" FROM ${table} WHERE "orderId" = :orderId AND "expiresAt" IS NOT NULL ` +
      `ORDER BY "lineId", "locationId"${lock}) ` +
      `UPDATE ${table} AS r SET "expiresAt" = NULL FROM "pending" p ` +
      `WHERE r."orderId" = :orderId AND r."lineId" = p."lineId" AND r."locationId" = p."locationId" AND r."expiresAt" IS NOT NULL`,
    { orderId },
  );
  return affected;
}

/** The ledger reason of a release by the expiry job. */
export const EXPIRED = 'EXPIRED';

/**
 * Releases every active reservation that no order confirmed before it expired: one transaction
 * per order, re-checked under the rows' locks (a confirmation that won the race keeps them).
 * Ledger entries say RELEASE with reason EXPIRED. Returns how many reservations were released.
 */
export async function expireReservations(db: DataSource, now: Date, by: Actor, batch = 500): Promise<number> {
  let released = 0;
  for (;;) {
    const due: { orderId: string }[] = await db
      .getRepository(StockReservation)
      .createQueryBuilder('r')
      .select('DISTINCT r.orderId', 'orderId')
      .where('r.status = :active', { active: ReservationStatus.ACTIVE })
      .andWhere('r.expiresAt <= :now', { now })
      .limit(batch)
      .getRawMany();
    let round = 0;
    for (const { orderId } of due) {
      round += await inTransaction(db, async (manager) => {
        const rows = await lockReservations(manager, orderId, null);
        if (orderConfirmed(rows)) {
          // A row reserved while the order's confirmation waited for its lock missed it: confirmed now.
          await confirmReservations(manager, orderId);
          return 0;
        }
        const expired = rows.filter((row) => row.expiresAt !== null && row.expiresAt <= now && heldUnits(row) > 0);
        return (await releaseRows(manager, orderId, expired, by, EXPIRED)).length;
      });
    }
    released += round;
    if (due.length < batch || round === 0) return released;
  }
}
