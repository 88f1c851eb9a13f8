import { join } from 'node:path';
import { generateMigration, type Dialect } from '@omni/platform';
import { SERVICES } from './services';

/**
 * `pnpm migrations [service...]`: for every (or each named) service and both dialects, writes a migration with whatever the
 * entities need beyond the existing migrations. PostgreSQL diffs run in a scratch database on
 * MIGRATIONS_DATABASE_URL (default: the local server).
 */
async function main(): Promise<void> {
  const dialects: Dialect[] = ['sqlite', 'postgres'];
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !SERVICES.some((s) => s.definition.name === name));
  if (unknown.length) throw new Error(`unknown service(s): ${unknown.join(', ')}`);
  for (const { definition } of SERVICES) {
    if (only.length && !only.includes(definition.name)) continue;
    const directory = join(__dirname, '..', '..', 'services', definition.name, 'src', 'migrations');
    for (const dialect of dialects) {
      const file = await generateMigration(definition, dialect, directory, process.env.MIGRATIONS_DATABASE_URL);
      process.stdout.write(`${definition.name} ${dialect}: ${file ?? 'up to date'}\n`);
    }
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
