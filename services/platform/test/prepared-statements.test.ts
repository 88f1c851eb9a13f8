/**
 * On PostgreSQL a statement a service runs again is a named prepared statement: parsed and
 * planned once per connection. Same answers, errors still QueryFailedError (a unique violation is
 * told as one). Only with TEST_DATABASE_URL.
 */
import { QueryFailedError, type DataSource } from 'typeorm';
import { isUniqueViolation, runStatement } from '@omni/platform';
import { TEST_DATABASE_URL, testDatabase, type TestDatabase } from './databases';

(TEST_DATABASE_URL ? describe : describe.skip)('prepared statements on postgres', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await testDatabase('postgres');
    db = database.db;
    await db.query('CREATE TABLE prepared_sample (id int PRIMARY KEY, note text)');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('prepares a statement on its second run, and answers the same every time', async () => {
    const sql = 'SELECT :n::int + 1 AS "next", :label::text AS "label"';
    await db.transaction(async (manager) => {
      const answers = [];
      for (const n of [1, 2, 3]) answers.push((await runStatement(manager, sql, { n, label: `n${n}` })).rows[0]);
      expect(answers).toEqual([
        { next: 2, label: 'n1' },
        { next: 3, label: 'n2' },
        { next: 4, label: 'n3' },
      ]);
      const prepared = await manager.query('SELECT statement FROM pg_prepared_statements');
      expect(prepared.map((p: { statement: string }) => p.statement)).toContain(
        'SELECT $1::int + 1 AS "next", $2::text AS "label"',
      );
    });
  });

  it('leaves a statement without parameters unprepared', async () => {
    await db.transaction(async (manager) => {
      for (let i = 0; i < 3; i++) await manager.query('SELECT 41 + 1 AS "answer"');
      const prepared = await manager.query('SELECT statement FROM pg_prepared_statements');
      expect(prepared.map((p: { statement: string }) => p.statement)).not.toContain('SELECT 41 + 1 AS "answer"');
    });
  });

  it('reports errors of a prepared statement as before', async () => {
    const insert = 'INSERT INTO prepared_sample (id, note) VALUES (:id, :note)';
    await runStatement(db.manager, insert, { id: 1, note: 'a' });
    await runStatement(db.manager, insert, { id: 2, note: 'b' });
    const again = runStatement(db.manager, insert, { id: 1, note: 'c' });
    await expect(again).rejects.toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(await again.catch((error) => error))).toBe(true);
  });
});
