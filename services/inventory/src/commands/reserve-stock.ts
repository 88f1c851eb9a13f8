import {
  DomainError,
  dialectOf,
  groupedByKey,
  inTransaction,
  insertStatement,
  isUniqueViolation,
  perDataSource,
} from '@omni/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  orderConfirmed,
  planReservation,
  reservationKey,
  ReservationStatus,
  validateReservationRequest,
  type RequestedLine,
  type ReservationPlan,
  type ReservedDelta,
} from '../domain/reservations';
import { availableUnits, lockOrder, stockKey, unitsAtTill } from '../domain/stock';
import { Location } from '../entities/location';
import { MovementKind } from '../entities/movement';
import { StockReservation } from '../entities/reservation';
import { reservationTtlSeconds } from '../settings';
import { lockStockAt, writeChanges, type Actor, type LocatedStock } from './levels';
import { lockReservations } from './reservations';
import { requireLocations } from './locations';
import { GroupCommitQueue, type Settled } from './group-commit';

export interface ReserveRequest {
  orderId: string;
  idempotencyKey?: string | null;
  lines: RequestedLine[];
  /** A carry-out sale: may take on-hand units below safety stock (`unitsAtTill`). */
  atTill?: boolean | null;
}

/** A validated request as it waits to be applied: its idempotency key trimmed (null without one). */
export interface Reservation {
  request: ReserveRequest;
  key: string | null;
  by: Actor;
}

/** The data source's reservations that arrive together, applied together. */
const reservationQueue = perDataSource(
  (db) =>
    new GroupCommitQueue<Reservation, StockReservation[]>({
      together: (reservations) => inTransaction(db, (manager) => reserveIn(manager, reservations)),
      alone: (reservation) => reserveAlone(db, reservation),
      keysOf: ({ request }) => [request.orderId, ...request.lines.map((l) => stockKey(l.locationId, l.sku))],
      maxKeys: 256,
      // SQLite runs transactions one after another. On PostgreSQL a second batch goes on while
      // one waits for a row lock held elsewhere; more would only make the batches smaller.
      concurrency: dialectOf(db) === 'postgres' ? 2 : 1,
    }),
);

/**
 * Reserves every line at its location, all or nothing. Each line is checked against what is
 * available under a row lock, so concurrent requests never promise the same unit twice; a line
 * that cannot be covered fails the whole request with INSUFFICIENT_STOCK naming its SKU.
 * Idempotent per (order, line, location) and, with an idempotency key, per request. Requests that
 * arrive together are applied together (`reservationQueue`), each with the outcome it has alone.
 */
export async function reserveStock(db: DataSource, request: ReserveRequest, by: Actor): Promise<StockReservation[]> {
  validateReservationRequest(request.orderId, request.lines);
  return reservationQueue(db).submit({ request, key: request.idempotencyKey?.trim() || null, by });
}

