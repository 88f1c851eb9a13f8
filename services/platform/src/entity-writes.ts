import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { runStatement, shapeOf } from './entity-reads';
import { perDataSource } from './per-data-source';

/** One statement with `:name` parameters, as `runStatement` takes it. */
export interface Statement {
  sql: string;
  params: Record<string, unknown>;
}

/** The INSERT texts made in a data source, by table, parameter prefix, number of rows and columns. */
const insertTexts = perDataSource(() => new Map<string, string>());

/**
 * The INSERT of `rows` of `entity`, reading nothing back: the given `properties` of each row
 * (default: every column; the others take their defaults), converted as the driver writes them,
 * with parameters named `<prefix><row>_<column>` so the statement can be part of a larger one.
 * The insert builder works its statement out from the metadata on every call; this text is made
 * once per shape.
 */
export function insertStatement<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  rows: readonly Partial<E>[],
  options: { properties?: readonly (keyof E & string)[]; prefix?: string } = {},
): Statement {
  const shape = shapeOf(db, entity);
  const columns = options.properties ? options.properties.map((p) => shape.column(p)) : shape.columns;
  const prefix = options.prefix ?? 'r';
  const texts = insertTexts(db);
  const key = `${shape.table} ${prefix} ${rows.length} ${columns.map((c) => c.propertyName).join(',')}`;
  let sql = texts.get(key);
  if (sql === undefined) {
    const values = rows.map((_, i) => `(${columns.map((_c, n) => `:${prefix}${i}_${n}`).join(', ')})`);
    sql = `INSERT INTO ${shape.table} (${columns.map((c) => db.driver.escape(c.databaseName)).join(', ')}) VALUES ${values.join(', ')}`;
    texts.set(key, sql);
  }
  const params: Record<string, unknown> = {};
  rows.forEach((row, i) =>
    columns.forEach((column, n) => {
      params[`${prefix}${i}_${n}`] = db.driver.preparePersistentValue(column.getEntityValue(row), column) ?? null;
    }),
  );
  return { sql, params };
}

/** `insertStatement` run in the manager's transaction; nothing for no rows. */
export async function insertRows<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: readonly Partial<E>[],
  properties?: readonly (keyof E & string)[],
): Promise<void> {
  if (rows.length === 0) return;
  const { sql, params } = insertStatement(manager.connection, entity, rows, { properties });
  await runStatement(manager, sql, params);
}
