import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase, PLATFORM_ENTITIES, type Dialect } from '@omni/platform';

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
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
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
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
