import {
  AccountMergedEvent,
  parseEvent,
  parsePayload,
  PointsChangedEvent,
  rowsWhereIn,
  runStatement,
  tableOf,
  type ConsumerDefinition,
  type PointsChanged,
} from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { TIERS } from '../domain/promotions';
import { CustomerTier } from '../entities/customer-tier';

/** Runs one statement on `customer_tier`: `{table}` is its (schema-qualified) name, `{t}` the bare name for the conflicting row. */
async function run(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<void> {
  const db = manager.connection;
  const bare = db.driver.escape(db.getMetadata(CustomerTier).tableName);
  await runStatement(manager, sql.replaceAll('{table}', tableOf(db, CustomerTier)).replaceAll('{t}', bare), params);
}

/** The tier's place on the ladder in SQL (BRONZE 0 .. PLATINUM 3; anything else -1). */
const rank = (column: string) => `CASE ${column} ${TIERS.map((tier, i) => `WHEN '${tier}' THEN ${i}`).join(' ')} ELSE -1 END`;

/**
 * Each customer's current loyalty tier, from loyalty's events: a points change carries the tier
 * after its ledger entry; a membership merge gives the survivor the higher of the two tiers (loyalty
 * recalculates the survivor's from both ledgers, which is at least that, and its next points change
 * says exactly) and leaves the duplicate no tier, for good. The two kinds may arrive in any order (on
 * NATS each event type has its own durable consumer; the embedded bus delivers concurrently), so
 * every statement is safe whichever comes first.
 */
export const customerTiers: ConsumerDefinition = {
  name: 'customer-tiers',
  types: [PointsChangedEvent.type, AccountMergedEvent.type],
  async handle(manager, event) {
    const parsed = parseEvent([PointsChangedEvent, AccountMergedEvent], event);
    const at = new Date(event.occurredAt);
    if (parsed.type === PointsChangedEvent.type) {
      // One statement that writes only when the tier changed, never from an event older than the
      // one that set it (deliveries may overlap), and never for a customer merged away.
      await run(
        manager,
        'INSERT INTO {table} ("customerId", "tier", "changedAt", "mergedIntoId") VALUES (:customerId, :tier, :at, NULL) ' +
          'ON CONFLICT ("customerId") DO UPDATE SET "tier" = excluded."tier", "changedAt" = excluded."changedAt" ' +
          'WHERE {t}."mergedIntoId" IS NULL AND {t}."tier" <> excluded."tier" AND {t}."changedAt" <= excluded."changedAt"',
        { customerId: parsed.payload.customerId, tier: parsed.payload.tier, at },
      );
      return;
    }
    const { survivorId, duplicateId } = parsed.payload;
    if (survivorId === duplicateId) return;
    await run(
      manager,
      'INSERT INTO {table} ("customerId", "tier", "changedAt", "mergedIntoId") ' +
        'SELECT :survivorId, d."tier", d."changedAt", NULL FROM {table} d WHERE d."customerId" = :duplicateId AND d."tier" IS NOT NULL ' +
        `ON CONFLICT ("customerId") DO UPDATE SET "tier" = excluded."tier" ` +
        `WHERE {t}."mergedIntoId" IS NULL AND ${rank('excluded."tier"')} > ${rank('{t}."tier"')}`,
      { survivorId, duplicateId },
    );
    await run(
      manager,
      'INSERT INTO {table} ("customerId", "tier", "changedAt", "mergedIntoId") VALUES (:duplicateId, NULL, :at, :survivorId) ' +
        'ON CONFLICT ("customerId") DO UPDATE SET "tier" = NULL, "changedAt" = excluded."changedAt", "mergedIntoId" = excluded."mergedIntoId"',
      { survivorId, duplicateId, at },
    );
  },
  // Most points changes leave the tier as it was: one read, no transaction.
  async ignores(db, event) {
    if (event.type !== PointsChangedEvent.type) return false;
    let payload: PointsChanged;
    try {
      payload = parsePayload(PointsChangedEvent, event);
    } catch {
      return false;
    }
    const [row] = await rowsWhereIn(db, CustomerTier, { property: 'customerId', values: [payload.customerId] });
    // What the upsert's guard leaves alone.
    return (
      row !== undefined &&
      (row.mergedIntoId !== null || row.tier === null || row.tier === payload.tier || row.changedAt > new Date(event.occurredAt))
    );
  },
};
