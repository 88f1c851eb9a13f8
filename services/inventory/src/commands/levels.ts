import {
  dialectOf,
  entityColumns,
  hydrateRows,
  insertStatement,
  recordEvents,
  runStatement,
  tableOf,
  type Channel,
  type ServiceContext,
  type Statement,
  type StockChanged,
} from '@omni/platform';
import { type EntityManager } from 'typeorm';
import {
  applyChange,
  availableUnits,
  difference,
  lockOrder,
  stockKey,
  type FullStockLevel,
  type StockChange,
} from '../domain/stock';
import { Location } from '../entities/location';
import { MovementKind, StockMovement } from '../entities/movement';
import { Stock } from '../entities/stock';

/** Who made a change: recorded on every ledger entry and event. */
export interface Actor {
  channel: Channel | null;
  actor: string | null;
}

export function actorOf(ctx: ServiceContext): Actor {
  return { channel: ctx.channel, actor: ctx.caller.subject };
}

export interface StockRef {
  locationId: string;
  sku: string;
}

function distinct(refs: StockRef[]): StockRef[] {
  const map = new Map(refs.map((r) => [stockKey(r.locationId, r.sku), { locationId: r.locationId, sku: r.sku }]));
  return lockOrder([...map.values()]);
}

/** Creates empty stock rows that do not exist yet (a concurrent insert of the same row is fine). */
export async function ensureStockRows(manager: EntityManager, refs: StockRef[]): Promise<void> {
  for (const ref of distinct(refs)) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Stock)
      .values({ ...ref, onHand: 0, reserved: 0, safetyStock: 0, inTransit: 0, updatedAt: new Date() })
      .orIgnore()
      .execute();
  }
}

/**
 * The condition naming the stock rows of `keys` (of table alias `alias`), its parameters added to
 * `params`: what `lockStock` and `lockStockAt` read.
 */
function stockRowsWhere(keys: StockRef[], alias: string, params: Record<string, unknown>): string {
  return keys
    .map((ref, i) => {
      params[`l${i}`] = ref.locationId;
      params[`s${i}`] = ref.sku;
      return `(${alias}."locationId" = :l${i} AND ${alias}."sku" = :s${i})`;
    })
    .join(' OR ');
}

/**
 * Reads and locks the stock rows (`SELECT ... FOR UPDATE` on PostgreSQL, in one fixed order so
 * concurrent transactions queue instead of deadlocking; SQLite transactions are serialized).
 * Whoever holds the lock sees the last committed counts: check, then write, never oversell.
 */
export async function lockStock(manager: EntityManager, refs: StockRef[]): Promise<Map<string, Stock>> {
  const keys = distinct(refs);
  if (keys.length === 0) return new Map();
  const db = manager.connection;
  const params: Record<string, unknown> = {};
  const lock = dialectOf(db) === 'postgres' ? ' FOR UPDATE' : '';
  const { rows } = await runStatement(
    manager,
    `SELECT ${entityColumns(db, Stock, 's')} FROM ${tableOf(db, Stock)} s WHERE ${stockRowsWhere(keys, 's', params)} ` +
      `ORDER BY s."locationId", s."sku"${lock}`,
    params,
  );
  return new Map(hydrateRows(db, Stock, rows).map((row) => [stockKey(row.locationId, row.sku), row]));
}

export interface LocatedStock {
  stock: Stock;
  location: Location;
}

/**
 * `lockStock` with each row's location in the same statement. Only the stock rows are locked:
 * reservations at one location do not queue behind each other. A row is missing when it or its
 * location does not exist.
 */
export async function lockStockAt(manager: EntityManager, refs: StockRef[]): Promise<Map<string, LocatedStock>> {
  const keys = distinct(refs);
  if (keys.length === 0) return new Map();
  const db = manager.connection;
  const params: Record<string, unknown> = {};
  const lock = dialectOf(db) === 'postgres' ? ' FOR UPDATE OF s' : '';
  const { rows } = await runStatement(
    manager,
    `SELECT ${entityColumns(db, Stock, 's')}, ${entityColumns(db, Location, 'l', 'location_')} ` +
      `FROM ${tableOf(db, Stock)} s JOIN ${tableOf(db, Location)} l ON l."id" = s."locationId" ` +
      `WHERE ${stockRowsWhere(keys, 's', params)} ORDER BY s."locationId", s."sku"${lock}`,
    params,
  );
  const locations = hydrateRows(db, Location, rows, 'location_');
  return new Map(
    hydrateRows(db, Stock, rows).map((stock, i) => [stockKey(stock.locationId, stock.sku), { stock, location: locations[i]! }]),
  );
}

export interface MovementInfo {
  kind: MovementKind;
  reason?: string | null;
  reference?: string | null;
}

/**
 * Writes a change to a locked stock row: the new counts (compare-and-set on the counts read, as
 * a second guard), a ledger entry and an `inventory.stock.changed` event, all in the caller's
 * transaction. Returns the row as it is now.
 */
export async function writeChange(
  manager: EntityManager,
  before: Stock,
  change: StockChange,
  info: MovementInfo,
  by: Actor,
): Promise<Stock> {
  const [row] = await writeChanges(manager, [{ before, change, info }], by);
  return row!;
}

const COUNTS = ['onHand', 'reserved', 'inTransit', 'safetyStock'] as const;

