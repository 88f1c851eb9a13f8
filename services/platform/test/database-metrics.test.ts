/**
 * db_statements_total counts every statement a service's database receives, transaction control
 * included, on SQLite and (with TEST_DATABASE_URL) PostgreSQL, and /metrics serves it.
 */
import { inTransaction, metricsRegistry } from '@omni/platform';
import { DIALECTS, testDatabase, type TestDatabase } from './databases';

async function statementsSoFar(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('db_statements_total')!.get();
  return metric.values.find((v) => v.labels.service === 'platformtest')?.value ?? 0;
}

describe.each(DIALECTS)('db_statements_total (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await testDatabase(dialect);
  });
  afterAll(() => t.close());

  it('counts each statement, BEGIN and COMMIT too', async () => {
    const before = await statementsSoFar();
    await t.db.query('SELECT 1');
    expect((await statementsSoFar()) - before).toBe(1);
    await inTransaction(t.db, (manager) => manager.query('SELECT 1'));
    expect((await statementsSoFar()) - before).toBe(4);
    expect(await metricsRegistry.getSingleMetricAsString('db_statements_total')).toMatch(
      /^db_statements_total\{service="platformtest"\} \d+$/m,
    );
  });
});
