import { invalidCursor } from './graphql/connection';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

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
 * One page per key in two statements whatever the number of keys: a window function ranks the
 * rows of each key (keyset pagination after the cursor), then the rows are loaded by id.
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
  const meta = db.getMetadata(request.entity);
  const driver = db.driver;
  const column = (property: string) => {
    const c = meta.findColumnWithPropertyName(property);
    if (!c) throw new Error(`${meta.name} has no column ${property}`);
    return c;
  };
  const q = (property: string) => `t.${driver.escape(column(property).databaseName)}`;
  const id = meta.primaryColumns[0]!;
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
  const table = meta.schema ? `${driver.escape(meta.schema)}.${driver.escape(meta.tableName)}` : driver.escape(meta.tableName);
  const order = request.orderBy.map((p) => `${q(p)} DESC`).join(', ');
  const sql =
    `SELECT x.id FROM (SELECT t.${driver.escape(id.databaseName)} AS id, ` +
    `ROW_NUMBER() OVER (PARTITION BY ${q(request.partitionBy)} ORDER BY ${order}) AS rn ` +
    `FROM ${table} t ` +
    `WHERE ${where.join(' AND ')}) x WHERE x.rn <= :limit`;
  const [query, values] = driver.escapeQueryWithParameters(sql, params);
  const ids = ((await db.query(query, values)) as { id: string }[]).map((r) => r.id);
  if (ids.length === 0) return pages;
  const rows = await db.getRepository(request.entity).findBy({ [id.propertyName]: In(ids) } as never);
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
  return pages;
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
