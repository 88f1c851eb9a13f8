import { runStatement, tableOf } from '@omni/platform';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

interface InsertShape {
  columns: ColumnMetadata[];
  /** The statement for a number of rows, each column of row i as `:r<i>_<property>`. */
  byCount: Map<number, string>;
}

const shapes = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, InsertShape>>();

function insertSql(
  db: DataSource,
  entity: EntityTarget<ObjectLiteral>,
  count: number,
): { sql: string; columns: ColumnMetadata[] } {
  let byEntity = shapes.get(db);
  if (!byEntity) shapes.set(db, (byEntity = new Map()));
  let shape = byEntity.get(entity);
  if (!shape) {
    const metadata = db.getMetadata(entity);
    shape = { columns: metadata.columns.filter((c) => !c.isVirtual && !c.isVirtualProperty), byCount: new Map() };
    byEntity.set(entity, shape);
  }
  let sql = shape.byCount.get(count);
  if (sql === undefined) {
    const { columns } = shape;
    const rows = Array.from({ length: count }, (_, i) => `(${columns.map((c) => `:r${i}_${c.propertyName}`).join(', ')})`);
    sql =
      `INSERT INTO ${tableOf(db, entity)} (${columns.map((c) => db.driver.escape(c.databaseName)).join(', ')}) ` +
      `VALUES ${rows.join(', ')}`;
    shape.byCount.set(count, sql);
  }
  return { sql, columns: shape.columns };
}

/**
 * Whole rows of `entity` (every column given) in one INSERT that reads nothing back, with the
 * driver's conversions: the insert builder works out its statement from the metadata on every
 * call, this one once per number of rows.
 */
export async function insertRows<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: readonly E[],
): Promise<void> {
  if (!rows.length) return;
  const db = manager.connection;
  const { sql, columns } = insertSql(db, entity, rows.length);
  const params: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const c of columns)
      params[`r${i}_${c.propertyName}`] = db.driver.preparePersistentValue(c.getEntityValue(row), c) ?? null;
  });
  await runStatement(manager, sql, params);
}
