import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** What one hand-written statement gave back: its rows (RETURNING's included) and how many rows it changed. */
export interface StatementResult {
  rows: Record<string, unknown>[];
  affected: number;
}

/**
 * Runs one statement with `:name` parameters on either dialect, in the manager's transaction when
 * it has one. For the UPDATE ... RETURNING statements TypeORM writes only for PostgreSQL.
 */
export async function runStatement(
  manager: EntityManager,
  sql: string,
  params: Record<string, unknown>,
): Promise<StatementResult> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(query, values, true);
    const rows = (result.records ?? []) as Record<string, unknown>[];
    return { rows, affected: result.affected ?? rows.length };
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/** An entity from a row that holds its columns under their own names (`RETURNING *`), with the driver's conversions. */
export function hydrate<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  row: Record<string, unknown>,
): E {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const out = metadata.create(undefined, { fromDeserializer: true }) as E;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    if (value !== undefined) column.setEntityValue(out, driver.prepareHydratedValue(value, column));
  }
  return out;
}

/** A value a statement read for `property` of `entity` (an aggregate of its column, say), with the driver's conversion. */
export function hydrateValue<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
): unknown {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`no column ${property}`);
  return manager.connection.driver.prepareHydratedValue(value, column);
}
