import { invalidCursor } from './graphql/connection';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { entityColumns, hydrateRows } from './entity-reads';
import { tableOf } from './search/sql';

export interface KeyedPageRequest<E extends ObjectLiteral> {
  entity: EntityTarget<E>;
  /** The property that groups rows (e.g. `customerId`): one page per key. */
  partitionBy: keyof E & string;
  keys: readonly string[];
  /** Sort properties, newest first; the last one must be unique (the primary key). */
  orderBy: (keyof E & string)[];
  first: number;
  /** Values of `orderBy` of the last row already seen (decoded cursor). */
  after: unknown[] | null;
  /** Equality filters, e.g. `{ channel: 'STORE' }`; null/undefined values are ignored. */
  filters?: Partial<Record<keyof E & string, unknown>>;
}

export interface KeyedPage<E> {
  nodes: E[];
  hasNextPage: boolean;
}

/**
 * One page per key in one statement whatever the number of keys: a window function ranks the
 * rows of each key (keyset pagination after the cursor) and the page's rows come back whole.
 */
export async function pagesByKey<E extends ObjectLiteral>(
  db: DataSource,
  request: KeyedPageRequest<E>,
): Promise<Map<string, KeyedPage<E>>> {
  const pages = new Map<string, KeyedPage<E>>(request.keys.map((k) => [k, { nodes: [], hasNextPage: false }]));
  if (request.keys.length === 0 || request.first === 0) {
    if (request.first === 0) {
      const counts = await countsByKey(db, request.entity, request.partitionBy, request.keys, request.filters);
      for (const [k, page] of pages) page.hasNextPage = (counts.get(k) ?? 0) > 0;
    }
    return pages;
  }
  await readPages(db, request, pages, null);
  return pages;
}

/**
 * Pages per key with each key's total (the rows that pass the filters, wherever the cursor
 * stands). The first page and its totals come in one statement (the count is a window over the
 * same rows); a later page costs a grouped count besides.
 */
export async function countedPagesByKey<E extends ObjectLiteral>(
  db: DataSource,
  request: KeyedPageRequest<E>,
): Promise<Map<string, CountedPage<E>>> {
  if (request.after || request.first === 0 || request.keys.length === 0) {
    const [pages, counts] = await Promise.all([
      pagesByKey(db, request),
      countsByKey(db, request.entity, request.partitionBy, request.keys, request.filters),
    ]);
    return new Map([...pages].map(([key, page]) => [key, { ...page, totalCount: counts.get(key) ?? 0 }]));
  }
  const pages = new Map<string, CountedPage<E>>(request.keys.map((k) => [k, { nodes: [], hasNextPage: false, totalCount: 0 }]));
  await readPages(db, request, pages, (key, total) => (pages.get(key)!.totalCount = total));
  return pages;
}

export type CountedPage<E> = KeyedPage<E> & { totalCount: number };

async function readPages<E extends ObjectLiteral>(
  db: DataSource,
  request: KeyedPageRequest<E>,
  pages: Map<string, KeyedPage<E>>,
  onTotal: ((key: string, total: number) => void) | null,
): Promise<void> {
  const meta = db.getMetadata(request.entity);
  const driver = db.driver;
  const column = (property: string) => {
    const c = meta.findColumnWithPropertyName(property);
    if (!c) throw new Error(`${meta.name} has no column ${property}`);
    return c;
  };
  const q = (property: string) => `t.${driver.escape(column(property).databaseName)}`;
  const params: Record<string, unknown> = { keys: [...request.keys], limit: request.first + 1 };
  const where = [`${q(request.partitionBy)} IN (:...keys)`];
  Object.entries(request.filters ?? {}).forEach(([property, value], i) => {
    if (value === undefined || value === null) return;
    where.push(`${q(property)} = :f${i}`);
    params[`f${i}`] = value;
  });
  if (request.after && request.after.length !== request.orderBy.length) throw invalidCursor();
  if (request.after) {
    // (a, b) < (x, y) spelled out, for SQLite and PostgreSQL alike.
    const terms = request.orderBy.map((property, i) => {
      const c = column(property);
      const raw = request.after![i];
      const isTime = c.type === Date || /date|time/.test(String(c.type));
      if (raw === null || typeof raw === 'object' || (isTime && Number.isNaN(Date.parse(String(raw))))) throw invalidCursor();
      params[`c${i}`] = driver.preparePersistentValue(isTime ? new Date(String(raw)) : raw, c);
      const equal = request.orderBy.slice(0, i).map((p, j) => `${q(p)} = :c${j}`);
      return `(${[...equal, `${q(property)} < :c${i}`].join(' AND ')})`;
    });
    where.push(`(${terms.join(' OR ')})`);
  }
  const table = tableOf(db, request.entity);
  const order = request.orderBy.map((p) => `${q(p)} DESC`).join(', ');
  const partition = `PARTITION BY ${q(request.partitionBy)}`;
  const total = onTotal ? `, COUNT(*) OVER (${partition}) AS ${driver.escape('__total')}` : '';
  const sql =
    `SELECT x.* FROM (SELECT ${entityColumns(db, request.entity, 't')}, ` +
    `ROW_NUMBER() OVER (${partition} ORDER BY ${order}) AS ${driver.escape('__rank')}${total} ` +
    `FROM ${table} t ` +
    `WHERE ${where.join(' AND ')}) x WHERE x.${driver.escape('__rank')} <= :limit`;
  const [query, values] = driver.escapeQueryWithParameters(sql, params);
  const raw = (await db.query(query, values)) as Record<string, unknown>[];
  const rows = hydrateRows(db, request.entity, raw);
  const partitionColumn = column(request.partitionBy).databaseName;
  if (onTotal) for (const r of raw) onTotal(String(r[partitionColumn]), Number(r.__total));
  const compare = (a: E, b: E) => {
    for (const property of request.orderBy) {
      const x = sortable(a[property]);
      const y = sortable(b[property]);
      if ((x as number) < (y as number)) return 1;
      if ((x as number) > (y as number)) return -1;
    }
    return 0;
  };
  rows.sort(compare);
  for (const row of rows) pages.get(String(row[request.partitionBy]))?.nodes.push(row);
  for (const page of pages.values()) {
    if (page.nodes.length > request.first) {
      page.nodes.length = request.first;
      page.hasNextPage = true;
    }
  }
}

/** Row counts per key in one grouped statement. */
export async function countsByKey<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  partitionBy: keyof E & string,
  keys: readonly string[],
  filters?: Partial<Record<keyof E & string, unknown>>,
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  let query = db
    .getRepository(entity)
    .createQueryBuilder('t')
    .select(`t.${partitionBy}`, 'key')
    .addSelect('COUNT(*)', 'count')
    .where(`t.${partitionBy} IN (:...keys)`, { keys: [...keys] })
    .groupBy(`t.${partitionBy}`);
  Object.entries(filters ?? {}).forEach(([property, value], i) => {
    if (value !== undefined && value !== null) query = query.andWhere(`t.${property} = :f${i}`, { [`f${i}`]: value });
  });
  const rows = await query.getRawMany<{ key: string; count: string | number }>();
  return new Map(rows.map((r) => [String(r.key), Number(r.count)]));
}

/** The cursor value of a row: its sort properties, dates as ISO strings. */
export function cursorKey<E extends ObjectLiteral>(row: E, orderBy: (keyof E & string)[]): unknown[] {
  return orderBy.map((p) => {
    const value: unknown = row[p];
    return value instanceof Date ? value.toISOString() : value;
  });
}

function sortable(value: unknown): unknown {
  return value instanceof Date ? value.getTime() : value;
}
