import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource, QueryFailedError, type EntityManager, type MigrationInterface } from 'typeorm';
import { StatementCountingLogger } from './database-metrics';
import { PreparingClient } from './prepared-statements';
import { bindSqliteIntegers } from './sqlite-parameters';

export type Dialect = 'postgres' | 'sqlite';

type MigrationClass = new () => MigrationInterface;

export interface Migrations {
  postgres: MigrationClass[];
  sqlite: MigrationClass[];
}

export interface DatabaseOptions {
  /** Service name: the SQLite file name and the PostgreSQL schema. */
  service: string;
  entities: Function[];
  migrations: Migrations;
  /** postgres://... to use PostgreSQL; otherwise embedded SQLite. */
  url?: string;
  /** Folder for SQLite files; ':memory:' keeps the database in memory. */
  dataDir: string;
  /** Run migrations on start (default true). */
  migrate?: boolean;
  /** PostgreSQL connections per service (default 10); servers cap the total, e.g. 100. */
  poolSize?: number;
}

export function dialectOf(db: DataSource): Dialect {
  return db.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

export function dataSourceOptions(options: DatabaseOptions) {
  const common = {
    entities: options.entities,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    logger: new StatementCountingLogger(options.service),
  };
  if (options.url) {
    return {
      ...common,
      type: 'postgres' as const,
      url: options.url,
      schema: options.service,
      migrations: options.migrations.postgres,
      extra: {
        max: options.poolSize ?? 10,
        application_name: `omni-${options.service}`,
        options: '-c timezone=UTC',
        Client: PreparingClient,
      },
    };
  }
  let database = ':memory:';
  if (options.dataDir !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    database = join(options.dataDir, `${options.service}.sqlite`);
  }
  return {
    ...common,
    type: 'better-sqlite3' as const,
    database,
    enableWAL: database !== ':memory:',
    // Prepared statements kept per connection (TypeORM's default is 100, dropped first in first out).
    statementCacheSize: 500,
    migrations: options.migrations.sqlite,
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}

/**
 * Timestamps are stored as UTC `timestamp` on PostgreSQL and `datetime` on SQLite. node-postgres
 * would read and write them in the process's local zone: make it UTC both ways.
 */
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
pg.defaults.parseInputDatesAsUTC = true;
pg.types.setTypeParser(TIMESTAMP_WITHOUT_TIME_ZONE, (value: string) => new Date(`${value.replace(' ', 'T')}Z`));

/** Opens the service's database, creating its PostgreSQL schema and running migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const db = new DataSource(dataSourceOptions(options));
  if (dialectOf(db) === 'sqlite') bindSqliteIntegers(db);
  await db.initialize();
  if (dialectOf(db) === 'postgres') {
    await db.query(`CREATE SCHEMA IF NOT EXISTS "${options.service}"`);
  }
  if (options.migrate !== false) await db.runMigrations({ transaction: 'each' });
  return db;
}

/**
 * Waits until no migration of this service is pending (MIGRATE_ON_START=false: a Job runs them).
 * A replica of a new version started before its Job finished waits here, port closed, instead
 * of serving against the old schema; the startup probe restarts it if the Job never comes.
 */
export async function waitForMigrations(db: DataSource, log: { info(message: string): void }, pollMs = 2_000): Promise<void> {
  let logged = false;
  while (await db.showMigrations()) {
    if (!logged) log.info('waiting for pending migrations (MIGRATE_ON_START=false: the migration Job runs them)');
    logged = true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** SQL the entities need that the migrations did not create (empty when migrations are current). */
export async function pendingSchemaSql(db: DataSource): Promise<string[]> {
  const sql = await db.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

const sqliteLocks = new WeakMap<DataSource, Promise<unknown>>();

/**
 * One database transaction. SQLite has a single connection per file, so transactions on it
 * are queued rather than nested; PostgreSQL runs them concurrently on the pool.
 */
export function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return db.transaction(work);
  return afterSqliteTransactions(db, () => db.transaction(work));
}

/**
 * One statement that needs no transaction of its own, run where no transaction is open: on SQLite
 * queued behind the transactions `inTransaction` queues (one connection, so it would otherwise
 * land inside whichever is open), on PostgreSQL at once on the pool.
 */
export function outsideTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return work(db.manager);
  return afterSqliteTransactions(db, () => work(db.manager));
}

/** Runs `work` once everything queued on this SQLite database before it has finished. */
function afterSqliteTransactions<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  const previous = sqliteLocks.get(db) ?? Promise.resolve();
  const run = previous.then(work, work);
  sqliteLocks.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/** A unique index or primary key refused the write: two requests raced for the same key. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
