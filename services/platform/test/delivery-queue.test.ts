/**
 * Group commit of a service's consumers: events that wait while a transaction runs are applied
 * together in the next, each once, each consumer's in delivery order; one failing event fails
 * alone. On SQLite and (with TEST_DATABASE_URL) PostgreSQL.
 */
import {
  createLogger,
  DeadLetter,
  DeliveryQueue,
  metricsRegistry,
  newEnvelope,
  ProcessedEvent,
  type EventEnvelope,
  type QueuedConsumer,
} from '@omni/platform';
import { Column, Entity, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import { DIALECTS, testDatabase, type TestDatabase } from './databases';

/** What the consumers change: a counter per key, so a double apply shows. */
@Entity('test_queue_tally')
class QueueTally {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key!: string;

  @Column({ type: 'int' })
  count!: number;
}

const log = createLogger('test', 'silent');
/** Lets the queue start what was delivered so far. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe.each(DIALECTS)('delivery queue on %s', (dialect) => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await testDatabase(dialect, [QueueTally]);
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Transactions begun so far (counted from the statements the database receives). */
  let begun = 0;
  beforeAll(() => {
    const logQuery = db.logger.logQuery.bind(db.logger);
    jest.spyOn(db.logger, 'logQuery').mockImplementation((query, ...rest) => {
      if (/^(BEGIN|START TRANSACTION)/i.test(query.trim())) begun += 1;
      return logQuery(query, ...rest);
    });
  });

  /** Each apply as it happened: consumer, key and the transaction (by number) it ran in. */
  let applies: { consumer: string; key: string; transaction: number }[];
  /** Keys whose apply waits for `release()`; keys that throw. */
  let gates: Map<string, Promise<void>>;
  let broken: Set<string>;
  beforeEach(() => {
    applies = [];
    gates = new Map();
    broken = new Set();
  });

  const consumer = (name: string, ignores?: QueuedConsumer['ignores']): QueuedConsumer => ({
    durable: `platformtest-${name}`,
    ignores,
    apply: async (manager: EntityManager, event: EventEnvelope) => {
      const { key } = event.payload as { key: string };
      await gates.get(key);
      if (broken.has(key)) throw new Error(`cannot apply ${key}`);
      applies.push({ consumer: name, key, transaction: begun });
      const updated = await manager.increment(QueueTally, { key }, 'count', 1);
      if (!updated.affected) await manager.insert(QueueTally, { key, count: 1 });
    },
  });
  const gate = (key: string) => {
    let release!: () => void;
    gates.set(key, new Promise<void>((resolve) => (release = resolve)));
    return release;
  };
  const event = (key: string) => newEnvelope('platformtest.thing.happened', { key }, null);
  const count = async (key: string) => (await db.getRepository(QueueTally).findOneBy({ key }))?.count ?? 0;
  const queue = (concurrency = 1) => new DeliveryQueue(db, { maxDeliveries: 3, log, service: 'platformtest', concurrency });

  it('applies what waits behind a running transaction together, each consumer in delivery order', async () => {
    const deliveries = queue();
    const [a, b] = [consumer('a'), consumer('b')];
    const release = gate('first');
    const first = deliveries.deliver(a, event('first'));
    await nextTurn();
    const waiting = [
      deliveries.deliver(a, event('a1')),
      deliveries.deliver(b, event('b1')),
      deliveries.deliver(a, event('a2')),
      deliveries.deliver(b, event('b2')),
    ];
    release();
    expect(await first).toBe('applied');
    expect(await Promise.all(waiting)).toEqual(['applied', 'applied', 'applied', 'applied']);

    expect(applies.map(({ key }) => key)).toEqual(['first', 'a1', 'b1', 'a2', 'b2']);
    const [alone, ...together] = applies.map(({ transaction }) => transaction);
    expect(new Set(together).size).toBe(1);
    expect(together[0]).not.toBe(alone);
    for (const key of ['first', 'a1', 'b1', 'a2', 'b2']) expect(await count(key)).toBe(1);
  });

  it('applies the deliveries of one turn together: an event handed to several consumers commits once', async () => {
    const deliveries = queue();
    const shared = event('shared');
    const outcomes = await Promise.all(['x', 'y', 'z'].map((name) => deliveries.deliver(consumer(name), shared)));
    expect(outcomes).toEqual(['applied', 'applied', 'applied']);
    expect(applies.map(({ consumer }) => consumer)).toEqual(['x', 'y', 'z']);
    expect(new Set(applies.map(({ transaction }) => transaction)).size).toBe(1);
    expect(await count('shared')).toBe(3);
  });

  it('applies an event once when a copy waits beside it or it was applied before', async () => {
    const deliveries = queue();
    const a = consumer('a');
    const seen = event('seen');
    expect(await deliveries.deliver(a, seen)).toBe('applied');

    const release = gate('hold');
    const held = deliveries.deliver(a, event('hold'));
    await nextTurn();
    const twice = event('twice');
    const outcomes = Promise.all([deliveries.deliver(a, twice), deliveries.deliver(a, twice), deliveries.deliver(a, seen)]);
    release();
    await held;
    expect(await outcomes).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(await count('twice')).toBe(1);
    expect(await count('seen')).toBe(1);
    expect(await db.getRepository(ProcessedEvent).countBy({ consumer: a.durable, eventId: twice.id })).toBe(1);
  });

  it('fails only the event that fails: the rest of its batch is applied once', async () => {
    const deliveries = queue();
    const a = consumer('a');
    broken.add('bad');
    const release = gate('hold2');
    const held = deliveries.deliver(a, event('hold2'));
    await nextTurn();
    const bad = event('bad');
    const around = [deliveries.deliver(a, event('before')), deliveries.deliver(a, bad), deliveries.deliver(a, event('after'))];
    release();
    await held;
    const [before, failed, after] = await Promise.allSettled(around);
    expect(before).toEqual({ status: 'fulfilled', value: 'applied' });
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'cannot apply bad' } });
    expect(after).toEqual({ status: 'fulfilled', value: 'applied' });
    expect([await count('before'), await count('bad'), await count('after')]).toEqual([1, 0, 1]);
    // Counted as a failed delivery, to be parked after the maximum.
    expect(await db.getRepository(DeadLetter).findOneBy({ consumer: a.durable, eventId: bad.id })).toMatchObject({
      attempts: 1,
      parkedAt: null,
    });
    expect(await db.getRepository(ProcessedEvent).countBy({ consumer: a.durable, eventId: bad.id })).toBe(0);
  });

  it('settles an event its consumer ignores without a transaction or a processed-event row', async () => {
    const deliveries = queue();
    const quiet = consumer('quiet', async (_db, e) => (e.payload as { key: string }).key.startsWith('skip'));
    const skipped = event('skip-me');
    const ignored = async () =>
      (await metricsRegistry.getSingleMetric('event_deliveries_total')!.get()).values.find(
        ({ labels }) => labels.consumer === quiet.durable && labels.outcome === 'ignored',
      )?.value ?? 0;
    const before = await ignored();
    expect(await deliveries.deliver(quiet, skipped)).toBe('ignored');
    expect(await ignored()).toBe(before + 1);
    expect(await deliveries.deliver(quiet, event('keep-me'))).toBe('applied');
    expect(applies.map(({ key }) => key)).toEqual(['keep-me']);
    expect(await db.getRepository(ProcessedEvent).countBy({ eventId: skipped.id })).toBe(0);
  });

  // SQLite runs one transaction at a time, so a service there has one at once (see startService).
  (dialect === 'postgres' ? it : it.skip)('with two transactions at once, never runs one consumer in both', async () => {
    const deliveries = queue(2);
    const [a, b] = [consumer('a'), consumer('b')];
    const releaseA = gate('a-slow');
    const slow = deliveries.deliver(a, event('a-slow'));
    await nextTurn();
    // b runs beside a's transaction; a's next event waits for it, though a transaction is free.
    const meanwhile = [deliveries.deliver(a, event('a-next')), deliveries.deliver(b, event('b-now'))];
    await meanwhile[1];
    expect(applies.map(({ key }) => key)).toEqual(['b-now']);
    releaseA();
    await Promise.all([slow, ...meanwhile]);
    expect(applies.map(({ key }) => key)).toEqual(['b-now', 'a-slow', 'a-next']);
  });
});