/** One reservation in a transaction of its own. */
export async function reserveAlone(db: DataSource, reservation: Reservation): Promise<StockReservation[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [outcome] = await inTransaction(db, (manager) => reserveIn(manager, [reservation]));
      if (outcome === 'deferred' || outcome === undefined) throw new Error('a reservation alone was deferred');
      if ('error' in outcome) throw outcome.error;
      return outcome.result;
    } catch (error) {
      // Two identical requests raced to insert the same reservation: the loser runs again and
      // finds the winner's rows, so the units are held once.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** A request past its checks: what it changes. */
interface Planned {
  index: number;
  reservation: Reservation;
  /** Every row of the order, locked. */
  orderRows: StockReservation[];
  /** The rows of the lines the request names. */
  existing: StockReservation[];
  plan: ReservationPlan;
}

/**
 * Applies reservations of distinct orders in the caller's transaction: their orders' rows read
 * in one statement, their stock rows in another, every change written together. A request refused
 * (INSUFFICIENT_STOCK, LOCATION_CLOSED, ...) writes nothing and the others go on; one whose stock
 * rows (or order) an earlier one of the batch changes is deferred. Outcomes in the order of `reservations`.
 */
export async function reserveIn(manager: EntityManager, reservations: Reservation[]): Promise<Settled<StockReservation[]>[]> {
  const orderIds = reservations.map((r) => r.request.orderId);
  const held = groupedByKey(orderIds, await lockReservations(manager, orderIds, null), (row) => row.orderId);
  const outcomes: Settled<StockReservation[]>[] = [];
  const planned: Planned[] = [];
  const claimed = new Set<string>();
  const orders = new Set<string>();
  for (const [index, reservation] of reservations.entries()) {
    const { orderId } = reservation.request;
    if (orders.has(orderId)) {
      outcomes[index] = 'deferred';
      continue;
    }
    orders.add(orderId);
    const orderRows = held[index]!;
    try {
      const step = await planOne(manager, reservation, orderRows);
      if ('replay' in step) {
        outcomes[index] = { result: step.replay };
        continue;
      }
      const rows = step.plan.deltas.map((delta) => stockKey(delta.locationId, delta.sku));
      if (rows.some((row) => claimed.has(row))) {
        outcomes[index] = 'deferred';
        continue;
      }
      for (const row of rows) claimed.add(row);
      planned.push({ index, reservation, orderRows, ...step });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes[index] = { error };
    }
  }
  const located = await lockStockAt(
    manager,
    planned.flatMap((p) => p.plan.deltas),
  );
  const accepted: Planned[] = [];
  for (const p of planned) {
    try {
      await checkAvailable(manager, p, located);
      accepted.push(p);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes[p.index] = { error };
    }
  }
  for (const [p, rows] of await writeReservations(manager, accepted, located)) outcomes[p.index] = { result: rows };
  return outcomes;
}

/** A replay's answer, or the plan of a request; a request naming an unknown location says so first. */
async function planOne(
  manager: EntityManager,
  { request, key }: Reservation,
  orderRows: StockReservation[],
): Promise<{ replay: StockReservation[] } | { existing: StockReservation[]; plan: ReservationPlan }> {
  if (key) {
    const earlier = orderRows.filter((row) => row.requestKey === key);
    if (earlier.length) return { replay: earlier };
  }
  const lineIds = new Set(request.lines.map((l) => l.lineId));
  const existing = orderRows.filter((row) => lineIds.has(row.lineId));
  try {
    return { existing, plan: planReservation(existing, request.lines) };
  } catch (error) {
    await requireLocations(manager, lineLocations(request.lines));
    throw error;
  }
}

const lineLocations = (lines: RequestedLine[]) =>
  lines.map((l, i) => ({ id: l.locationId, field: ['input', 'lines', String(i), 'locationId'] }));

/** Refuses a plan that reserves at a closed location or more than is available there. */
async function checkAvailable(
  manager: EntityManager,
  { reservation: { request }, plan }: Planned,
  located: Map<string, LocatedStock>,
): Promise<void> {
  const locations = await locationsOf(manager, request.lines, plan.deltas, located);
  const fieldOf = (locationId: string, sku: string, name: string) => {
    const i = request.lines.findIndex((l) => l.locationId === locationId && l.sku === sku);
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
}

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

type NewReservation = Pick<StockReservation, (typeof RESERVATION_COLUMNS)[number]>;

/**
 * Writes the accepted plans: every stock count, ledger entry, event and new reservation in one
 * go (`writeChanges`), then the rows a request changes or releases. Returns each request's rows
 * of the lines it names as they are now, in lock order (line, then location), without reading
 * them again.
 */
async function writeReservations(
  manager: EntityManager,
  accepted: Planned[],
  located: Map<string, LocatedStock>,
): Promise<Map<Planned, StockReservation[]>> {
  const now = new Date();
  const inserts: NewReservation[] = [];
  const results = new Map<Planned, StockReservation[]>();
  const rowsOf = accepted.map((p) => {
    const rows = reservationRows(manager, p, now);
    inserts.push(...rows.inserts);
    return rows;
  });
  const changes = accepted.flatMap(({ reservation: { request, by }, plan }) =>
    plan.deltas.map((delta) => ({
      locationId: delta.locationId,
      sku: delta.sku,
      before: located.get(stockKey(delta.locationId, delta.sku))!.stock,
      change: { reserved: delta.reserved },
      info: { kind: delta.reserved > 0 ? MovementKind.RESERVE : MovementKind.RELEASE, reference: `order:${request.orderId}` },
      by,
    })),
  );
  // New reservations in one INSERT that goes with the stock counts, without reading them back.
  const alongside = inserts.length
    ? [insertStatement(manager.connection, StockReservation, inserts, { properties: RESERVATION_COLUMNS, prefix: 'r' })]
    : [];
  await writeChanges(manager, lockOrder(changes), { channel: null, actor: null }, alongside);
  for (const [i, p] of accepted.entries()) {
    const { updates, rows } = rowsOf[i]!;
    await updateRows(manager, p, updates, now);
    results.set(p, [...rows.values()].sort(byLineThenLocation));
  }
  return results;
}

type Update = { held: StockReservation; values: Partial<StockReservation> };

/** The request's rows as they will be: those read under the lock, the changed ones and the new ones. */
function reservationRows(manager: EntityManager, { reservation, orderRows, existing, plan }: Planned, now: Date) {
  const { request, key } = reservation;
  // Until an order confirms it, a reservation expires; an order already confirmed confirms
  // whatever it reserves later (a modification, or putting lines back after a failed one).
  const expiresAt = orderConfirmed(orderRows) ? null : new Date(now.getTime() + reservationTtlSeconds() * 1000);
  const byKey = new Map(existing.map((row) => [reservationKey(row.lineId, row.locationId), row]));
  const inserts: NewReservation[] = [];
  const updates: Update[] = [];
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
      const row = { orderId: request.orderId, lineId: line.lineId, locationId: line.locationId, createdAt: now, ...values };
      inserts.push(row);
      rows.set(rowKey, manager.create(StockReservation, row));
    }
  }
  return { inserts, updates, rows };
}

/** The rows a request changes, releases, or keeps as the answer to its replays. */
async function updateRows(manager: EntityManager, { reservation, existing, plan }: Planned, updates: Update[], now: Date) {
  const { request, key } = reservation;
  const orderId = request.orderId;
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
  // The rows the request kept unchanged also answer its replays (new rows carry the key already).
  if (key && existing.length) {
    const lineIds = [...new Set(request.lines.map((l) => l.lineId))];
    await manager.update(
      StockReservation,
      { orderId, lineId: In(lineIds), status: ReservationStatus.ACTIVE },
      { requestKey: key },
    );
    for (const row of existing) if (row.status === ReservationStatus.ACTIVE) row.requestKey = key;
  }
}

const byLineThenLocation = (a: StockReservation, b: StockReservation) =>
  a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0;
