import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createLogger, inTransaction, OutboxEvent, serviceCaller, type EventEnvelope } from '@omni/platform';
import { print } from 'graphql';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { Fulfillment } from '../../services/orders/src/entities/order';
import { GatewayClient } from '../src/client';
import { contractOperations } from '../src/contract';
import { rateLimitOptions } from '../src/rate-limit';
import { composeSupergraph, subgraphSdls } from '../src/supergraph';
import type { ConsoleOptions } from '../src/console';
import { issueToken, type TokenClaims } from '../src/token';
import { startSystem, type RunningSystem } from '../src/system';

/**
 * Where integration tests run. With TEST_DATABASE_URL / TEST_NATS_URL set (CI sets both) each test
 * file gets a fresh PostgreSQL database and its own NATS stream; otherwise SQLite in memory and
 * the in-process bus.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const TEST_NATS_URL = process.env.TEST_NATS_URL || undefined;

const suffix = () => `${process.pid}_${randomBytes(4).toString('hex')}`;

export interface Scratch<T> {
  value: T;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database next to the one `adminUrl` names. */
export async function scratchDatabase(adminUrl: string): Promise<Scratch<string>> {
  const name = `omni_test_${suffix()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    value: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A NATS namespace of its own; dropping it deletes its stream. */
export function scratchNamespace(natsUrl: string): Scratch<string> {
  const namespace = `t${suffix()}`;
  return {
    value: namespace,
    drop: async () => {
      const nc = await connect({ servers: natsUrl });
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(namespace.toUpperCase()).catch(() => undefined);
      await nc.close();
    },
  };
}

export interface TestSystem {
  system: RunningSystem;
  /** A back-office user (ADMIN and CSR) calling the gateway over HTTP from the web channel. */
  client: GatewayClient;
  /** Nobody signed in: a guest on the web storefront. */
  anonymous: GatewayClient;
  /** A client signed in with a development token carrying `claims`. */
  signedIn(claims: TokenClaims): Promise<GatewayClient>;
  /** A store associate of `locationId` (fulfillment and returns happen at a place). */
  associateAt(locationId: string): Promise<GatewayClient>;
  /** An associate of the location that fulfills `fulfillmentId` (of some store when there is none). */
  associateFor(fulfillmentId: string): Promise<GatewayClient>;
  /** Runs a service's job now (jobs never run on their own in tests); throws if the run failed. */
  runJob(service: string, name: string): Promise<number>;
  backend: string;
  close(): Promise<void>;
}

export async function startTestSystem(
  options: { transport?: 'in-process' | 'http'; console?: ConsoleOptions } = {},
): Promise<TestSystem> {
  const database = TEST_DATABASE_URL ? await scratchDatabase(TEST_DATABASE_URL) : null;
  const namespace = TEST_NATS_URL ? scratchNamespace(TEST_NATS_URL) : null;
  const system = await startSystem({
    databaseUrl: database?.value,
    // Two test files run at once, each with five services: stay well under max_connections (100).
    databasePoolSize: 4,
    dataDir: ':memory:',
    natsUrl: TEST_NATS_URL,
    natsNamespace: namespace?.value,
    gatewayPort: 0,
    subgraphPorts: options.transport === 'http' ? 'random' : null,
    transport: options.transport ?? 'in-process',
    log: createLogger('test', process.env.LOG_LEVEL ?? 'silent'),
    relayPollMs: 50,
    // Jobs run when a test asks (runJob), never on a timer in the middle of another test.
    jobs: 'manual',
    // Composed from the code under test; schema.test.ts checks that schema/ matches it.
    supergraphSdl: composeSupergraph(await subgraphSdls()),
    console: options.console,
    // Tests send far more than a caller may in production; a test of the limits sets them (edge.test.ts).
    edge: {
      rateLimit: rateLimitOptions({
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
        RATE_LIMIT_LOOKUPS_PER_MINUTE: '1000000',
        ...process.env,
      }),
    },
  });
  if (TEST_NATS_URL) await (system.bus as { whenReady?: () => Promise<void> }).whenReady?.();
  const anonymous = new GatewayClient(system.gateway.url, { 'x-channel': 'WEB' });
  const signedIn = async (claims: TokenClaims) =>
    anonymous.withHeaders({ authorization: `Bearer ${await issueToken({ ttlSeconds: 6 * 3600, ...claims })}` });
  const associateAt = (locationId: string) =>
    signedIn({ role: 'ASSOCIATE', locationId, subject: `associate@${locationId}` }).then((c) =>
      c.withHeaders({ 'x-channel': 'STORE' }),
    );
  return {
    system,
    client: await signedIn({ roles: ['ADMIN', 'CSR'], subject: 'back-office' }),
    anonymous,
    signedIn,
    associateAt,
    associateFor: async (fulfillmentId) => {
      const fulfillment = await system.services.get('orders')!.db.getRepository(Fulfillment).findOneBy({ id: fulfillmentId });
      return associateAt(fulfillment?.locationId ?? 'some-store');
    },
    runJob: async (service, name) => {
      const outcome = await system.services.get(service)!.jobs.run(name);
      if (!outcome) throw new Error(`${service} job ${name} is held by another runner`);
      if (outcome.error) throw new Error(`${service} job ${name} failed: ${outcome.error}`);
      return outcome.result ?? 0;
    },
    backend: `${database ? 'postgres' : 'sqlite'}+${namespace ? 'nats' : 'in-process bus'}`,
    close: async () => {
      await system.close();
      await database?.drop();
      await namespace?.drop();
    },
  };
}

/** Polls until `probe` returns a value that `done` accepts (events are asynchronous). */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const contract = contractOperations();

/** The contract's operation `name`, exactly as the channels send it. */
export function contractOperation(name: string): string {
  const document = contract.get(name);
  if (!document) throw new Error(`no operation ${name} in schema/contract.graphql`);
  return print(document);
}

/** Sends a contract operation through the gateway and returns `data`; GraphQL errors throw. */
export function send<T = Record<string, any>>(
  client: GatewayClient,
  name: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  return client.request<T>(contractOperation(name), variables, name);
}

/** Counts the SQL statements a service's database runs (the outbox relay's polling aside). */
export function countStatements(db: DataSource) {
  const statements: string[] = [];
  const spy = jest.spyOn(db.logger, 'logQuery').mockImplementation((query: string) => {
    if (/outbox_event|processed_event/.test(query) || /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(query.trim())) return;
    statements.push(query);
  });
  return { count: () => statements.length, statements, stop: () => spy.mockRestore() };
}

/**
 * Waits until a service's database has run no statement (the outbox relay's polling aside) for
 * `quietMs`: its consumers have caught up with every event sent so far.
 */
export async function quiet(db: DataSource, quietMs = 300, timeoutMs = 10_000): Promise<void> {
  const counter = countStatements(db);
  try {
    await eventually(
      async () => {
        const before = counter.count();
        await new Promise((resolve) => setTimeout(resolve, quietMs));
        return counter.count() === before;
      },
      Boolean,
      timeoutMs,
    );
  } finally {
    counter.stop();
  }
}

/**
 * Publishes `event` as its producer does: a row in the outbox of the service its type names,
 * which that service's relay sends on (and, on the in-process bus, sends again while a consumer
 * fails). For an event no command would write (malformed, a version no consumer reads).
 */
export async function publishFromOutbox(t: TestSystem, event: EventEnvelope): Promise<void> {
  const producer = t.system.services.get(event.type.split('.')[0]!)!;
  await inTransaction(producer.db, (manager) =>
    manager.insert(OutboxEvent, {
      eventId: event.id,
      type: event.type,
      envelope: JSON.stringify(event),
      publishedAt: null,
      attempts: 0,
    }),
  );
}

/**
 * Calls subgraph `name` the way another service does (role SERVICE, in-process): for the
 * boundary operations between services (reservations, holds) that no token may use.
 */
export function asService(t: TestSystem, name: string, caller = 'orders') {
  const peer = t.system.services.get(name)!.asPeer();
  return <T = any>(query: string, variables: Record<string, unknown> = {}) =>
    peer.request<T>(query, variables, { requestId: `test-${caller}`, channel: null, caller: serviceCaller(caller) });
}

/**
 * A store that sells `products` (SKU and price in USD cents, one variant each, under
 * `categoryPath`) with `onHand` units of each: the fixture most order tests start from. Its id.
 */
export async function stockedStore(
  t: TestSystem,
  name: string,
  products: readonly (readonly [sku: string, cents: number])[],
  categoryPath: string[] = ['Home'],
  onHand = 100,
): Promise<string> {
  const store = (
    await send(t.client, 'UpsertLocation', {
      input: { name, type: 'STORE', lat: 40.7, lng: -74.0, fulfillsOnline: true, pickupEnabled: true },
    })
  ).upsertLocation.location.id as string;
  for (const [sku, cents] of products) {
    await send(t.client, 'UpsertProduct', {
      input: { name: sku, categoryPath, variants: [{ sku, price: { cents, currency: 'USD' } }] },
    });
    await send(t.client, 'SetStock', { input: { locationId: store, sku, onHand } });
  }
  return store;
}
