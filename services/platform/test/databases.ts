import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase, PLATFORM_ENTITIES, type Dialect, type Migrations } from '@omni/platform';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const DIALECTS: Dialect[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  /** A second connection pool to the same database (PostgreSQL), as a second replica has; SQLite: the same. */
  open(): Promise<DataSource>;
  db: DataSource;
  close(): Promise<void>;
}

/**
 * The platform tables (plus `entities`) in an in-memory SQLite database, or in a fresh PostgreSQL
 * database next to TEST_DATABASE_URL that `close` drops.
 */
export async function testDatabase(dialect: Dialect, entities: Function[] = []): Promise<TestDatabase> {
  const open = (url?: string) =>
    openDatabase({
      service: 'platformtest',
      entities: [...PLATFORM_ENTITIES, ...entities],
      migrations: { postgres: [], sqlite: [] },
      url,
      dataDir: ':memory:',
      migrate: false,
      poolSize: 4,
    });
  if (dialect === 'sqlite') {
    const db = await open();
    await db.synchronize();
    return { db, open: async () => db, close: () => db.destroy() };
  }
  const name = `omni_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const db = await open(url.toString());
  await db.synchronize();
  const opened: DataSource[] = [db];
  return {
    db,
    open: async () => {
      const another = await open(url.toString());
      opened.push(another);
      return another;
    },
    close: async () => {
      for (const source of opened) if (source.isInitialized) await source.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** What a service's database is made of: the parts of its definition `serviceDatabase` needs. */
export interface ServiceSchema {
  name: string;
  entities: Function[];
  migrations: Migrations;
}

/**
 * A service's own database as it runs (its entities, the platform's and its migrations), in a
 * scratch SQLite folder or a fresh PostgreSQL database next to TEST_DATABASE_URL; `open` gives
 * another replica on the same database, and `close` drops it all.
 */
export async function serviceDatabase(service: ServiceSchema, dialect: Dialect): Promise<TestDatabase> {
  const open = (url?: string, dataDir = ':memory:') =>
    openDatabase({
      service: service.name,
      entities: [...service.entities, ...PLATFORM_ENTITIES],
      migrations: service.migrations,
      url,
      dataDir,
    });
  const opened: DataSource[] = [];
  const closeAll = async () => {
    for (const source of opened) if (source.isInitialized) await source.destroy();
  };
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${service.name}-`));
    opened.push(await open(undefined, dir));
    return {
      db: opened[0],
      open: async () => (opened.push(await open(undefined, dir)), opened.at(-1)!),
      close: async () => (await closeAll(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `omni_${service.name}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  opened.push(await open(url.toString()));
  return {
    db: opened[0],
    open: async () => (opened.push(await open(url.toString())), opened.at(-1)!),
    close: async () => {
      await closeAll();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs `sql` on TEST_DATABASE_URL's database in a connection of its own (CREATE or DROP DATABASE). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** How many statements `db` runs while `work` does. */
export async function statementsOf(db: DataSource, work: () => Promise<unknown>): Promise<number> {
  const spy = jest.spyOn(db.logger, 'logQuery');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}
