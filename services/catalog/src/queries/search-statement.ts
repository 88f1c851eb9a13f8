import { entityColumns, FEW_RESULTS, hydrateRows, perDataSource } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { Product, ProductFacet } from '../entities/product';
import { run, tableOf } from './sql';

export interface FacetCount {
  name: string;
  values: { value: string; count: number }[];
}

export interface SearchResult {
  totalCount: number;
  facets: FacetCount[];
  nodes: Product[];
  /** The sort key of each node, for its cursor: [name, id], or [rank, name, id] when misspelt words were matched. */
  keys: unknown[][];
  hasNextPage: boolean;
}

export const MAX_FACET_VALUES = 50;

/** What `matching` looks for: conditions on the product table `p`. */
export interface Matching {
  /** What every product found meets (filters, ranges, a variant still sold). */
  where: string[];
  /** The query's words matched exactly; empty: no words. */
  exact: string;
  /** The words matched exactly or misspelt; null: no spelling fallback. */
  misspelt: string | null;
  /** Match misspelt words whatever the exact ones find (a cursor of the spelling fallback); otherwise only when they find fewer than FEW_RESULTS. */
  alwaysMisspelt: boolean;
  params: Record<string, unknown>;
  first: number;
  /** Decoded cursor: [name, id], or [rank, name, id] on the spelling fallback. */
  after: unknown[] | null;
}

/**
 * A row of the statement, by kind: 0 the count of the products found (n), 1 a facet value and its
 * count (n), 2 a product of the page at place n, 3 the count of exact matches (n).
 */
type SearchRow = Record<string, unknown> & {
  kind: unknown;
  fname: string | null;
  fvalue: string | null;
  n: unknown;
  rank: unknown;
};

/**
 * The count, the facet counts and the page (whole products) of the products found, in one
 * statement: they are found once (a CTE, `matched`) and read three ways. Exact matches rank 0;
 * with `misspelt`, the products only it matches follow at rank 1 when the exact ones are fewer
 * than FEW_RESULTS (or always), a condition PostgreSQL decides once, before it looks for them.
 */
export async function matching(db: DataSource, m: Matching): Promise<SearchResult> {
  const product = tableOf(db, Product);
  const params: Record<string, unknown> = { ...m.params, limit: m.first + 1, few: FEW_RESULTS };
  const found = [...m.where, ...(m.exact ? [m.exact] : [])].join(' AND ');
  const exactOnly = `SELECT p."id" AS "id", p."name" AS "name", 0 AS "rank" FROM ${product} p WHERE ${found}`;
  const cte = m.misspelt
    ? `"exact" AS (${exactOnly}), "matched" AS (SELECT * FROM "exact" UNION ALL ` +
      `SELECT p."id", p."name", 1 FROM ${product} p WHERE ${[...m.where, `NOT (${m.exact})`, m.misspelt].join(' AND ')}` +
      `${m.alwaysMisspelt ? '' : ` AND (SELECT COUNT(*) FROM "exact") < :few`})`
    : `"matched" AS (${exactOnly})`;
  const keyset = keysetOf(m, params);
  const order = 's."rank", s."name", s."id"';
  // The page goes first: PostgreSQL types the union's columns by it, the other rows' NULLs follow.
  const page =
    m.first === 0 && !keyset
      ? ''
      : `SELECT * FROM (SELECT 2 AS "kind", NULL AS "fname", NULL AS "fvalue", ROW_NUMBER() OVER (ORDER BY ${order}) AS "n", ` +
        `s."rank" AS "rank", ${entityColumns(db, Product, 'p', 'product_')} FROM "matched" s JOIN ${product} p ON p."id" = s."id"` +
        `${keyset ? ` WHERE ${keyset}` : ''} ORDER BY ${order} LIMIT :limit) "page" UNION ALL `;
  const none = `NULL AS "rank", ${nullProductColumns(db)}`;
  const sql =
    `WITH ${cte} ${page}` +
    `SELECT 0 AS "kind", NULL AS "fname", NULL AS "fvalue", COUNT(*) AS "n", ${none} FROM "matched" UNION ALL ` +
    (m.misspelt ? `SELECT 3, NULL, NULL, COUNT(*), ${none} FROM "exact" UNION ALL ` : '') +
    `SELECT 1, f."name", f."value", COUNT(*), ${none} FROM ${tableOf(db, ProductFacet)} f ` +
    `WHERE f."productId" IN (SELECT "id" FROM "matched") GROUP BY f."name", f."value"`;
  return searchResult(db, await run<SearchRow>(db, sql, params), m);
}

/** The condition of the products after the cursor (on `matched` as `s`); empty: the first page. */
function keysetOf(m: Matching, params: Record<string, unknown>): string {
  const [afterName, afterId] = (m.after ?? []).slice(-2);
  if (typeof afterName !== 'string' || typeof afterId !== 'string') return '';
  params.an = afterName;
  params.ai = afterId;
  const keyset = `(s."name" > :an OR (s."name" = :an AND s."id" > :ai))`;
  const afterRank = m.after![0];
  if (!m.misspelt || m.after!.length !== 3 || (afterRank !== 0 && afterRank !== 1)) return keyset;
  params.ar = afterRank;
  return `(s."rank" > :ar OR (s."rank" = :ar AND ${keyset}))`;
}

/** `NULL AS "product_<column>"` for every column of a product: the count's and facets' rows of the union. */
const nullProductColumns = perDataSource((db) =>
  db
    .getMetadata(Product)
    .columns.filter((c) => !c.isVirtual && !c.isVirtualProperty)
    .map((c) => `NULL AS ${db.driver.escape(`product_${c.databaseName}`)}`)
    .join(', '),
);

/** The statement's rows as a result: the page in its order, its keys, the facets most frequent first. */
function searchResult(db: DataSource, rows: SearchRow[], m: Matching): SearchResult {
  let totalCount = 0;
  let exactCount = 0;
  const facets = new Map<string, FacetCount>();
  const pageRows: SearchRow[] = [];
  for (const row of rows) {
    const kind = Number(row.kind);
    if (kind === 0) totalCount = Number(row.n);
    else if (kind === 3) exactCount = Number(row.n);
    else if (kind === 2) pageRows.push(row);
    else {
      const entry = facets.get(row.fname!) ?? { name: row.fname!, values: [] };
      entry.values.push({ value: row.fvalue!, count: Number(row.n) });
      facets.set(row.fname!, entry);
    }
  }
  for (const entry of facets.values()) {
    entry.values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    entry.values.length = Math.min(entry.values.length, MAX_FACET_VALUES);
  }
  // Cursors carry the rank once misspelt words were looked for.
  const ranked = m.misspelt !== null && (m.alwaysMisspelt || exactCount < FEW_RESULTS);
  const page = pageRows.sort((a, b) => Number(a.n) - Number(b.n)).slice(0, m.first);
  const nodes = hydrateRows(db, Product, page, 'product_');
  return {
    totalCount,
    facets: [...facets.values()].sort((a, b) => a.name.localeCompare(b.name)),
    nodes,
    keys: nodes.map((p, i) => (ranked ? [Number(page[i]!.rank), p.name, p.id] : [p.name, p.id])),
    hasNextPage: pageRows.length > m.first,
  };
}
