import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dialectOf } from './database';
import { perDataSource } from './per-data-source';
import { runSql, tableOf } from './search/sql';

/** Which rows to read: `property IN (values)`, optional equalities, optional order. */
export interface RowsWhereIn<E> {
  property: keyof E & string;
  values: readonly unknown[];
  /** Equality filters; null and undefined values are ignored. */
  and?: Partial<Record<keyof E & string, unknown>>;
  orderBy?: readonly (readonly [keyof E & string, 'ASC' | 'DESC'])[];
}

/** An entity's SELECT list and hydration, worked out once per data source and entity. */
export interface EntityShape<E> {
  metadata: EntityMetadata;
  /** The columns it reads (virtual ones aside). */
  columns: ColumnMetadata[];
  /** The table, schema-qualified where the service has a schema (PostgreSQL). */
  table: string;
  /** `SELECT "a", "b" ... FROM <table>` */
  select: string;
  column(property: string): ColumnMetadata;
  /** The entity from a row holding its columns under `keys` (default: their own names), in `columns` order. */
  hydrate(row: Record<string, unknown>, keys?: readonly string[]): E;
  /** The keys of the columns in a row that selected them as `<prefix><name>` (cached per prefix). */
  keysWithPrefix(prefix: string): readonly string[];
}

const shapes = perDataSource((db, entity: EntityTarget<ObjectLiteral>) => shapeFor(db, entity));

/** Internal to the platform (entity-writes.ts uses it too). */
export function shapeOf<E extends ObjectLiteral>(db: DataSource, entity: EntityTarget<E>): EntityShape<E> {
  return shapes(db, entity) as EntityShape<E>;
}

function shapeFor<E extends ObjectLiteral>(db: DataSource, entity: EntityTarget<E>): EntityShape<E> {
  const metadata = db.getMetadata(entity);
  const driver = db.driver;
  const columns = metadata.columns.filter((c) => !c.isVirtual && !c.isVirtualProperty);
  if (metadata.relations.length || metadata.embeddeds.length)
    throw new Error(`${metadata.name}: relations and embeddeds are not read here`);
  const table = tableOf(db, entity);
  const ownKeys = columns.map((c) => c.databaseName);
  const properties = columns.map((c) => c.propertyName);
  const conversions = columns.map((c) => conversionOf(db, c));
  const prefixed = new Map<string, string[]>();
  return {
    metadata,
    columns,
    table,
    select: `SELECT ${columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${table}`,
    column: (property) => {
      const c = metadata.findColumnWithPropertyName(property);
      if (!c) throw new Error(`${metadata.name} has no column ${property}`);
      return c;
    },
    // What TypeORM's RawSqlResultsToEntityTransformer does for an entity without relations or
    // embeddeds, whose columns' setEntityValue is a plain assignment.
    hydrate: (row, keys = ownKeys) => {
      const entity = metadata.create(undefined, { fromDeserializer: true }) as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) {
        const value = row[keys[i]!];
        if (value === undefined) continue;
        const convert = conversions[i];
        entity[properties[i]!] = convert ? convert(value) : value;
      }
      return entity as E;
    },
    keysWithPrefix: (prefix) => {
      let keys = prefixed.get(prefix);
      if (!keys) prefixed.set(prefix, (keys = columns.map((c) => `${prefix}${c.databaseName}`)));
      return keys;
    },
  };
}

/** Column types both drivers hydrate unchanged (without a transformer). */
const UNCHANGED = new Set([
  'varchar',
  'character varying',
  'char',
  'character',
  'text',
  'uuid',
  'int',
  'integer',
  'smallint',
  'bigint',
  'real',
  'float',
  'double precision',
  'numeric',
  'decimal',
]);
/** How SQLite stores a timestamp here (`datetime('now')` and TypeORM's writes alike). */
const SQLITE_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

/**
 * A column's hydration: none for a type the driver returns unchanged; for the common values of
 * SQLite timestamps and simple-json what the driver's `prepareHydratedValue` gives, without its
 * chain of type tests and regular expressions; the driver's own for anything else.
 */
function conversionOf(db: DataSource, column: ColumnMetadata): ((value: unknown) => unknown) | null {
  const driver = db.driver;
  const byDriver = (value: unknown) => driver.prepareHydratedValue(value, column);
  if (column.transformer) return byDriver;
  if (typeof column.type === 'string' && UNCHANGED.has(column.type)) return null;
  if (column.type === 'simple-json') return (value) => (typeof value === 'string' ? JSON.parse(value) : value);
  if (dialectOf(db) === 'sqlite' && (column.type === Date || column.type === 'datetime')) {
    // TypeORM turns `2026-11-30 10:22:59.777` into `2026-11-30T10:22:59.777Z`, then into a Date.
    return (value) =>
      typeof value === 'string' && SQLITE_TIMESTAMP.test(value)
        ? new Date(`${value.slice(0, 10)}T${value.slice(11)}Z`)
        : byDriver(value);
  }
  return byDriver;
}

