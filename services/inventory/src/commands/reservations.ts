import { DomainError, dialectOf, entityColumns, hydrateRows, inTransaction, runStatement, tableOf } from '@omni/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { consume, heldUnits, orderConfirmed, ReservationStatus } from '../domain/reservations';
import { lockOrder, stockKey, type StockChange } from '../domain/stock';
import { MovementKind } from '../entities/movement';
import { StockReservation } from '../entities/reservation';
import { StockTransfer, TransferStatus } from '../entities/transfer';
import { lockStock, writeChanges, type Actor } from './levels';

/** The orders' reservation rows (of some lines), locked on PostgreSQL, in one fixed order (order, line, location). */
export async function lockReservations(
  manager: EntityManager,
  orderIds: readonly string[],
  lineIds: string[] | null,
  activeOnly = false,
): Promise<StockReservation[]> {
  const db = manager.connection;
  const conditions = ['"orderId" IN (:...orderIds)'];
  if (lineIds) conditions.push('"lineId" IN (:...lineIds)');
  if (activeOnly) conditions.push('"status" = :active');
  const lock = dialectOf(db) === 'postgres' ? ' FOR UPDATE' : '';
  const { rows } = await runStatement(
    manager,
    `SELECT ${entityColumns(db, StockReservation)} FROM ${tableOf(db, StockReservation)} ` +
      `WHERE ${conditions.join(' AND ')} ORDER BY "orderId", "lineId", "locationId"${lock}`,
    { orderIds: [...new Set(orderIds)], lineIds: lineIds?.length ? lineIds : [''], active: ReservationStatus.ACTIVE },
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
  const rows = (await lockReservations(manager, [orderId], lineIds, true)).filter((r) => heldUnits(r) > 0);
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
  const rows = await lockReservations(manager, [orderId], [...new Set(shipped.map((s) => s.lineId))], true);
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
        const rows = await lockReservations(manager, [orderId], null);
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
