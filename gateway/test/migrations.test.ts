import { openDatabase, pendingSchemaSql, PLATFORM_ENTITIES } from '@omni/platform';
import { SERVICES } from '../src/services';
import { scratchDatabase, TEST_DATABASE_URL } from './harness';

/** A service's migrations create exactly the tables its entities map: `pnpm migrations` was run. */
describe.each(SERVICES.map((s) => [s.definition.name, s.definition] as const))('%s migrations', (_name, definition) => {
  const open = (url?: string) =>
    openDatabase({
      service: definition.name,
      entities: [...definition.entities, ...PLATFORM_ENTITIES],
      migrations: definition.migrations,
      url,
      dataDir: ':memory:',
    });

  it('leave nothing pending on SQLite', async () => {
    const db = await open();
    try {
      expect(await pendingSchemaSql(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  (TEST_DATABASE_URL ? it : it.skip)('leave nothing pending on PostgreSQL', async () => {
    const scratch = await scratchDatabase(TEST_DATABASE_URL!);
    const db = await open(scratch.value);
    try {
      expect(await pendingSchemaSql(db)).toEqual([]);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
});