/**
 * Whole entities where one property is in a list, in one statement built from the entity's
 * metadata (cached) and hydrated with the driver's own conversions. The loaders on the hot read
 * paths use it instead of `repository.find`, whose query builder and alias machinery cost more CPU
 * than the database answering. Given an EntityManager, it reads in that manager's transaction.
 */
export async function rowsWhereIn<E extends ObjectLiteral>(
  source: DataSource | EntityManager,
  entity: EntityTarget<E>,
  where: RowsWhereIn<E>,
): Promise<E[]> {
  if (where.values.length === 0) return [];
  const db = 'connection' in source ? source.connection : source;
  const shape = shapeOf(db, entity);
  const driver = db.driver;
  const params: unknown[] = [];
  const placeholder = (value: unknown, column: ColumnMetadata) => {
    params.push(driver.preparePersistentValue(value, column));
    return driver.options.type === 'postgres' ? `$${params.length}` : '?';
  };
  const key = shape.column(where.property);
  const conditions = [`${driver.escape(key.databaseName)} IN (${where.values.map((v) => placeholder(v, key)).join(', ')})`];
  for (const [property, value] of Object.entries(where.and ?? {})) {
    if (value === undefined || value === null) continue;
    const column = shape.column(property);
    conditions.push(`${driver.escape(column.databaseName)} = ${placeholder(value, column)}`);
  }
  const order = (where.orderBy ?? []).map(
    ([property, direction]) => `${driver.escape(shape.column(property).databaseName)} ${direction}`,
  );
  const sql = `${shape.select} WHERE ${conditions.join(' AND ')}${order.length ? ` ORDER BY ${order.join(', ')}` : ''}`;
  const rows = (await source.query(sql, params)) as Record<string, unknown>[];
  return rows.map((row) => shape.hydrate(row));
}

/**
 * Hydrates rows a hand-written statement selected with every column of `entity` under its own
 * name, or under `<prefix><name>` (see `entityColumns`) when it joined another entity's columns.
 */
export function hydrateRows<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  rows: Record<string, unknown>[],
  prefix?: string,
): E[] {
  const shape = shapeOf(db, entity);
  const keys = prefix ? shape.keysWithPrefix(prefix) : undefined;
  return rows.map((row) => shape.hydrate(row, keys));
}

const columnLists = new WeakMap<EntityShape<ObjectLiteral>, Map<string, string>>();

/**
 * `"a", "b", ...`: every column of `entity` (of table alias `alias`), for a hand-written SELECT
 * whose rows `hydrateRows` reads; with `prefix`, each named `<prefix><name>`, so two entities'
 * columns can share a row.
 */
export function entityColumns(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias?: string, prefix?: string): string {
  const shape = shapeOf(db, entity);
  let byAlias = columnLists.get(shape);
  if (!byAlias) columnLists.set(shape, (byAlias = new Map()));
  const key = `${alias ?? ''} ${prefix ?? ''}`;
  let list = byAlias.get(key);
  if (list === undefined) {
    const qualifier = alias ? `${alias}.` : '';
    list = shape.columns
      .map((c) => {
        const column = `${qualifier}${db.driver.escape(c.databaseName)}`;
        return prefix ? `${column} AS ${db.driver.escape(`${prefix}${c.databaseName}`)}` : column;
      })
      .join(', ');
    byAlias.set(key, list);
  }
  return list;
}

/**
 * Whole entities selected by a hand-written condition, given the entity's table name as the
 * database knows it (schema-qualified on PostgreSQL), with named parameters (`:id`, `:...ids`) as
 * in TypeORM's query builder: for reads `rowsWhereIn` cannot say.
 */
export async function selectEntities<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  condition: (table: string) => string,
  params: Record<string, unknown>,
): Promise<E[]> {
  const shape = shapeOf(db, entity);
  return (await runSql<Record<string, unknown>>(db, `${shape.select} WHERE ${condition(shape.table)}`, params)).map((row) =>
    shape.hydrate(row),
  );
}

/** What one hand-written statement gave back: its rows (RETURNING's included) and how many rows it changed. */
export interface StatementResult {
  rows: Record<string, unknown>[];
  affected: number;
}

/**
 * Runs one statement with `:name` parameters on either dialect, in the manager's transaction when
 * it has one: for the UPDATE ... RETURNING and INSERT ... ON CONFLICT statements TypeORM's builders
 * write only for PostgreSQL, or write with extra round trips.
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

/** A value a statement read for `property` of `entity` (an aggregate of its column, say), with the driver's conversion. */
export function hydrateValue<E extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<E>,
  property: keyof E & string,
  value: unknown,
): unknown {
  return db.driver.prepareHydratedValue(value, shapeOf(db, entity).column(property));
}
