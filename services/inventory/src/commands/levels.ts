import { dialectOf, recordEvent, type Channel, type ServiceContext, type StockChanged } from '@omni/platform';
import { type EntityManager } from 'typeorm';
import { applyChange, availableUnits, difference, lockOrder, stockKey, type StockChange } from '../domain/stock';
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
 * Reads and locks the stock rows (`SELECT ... FOR UPDATE` on PostgreSQL, in one fixed order so
 * concurrent transactions queue instead of deadlocking; SQLite transactions are serialized).
 * Whoever holds the lock sees the last committed counts: check, then write, never oversell.
 */
export async function lockStock(manager: EntityManager, refs: StockRef[]): Promise<Map<string, Stock>> {
  const keys = distinct(refs);
  if (keys.length === 0) return new Map();
  const params: Record<string, string> = {};
  const where = keys
    .map((ref, i) => {
      params[`l${i}`] = ref.locationId;
      params[`s${i}`] = ref.sku;
      return `(s.locationId = :l${i} AND s.sku = :s${i})`;
    })
    .join(' OR ');
  let query = manager
    .createQueryBuilder(Stock, 's')
    .where(where, params)
    .orderBy('s.locationId', 'ASC')
    .addOrderBy('s.sku', 'ASC');
  if (dialectOf(manager.connection) === 'postgres') query = query.setLock('pessimistic_write');
  const rows = await query.getMany();
  return new Map(rows.map((row) => [stockKey(row.locationId, row.sku), row]));
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

/**
 * `writeChange` for several locked stock rows, in the order given: one UPDATE per row, their
 * ledger entries in one INSERT (in the same order), an event per row. Returns the rows as they are now.
 */
export async function writeChanges(
  manager: EntityManager,
  changes: { before: Stock; change: StockChange; info: MovementInfo }[],
  by: Actor,
): Promise<Stock[]> {
  const now = new Date();
  const written = [];
  for (const { before, change, info } of changes) {
    const after = applyChange(before, change);
    const result = await manager.update(
      Stock,
      {
        locationId: before.locationId,
        sku: before.sku,
        onHand: before.onHand,
        reserved: before.reserved,
        inTransit: before.inTransit,
        safetyStock: before.safetyStock,
      },
      { ...after, updatedAt: now },
    );
    if (result.affected !== 1) throw new Error(`stock ${before.sku} at ${before.locationId} changed under a lock`);
    const row = manager.create(Stock, { locationId: before.locationId, sku: before.sku, ...after, updatedAt: now });
    written.push({ row, after, info, diff: difference(before, after) });
  }
  if (written.length === 0) return [];
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
