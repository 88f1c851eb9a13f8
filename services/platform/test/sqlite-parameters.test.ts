/**
 * On SQLite an integer parameter is bound, not written into the statement: one statement text for
 * every value, and the same stored values and types as the literal it replaces.
 */
import { openDatabase, runSql } from '@omni/platform';
import type { DataSource } from 'typeorm';

describe('integer parameters on SQLite', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openDatabase({ service: 'params', entities: [], migrations: { postgres: [], sqlite: [] }, dataDir: ':memory:' });
    await db.query('CREATE TABLE "stock" ("sku" TEXT PRIMARY KEY, "label" TEXT, "onHand" INTEGER NOT NULL, "weight" REAL)');
  });
  afterAll(() => db.destroy());

  it('keeps one statement text whatever the quantity', () => {
    const [first] = db.driver.escapeQueryWithParameters('UPDATE "stock" SET "onHand" = "onHand" - :quantity', { quantity: 2 });
    const [second, values] = db.driver.escapeQueryWithParameters('UPDATE "stock" SET "onHand" = "onHand" - :quantity', {
      quantity: 7,
    });
    expect(second).toBe(first);
    expect(second).not.toMatch(/\d/);
    expect(values).toEqual([7n]);
  });

  it('stores what the literal stored: integers as integers, in a text column as their digits, fractions as they are', async () => {
    await runSql(db, 'INSERT INTO "stock" VALUES (:sku, :label, :onHand, :weight)', {
      sku: 'A-1',
      label: 42,
      onHand: 10,
      weight: 1.25,
    });
    await runSql(db, 'UPDATE "stock" SET "onHand" = "onHand" - :quantity WHERE "sku" = :sku', { quantity: 3, sku: 'A-1' });
    const rows = await runSql<Record<string, unknown>>(
      db,
      'SELECT "label", typeof("label") AS "labelType", "onHand", typeof("onHand") AS "onHandType", "weight", ' +
        '"onHand" / :two AS "half" FROM "stock" WHERE "onHand" > :floor LIMIT :limit',
      { two: 2, floor: -1, limit: 5 },
    );
    expect(rows).toEqual([{ label: '42', labelType: 'text', onHand: 7, onHandType: 'integer', weight: 1.25, half: 3 }]);
  });
});
