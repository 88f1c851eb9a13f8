import { randomBytes, randomUUID } from 'node:crypto';
import {
  ANONYMOUS,
  applyOnce,
  createLogger,
  newEnvelope,
  openDatabase,
  Peers,
  PLATFORM_ENTITIES,
  serviceCaller,
  type Caller,
  type EventEnvelope,
  type Migrations,
  type ServiceContext,
} from '@omni/platform';
import { DataSource } from 'typeorm';
import { post } from '../src/commands/ledger';
import { LedgerKind, LoyaltyTier, newCardNumber } from '../src/domain/program';
import { LoyaltyAccount } from '../src/entities/account';
import { consumers } from '../src/events/consumers';
import { loyaltyService } from '../src/index';

/**
 * Loyalty on its own database for service-level tests: SQLite in memory, or with
 * TEST_DATABASE_URL a fresh PostgreSQL database next to the one named (dropped by `close`).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export interface LoyaltyDb {
  db: DataSource;
  backend: string;
  /** A request context as `caller` (default: the orders service). */
  ctx(caller?: Caller): ServiceContext;
  /** Applies `envelope` as consumer `name` would (`applyOnce`); false when it had been applied. */
  apply(name: string, envelope: EventEnvelope): Promise<boolean>;
  /** An enrolled member starting with `points` (one ADJUSTMENT entry). */
  member(points?: number): Promise<LoyaltyAccount>;
  close(): Promise<void>;
}

/** A new empty PostgreSQL database next to `adminUrl`, and how to drop it. */
export async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `omni_loyalty_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url: adminUrl });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new DataSource({ type: 'postgres', url: adminUrl });
      await again.initialize();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.destroy();
    },
  };
}

export async function openLoyalty(options: { migrations?: Migrations; url?: string; dataDir?: string } = {}): Promise<LoyaltyDb> {
  const scratch = options.url || !TEST_DATABASE_URL ? null : await scratchPostgres(TEST_DATABASE_URL);
  const url = options.url ?? scratch?.url;
  const db = await openDatabase({
    service: 'loyalty',
    entities: [...loyaltyService.entities, ...PLATFORM_ENTITIES],
    migrations: options.migrations ?? loyaltyService.migrations,
    url,
    dataDir: options.dataDir ?? ':memory:',
    poolSize: 4,
  });
  const log = createLogger('test', process.env.LOG_LEVEL ?? 'silent');
  const peers = new Peers();
  return {
    db,
    backend: url ? 'postgres' : 'sqlite',
    ctx: (caller = serviceCaller('orders')) => ({
      service: 'loyalty',
      requestId: `test-${randomUUID()}`,
      channel: 'WEB',
      caller,
      db,
      peers,
      log,
      loaders: new Map(),
    }),
    apply: (name, envelope) => {
      const consumer = consumers.find((c) => c.name === name);
      if (!consumer) throw new Error(`no loyalty consumer ${name}`);
      return applyOnce(db, `loyalty-${name}`, envelope, consumer.handle);
    },
    member: async (points = 0) => {
      const account = db.manager.create(LoyaltyAccount, {
        id: randomUUID(),
        customerId: randomUUID(),
        cardNumber: newCardNumber(),
        tier: LoyaltyTier.BRONZE,
        pointsBalance: 0,
        lifetimePoints: 0,
        heldPoints: 0,
        lastActivityAt: new Date(),
        mergedIntoId: null,
      });
      await db.manager.insert(LoyaltyAccount, account);
      if (points > 0) {
        await db.transaction((m) => post(m, account, { kind: LedgerKind.ADJUSTMENT, points, reason: 'test', channel: null }));
      }
      return db.manager.findOneByOrFail(LoyaltyAccount, { id: account.id });
    },
    close: async () => {
      if (db.isInitialized) await db.destroy();
      await scratch?.drop();
    },
  };
}

export const envelope = <P>(type: string, payload: P) => newEnvelope(type, payload, 'WEB');

export { ANONYMOUS };
