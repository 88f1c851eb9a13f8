import 'reflect-metadata';
import { ConfigError, createLogger, env, exitOnConfigError, openDatabase, PLATFORM_ENTITIES, readConfig } from '@omni/platform';
import { SERVICES } from './services';

/**
 * Runs the migrations of the services named (`node gateway/dist/migrate.js orders`; none: all
 * five) on DATABASE_URL, then exits: what a Kubernetes migration Job runs, so the services can
 * start with MIGRATE_ON_START=false and their replicas never migrate at the same time. Reads
 * nothing else (no secrets): a Job needs only the database.
 */
async function main(): Promise<void> {
  const config = readConfig({ DATABASE_URL: env.url(['postgres', 'postgresql']), LOG_LEVEL: env.logLevel() });
  const names = process.argv.slice(2);
  const known = SERVICES.map(({ definition }) => definition.name);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown) throw new ConfigError('service', `"${unknown}" is none of ${known.join(', ')}`);
  for (const { definition } of SERVICES.filter(({ definition }) => !names.length || names.includes(definition.name))) {
    const log = createLogger(definition.name, config.LOG_LEVEL);
    const db = await openDatabase({
      service: definition.name,
      entities: [...definition.entities, ...PLATFORM_ENTITIES],
      migrations: definition.migrations,
      url: config.DATABASE_URL,
      dataDir: './data',
      poolSize: 1,
      migrate: false,
    });
    try {
      const ran = await db.runMigrations({ transaction: 'each' });
      log.info({ migrations: ran.map((m) => m.name) }, ran.length ? 'migrations applied' : 'no migration pending');
    } finally {
      await db.destroy();
    }
  }
}

void exitOnConfigError(main);
