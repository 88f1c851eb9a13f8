import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { typosAllowed } from './text';

/** The quoted table of an entity (PostgreSQL tables live in the service's schema). */
export function tableOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  const meta = db.getMetadata(entity);
  const table = db.driver.escape(meta.tableName);
  return meta.schema ? `${db.driver.escape(meta.schema)}.${table}` : table;
}

/** Runs SQL with `:name` / `:...list` parameters on either dialect. */
export async function runSql<T>(db: DataSource, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [query, values] = db.driver.escapeQueryWithParameters(sql, params);
  return (await db.query(query, values)) as T[];
}

/**
 * The words of an SQLite FTS5 index's vocabulary (an `fts5vocab` table in 'row' mode) that the
 * misspelt `terms` may be, with how many documents hold each: only words of a length the allowed
 * typos can reach, and no numbers or codes unless a term has a digit. One statement; none when no
 * term is long enough to be misspelt.
 */
export async function fts5Vocabulary(
  db: DataSource,
  vocabularyTable: string,
  terms: readonly string[],
): Promise<{ term: string; documents: number }[]> {
  const fuzzy = terms.filter((t) => typosAllowed(t));
  if (!fuzzy.length) return [];
  const lengths = fuzzy.map((t) => [...t].length);
  return runSql<{ term: string; documents: number }>(
    db,
    `SELECT "term" AS "term", "doc" AS "documents" FROM ${db.driver.escape(vocabularyTable)} ` +
      `WHERE length("term") BETWEEN :shortest AND :longest${fuzzy.some((t) => /\d/.test(t)) ? '' : ` AND "term" NOT GLOB '*[0-9]*'`}`,
    { shortest: Math.min(...lengths) - 2, longest: Math.max(...lengths) + 2 },
  );
}
