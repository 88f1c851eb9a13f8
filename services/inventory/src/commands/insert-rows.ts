import { runStatement, tableOf } from '@omni/platform';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts rows of `entity` in one statement, each giving `properties` (the other columns take
 * their defaults), and reads nothing back: the ledger's and reservations' writes, without the
 * insert builder's per-call metadata walk.
 */
export async function insertRows<E extends ObjectLiteral, K extends keyof E & string>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  properties: readonly K[],
  rows: readonly Pick<E, K>[],
): Promise<void> {
  if (rows.length === 0) return;
  const db = manager.connection;
  const metadata = db.getMetadata(entity);
  const columns = properties.map((property) => db.driver.escape(metadata.findColumnWithPropertyName(property)!.databaseName));
  const params: Record<string, unknown> = {};
  const values = rows.map(
    (row, i) =>
      `(${properties
        .map((property, p) => {
          params[`v${i}_${p}`] = row[property] ?? null;
          return `:v${i}_${p}`;
        })
        .join(', ')})`,
  );
  await runStatement(manager, `INSERT INTO ${tableOf(db, entity)} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
}
