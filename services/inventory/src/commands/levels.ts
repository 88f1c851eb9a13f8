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
  const after = applyChange(before, change);
  const now = new Date();
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
  const diff = difference(before, after);
  // The ledger row's generated sequence is not needed here: no RETURNING (PostgreSQL) or read-back (SQLite).
  await manager
    .createQueryBuilder()
    .insert()
    .into(StockMovement)
    .updateEntity(false)
    .values({
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
    })
    .execute();
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
  return row;
}
