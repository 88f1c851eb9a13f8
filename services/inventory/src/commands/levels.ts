import {
  dialectOf,
  recordEvent,
  runStatement,
  tableOf,
  type Channel,
  type ServiceContext,
  type StockChanged,
} from '@omni/platform';
import { type EntityManager, type SelectQueryBuilder } from 'typeorm';
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

/** The stock rows named, in lock order (what `lockStock` and `lockStockAt` read). */
function stockRowsQuery(manager: EntityManager, keys: StockRef[]): SelectQueryBuilder<Stock> {
  const params: Record<string, string> = {};
  const where = keys
    .map((ref, i) => {
      params[`l${i}`] = ref.locationId;
      params[`s${i}`] = ref.sku;
      return `(s.locationId = :l${i} AND s.sku = :s${i})`;
    })
    .join(' OR ');
  return manager.createQueryBuilder(Stock, 's').where(where, params).orderBy('s.locationId', 'ASC').addOrderBy('s.sku', 'ASC');
}

/**
 * Reads and locks the stock rows (`SELECT ... FOR UPDATE` on PostgreSQL, in one fixed order so
 * concurrent transactions queue instead of deadlocking; SQLite transactions are serialized).
 * Whoever holds the lock sees the last committed counts: check, then write, never oversell.
 */
export async function lockStock(manager: EntityManager, refs: StockRef[]): Promise<Map<string, Stock>> {
  const keys = distinct(refs);
  if (keys.length === 0) return new Map();
  let query = stockRowsQuery(manager, keys);
  if (dialectOf(manager.connection) === 'postgres') query = query.setLock('pessimistic_write');
  const rows = await query.getMany();
  return new Map(rows.map((row) => [stockKey(row.locationId, row.sku), row]));
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
  let query = stockRowsQuery(manager, keys).innerJoinAndMapOne('s.location', Location, 'l', 'l.id = s.locationId');
  if (dialectOf(manager.connection) === 'postgres') query = query.setLock('pessimistic_write', undefined, ['"s"']);
  const rows = (await query.getMany()) as (Stock & { location: Location })[];
  return new Map(
    rows.map(({ location, ...stock }) => [
      stockKey(stock.locationId, stock.sku),
      { stock: manager.create(Stock, stock), location },
    ]),
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

/**
 * Sets the counts of distinct locked stock rows in one UPDATE, each row only while it holds the
 * counts read under the lock (a second guard): a row changed by anyone else fails the change.
 */
async function setCounts(manager: EntityManager, rows: { before: Stock; after: FullStockLevel }[], now: Date): Promise<void> {
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
  const sql =
    `WITH "level" ("locationId", "sku", ${columns}) AS (VALUES ${values.join(', ')}) ` +
    `UPDATE ${tableOf(manager.connection, Stock)} AS s SET ${COUNTS.map((count) => `"${count}" = v."${count}"`).join(', ')}, "updatedAt" = :now ` +
    `FROM "level" v WHERE s."locationId" = v."locationId" AND s."sku" = v."sku" AND ` +
    COUNTS.map((count) => `s."${count}" = v."${count}Before"`).join(' AND ');
  if (!manager.queryRunner) throw new Error('stock counts change only inside a transaction');
  const { affected } = await runStatement(manager, sql, params);
  if (affected !== rows.length) {
    const names = rows.map(({ before }) => `${before.sku} at ${before.locationId}`).join(', ');
    throw new Error(`stock changed under a lock (${names})`);
  }
}

/**
 * `writeChange` for several distinct locked stock rows, in the order given: their new counts in
 * one UPDATE, their ledger entries in one INSERT (in the same order), an event per row. Returns
 * the rows as they are now.
 */
export async function writeChanges(
  manager: EntityManager,
  changes: { before: Stock; change: StockChange; info: MovementInfo }[],
  by: Actor,
): Promise<Stock[]> {
  if (changes.length === 0) return [];
  const now = new Date();
  const written = changes.map(({ before, change, info }) => {
    const after = applyChange(before, change);
    const row = manager.create(Stock, { locationId: before.locationId, sku: before.sku, ...after, updatedAt: now });
    return { before, row, after, info, diff: difference(before, after) };
  });
  await setCounts(manager, written, now);
  // The ledger rows' generated sequence is not needed here: no RETURNING (PostgreSQL) or read-back (SQLite).
  await manager
    .createQueryBuilder()
    .insert()
    .into(StockMovement)
    .updateEntity(false)
    .values(
      written.map(({ row, after, info, diff }) => ({
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
    )
    .execute();
  for (const { row, after, info, diff } of written) {
    await recordEvent<StockChanged>(
      manager,
      'inventory.stock.changed',
      {
        sku: row.sku,
        locationId: row.locationId,
        kind: info.kind,
        reason: info.reason ?? null,
        reference: info.reference ?? null,
        ...after,
        available: availableUnits(after),
        change: diff,
      },
      by.channel,
    );
  }
  return written.map((w) => w.row);
}
