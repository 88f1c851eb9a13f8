import { tableOf } from '@omni/platform';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** One statement with `:name` parameters (runStatement's form). */
export interface Statement {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The INSERT of rows of `entity`, each giving `properties` (the other columns take their
 * defaults), reading nothing back; its parameters are named `<prefix><row>_<column>`, so it can
 * join other statements (`setCounts`). Plain SQL: the insert builder walks the entity's metadata
 * on every call.
 */
export function insertStatement<E extends ObjectLiteral, K extends keyof E & string>(
  db: DataSource,
  entity: EntityTarget<E>,
  properties: readonly K[],
  rows: readonly Pick<E, K>[],
  prefix: string,
): Statement {
  const metadata = db.getMetadata(entity);
  const columns = properties.map((property) => db.driver.escape(metadata.findColumnWithPropertyName(property)!.databaseName));
  const params: Record<string, unknown> = {};
  const values = rows.map(
    (row, i) =>
      `(${properties
        .map((property, p) => {
          params[`${prefix}${i}_${p}`] = row[property] ?? null;
          return `:${prefix}${i}_${p}`;
        })
        .join(', ')})`,
  );
  return { sql: `INSERT INTO ${tableOf(db, entity)} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params };
}