const MOVEMENT_COLUMNS = [
  'sku',
  'locationId',
  'kind',
  'reason',
  'reference',
  'onHandChange',
  'reservedChange',
  'inTransitChange',
  'safetyStockChange',
  'onHandAfter',
  'reservedAfter',
  'availableAfter',
  'channel',
  'actor',
  'occurredAt',
] as const;

/**
 * Sets the counts of distinct locked stock rows in one UPDATE, each row only while it holds the
 * counts read under the lock (a second guard): a row changed by anyone else fails the change.
 * `inserts` go with it: in the same statement on PostgreSQL (data-modifying CTEs, so one round
 * trip), right after it on SQLite.
 */
async function setCounts(
  manager: EntityManager,
  rows: { before: Stock; after: FullStockLevel }[],
  now: Date,
  inserts: Statement[],
): Promise<void> {
  const params: Record<string, unknown> = { now };
  const values = rows.map(({ before, after }, i) => {
    params[`l${i}`] = before.locationId;
    params[`s${i}`] = before.sku;
    const counts = COUNTS.flatMap((count) => [before[count], after[count]]).map((units, j) => {
      params[`n${i}_${j}`] = units;
      return `CAST(:n${i}_${j} AS integer)`;
    });
    return `(:l${i}, :s${i}, ${counts.join(', ')})`;
  });
  const columns = COUNTS.flatMap((count) => [`"${count}Before"`, `"${count}"`]).join(', ');
  const level = `"level" ("locationId", "sku", ${columns}) AS (VALUES ${values.join(', ')})`;
  const update =
    `UPDATE ${tableOf(manager.connection, Stock)} AS s SET ${COUNTS.map((count) => `"${count}" = v."${count}"`).join(', ')}, "updatedAt" = :now ` +
    `FROM "level" v WHERE s."locationId" = v."locationId" AND s."sku" = v."sku" AND ` +
    COUNTS.map((count) => `s."${count}" = v."${count}Before"`).join(' AND ');
  if (!manager.queryRunner) throw new Error('stock counts change only inside a transaction');
  let counted: number;
  if (dialectOf(manager.connection) === 'postgres') {
    const writes = inserts.map((insert, i) => `, "write${i}" AS (${insert.sql})`).join('');
    const together = Object.assign(params, ...inserts.map((insert) => insert.params)) as Record<string, unknown>;
    const { rows: result } = await runStatement(
      manager,
      `WITH ${level}, "counted" AS (${update} RETURNING 1)${writes} SELECT count(*) AS "counted" FROM "counted"`,
      together,
    );
    counted = Number(result[0]!.counted);
  } else {
    counted = (await runStatement(manager, `WITH ${level} ${update}`, params)).affected;
  }
  // A failed guard throws before anything else is written on SQLite; on PostgreSQL the
  // transaction rolls the inserts back.
  if (counted !== rows.length) {
    const names = rows.map(({ before }) => `${before.sku} at ${before.locationId}`).join(', ');
    throw new Error(`stock changed under a lock (${names})`);
  }
  if (dialectOf(manager.connection) !== 'postgres') {
    for (const insert of inserts) await runStatement(manager, insert.sql, insert.params);
  }
}

/**
 * `writeChange` for several distinct locked stock rows, in the order given: their new counts in
 * one UPDATE, their ledger entries in one INSERT and an event per row in another (both in the
 * same order). A change's own `by` (changes of several requests written together) goes before
 * `by`. `alongside`: inserts of the caller's that go with the counts (`setCounts`).
 * Returns the rows as they are now.
 */
export async function writeChanges(
  manager: EntityManager,
  changes: { before: Stock; change: StockChange; info: MovementInfo; by?: Actor }[],
  by: Actor,
  alongside: Statement[] = [],
): Promise<Stock[]> {
  if (changes.length === 0) {
    for (const insert of alongside) await runStatement(manager, insert.sql, insert.params);
    return [];
  }
  const now = new Date();
  const written = changes.map(({ before, change, info, by: own }) => {
    const after = applyChange(before, change);
    const row = manager.create(Stock, { locationId: before.locationId, sku: before.sku, ...after, updatedAt: now });
    return { before, row, after, info, by: own ?? by, diff: difference(before, after) };
  });
  // The ledger rows' generated sequence is not needed here: nothing is read back.
  const movements = insertStatement(
    manager.connection,
    StockMovement,
    written.map(({ row, after, info, by, diff }) => ({
      sku: row.sku,
      locationId: row.locationId,
      kind: info.kind,
      reason: info.reason ?? null,
      reference: info.reference ?? null,
      onHandChange: diff.onHand,
      reservedChange: diff.reserved,
      inTransitChange: diff.inTransit,
      safetyStockChange: diff.safetyStock,
      onHandAfter: after.onHand,
      reservedAfter: after.reserved,
      availableAfter: availableUnits(after),
      channel: by.channel,
      actor: by.actor,
      occurredAt: now,
    })),
    { properties: MOVEMENT_COLUMNS, prefix: 'm' },
  );
  await setCounts(manager, written, now, [movements, ...alongside]);
  await recordEvents<StockChanged>(
    manager,
    written.map(({ row, after, info, by, diff }) => ({
      type: 'inventory.stock.changed',
      payload: {
        sku: row.sku,
        locationId: row.locationId,
        kind: info.kind,
        reason: info.reason ?? null,
        reference: info.reference ?? null,
        ...after,
        available: availableUnits(after),
        change: diff,
      },
      channel: by.channel,
    })),
  );
  return written.map((w) => w.row);
}
