import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** The quoted table of an entity (PostgreSQL tables live in the service's schema). */
export function tableOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  const meta = db.getMetadata(entity);
  const table = db.driver.escape(meta.tableName);
  return meta.schema ? `${db.driver.escape(meta.schema)}.${table}` : table;
}

/** Runs SQL with `:name` / `:...list` parameters on either dialect. */
export async function run<T>(db: DataSource, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [query, values] = db.driver.escapeQueryWithParameters(sql, params);
  return (await db.query(query, values)) as T[];
}
