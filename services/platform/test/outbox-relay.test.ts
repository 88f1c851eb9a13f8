/**
 * The outbox relay publishes and marks each event on its own, on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL: an event the bus refuses does not hold back the ones behind it,
 * is retried after a backoff with its attempts counted, and goes out once the bus takes it;
 * nothing is published twice, also with two relays (replicas) on one database.
 */
import {
  BusUnavailableError,
  createLogger,
  InProcessBus,
  inTransaction,
  OutboxEvent,
  OutboxRelay,
  recordEvent,
  recordEvents,
  relayBackoffMs,
  type EventBus,
  type EventEnvelope,
} from '@omni/platform';
import { IsNull, Not, type DataSource } from 'typeorm';
import { DIALECTS, testDatabase, type TestDatabase } from './databases';

/** A broker that keeps what it is given (as NATS does) and refuses the events (or everything) it is told to. */
class FlakyBus implements EventBus {
  readonly kind = 'nats' as const;
  readonly published: string[] = [];
  readonly refused = new Set<string>();
  down = false;
  calls = 0;

  async publish(event: EventEnvelope): Promise<void> {
    this.calls++;
    if (this.down) throw new BusUnavailableError('test outage');
    if (this.refused.has(event.id)) throw new Error(`broker refused ${event.id}`);
    await new Promise((resolve) => setImmediate(resolve));
    this.published.push(event.id);
  }

  async subscribe(): Promise<void> {}
  isReady(): boolean {
    return !this.down;
  }
  async close(): Promise<void> {}
}

const log = createLogger('test', 'silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DIALECTS)('outbox relay on %s', (dialect) => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await testDatabase(dialect);
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await db.getRepository(OutboxEvent).clear();
  });

  const record = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const event = await inTransaction(db, (manager) => recordEvent(manager, 'test.thing.happened', { i }, null));
      ids.push(event.id);
    }
    return ids;
  };
  const row = (eventId: string) => db.getRepository(OutboxEvent).findOneByOrFail({ eventId });

  it('records several events with one statement and publishes them in the order given', async () => {
    const bus = new FlakyBus();
    const relay = new OutboxRelay(db, bus, log);
    const inserts: string[] = [];
    const spy = jest.spyOn(db.logger, 'logQuery').mockImplementation((query: string) => {
      if (/^INSERT/i.test(query.trim())) inserts.push(query);
    });
    let recorded: EventEnvelope[];
    try {
      recorded = await inTransaction(db, (manager) =>
        recordEvents(manager, [
          { type: 'test.thing.happened', payload: { n: 1 }, channel: null },
          { type: 'test.other.happened', payload: { n: 2 }, channel: 'WEB' },
          { type: 'test.thing.happened', payload: { n: 3 }, channel: null, version: 2 },
        ]),
      );
    } finally {
      spy.mockRestore();
    }
    expect(inserts).toHaveLength(1);
    expect(recorded.map((e) => [e.type, e.payload, e.channel, e.version])).toEqual([
      ['test.thing.happened', { n: 1 }, null, 1],
      ['test.other.happened', { n: 2 }, 'WEB', 1],
      ['test.thing.happened', { n: 3 }, null, 2],
    ]);
    expect(await relay.flush()).toBe(3);
    expect(bus.published).toEqual(recorded.map((e) => e.id));
  });

  it('publishes the others once when one event fails, keeps its attempts, and sends it when the bus recovers', async () => {
    const bus = new FlakyBus();
    const relay = new OutboxRelay(db, bus, log, { retryDelayMs: 1_000, maxRetryDelayMs: 1_000 });
    const [a, b, c, d] = await record(4);
    bus.refused.add(b!);

    expect(await relay.flush()).toBe(3);
    expect(bus.published).toEqual([a, c, d]);
    const failed = await row(b!);
    expect(failed).toMatchObject({ publishedAt: null, attempts: 1, lastError: `broker refused ${b}`, claimedUntil: null });
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    for (const id of [a, c, d]) expect((await row(id!)).publishedAt).not.toBeNull();

    // Within its backoff the failed row is left alone; a later event goes out past it.
    const [e] = await record(1);
    expect(await relay.flush()).toBe(1);
    expect(bus.published).toEqual([a, c, d, e]);
    expect((await row(b!)).attempts).toBe(1);

    // After the backoff it is tried again, and fails again: the count grows, nothing else is re-sent.
    await sleep(1_100);
    expect(await relay.flush()).toBe(0);
    expect((await row(b!)).attempts).toBe(2);
    expect(bus.published).toEqual([a, c, d, e]);

    // The bus takes it: it goes out once, its attempts are kept.
    bus.refused.clear();
    await sleep(1_100);
    expect(await relay.flush()).toBe(1);
    expect(bus.published).toEqual([a, c, d, e, b]);
    expect(await row(b!)).toMatchObject({ attempts: 2, lastError: `broker refused ${b}` });
    expect((await row(b!)).publishedAt).not.toBeNull();
    expect(await relay.flush()).toBe(0);
    expect(bus.published).toHaveLength(5);
  });

  it('stops a round while the bus is down, without backoff, and publishes the backlog in order after', async () => {
    const bus = new FlakyBus();
    const relay = new OutboxRelay(db, bus, log, { retryDelayMs: 60_000 });
    const ids = await record(3);
    bus.down = true;
    expect(await relay.flush()).toBe(0);
    expect(bus.calls).toBe(1);
    const first = await row(ids[0]!);
    expect(first).toMatchObject({ attempts: 1, nextAttemptAt: null, claimedUntil: null });
    expect(first.lastError).toMatch(/unavailable/);
    for (const id of ids.slice(1)) expect(await row(id)).toMatchObject({ attempts: 0, claimedUntil: null });

    bus.down = false;
    expect(await relay.flush()).toBe(3);
    expect(bus.published).toEqual(ids);
  });

  it('on the in-process bus, marks a row only once its subscribers took it: after a crash before that, the next start publishes it', async () => {
    const bus = new InProcessBus(log);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const taken: string[] = [];
    await bus.subscribe({
      durable: 'slow',
      types: ['test.>'],
      handle: async (event) => {
        await gate;
        taken.push(event.id);
      },
    });
    const relay = new OutboxRelay(db, bus, log);
    const [id] = await record(1);
    const flushing = relay.flush();
    await sleep(30);
    // Handed over, not taken yet: the process dying now leaves the row unpublished, claimed.
    expect(await row(id!)).toMatchObject({ publishedAt: null, claimedUntil: expect.any(Date) });

    // The next start: its relay's first round frees that claim and publishes the event at once.
    const restarted = new InProcessBus(log);
    const takenAfterRestart: string[] = [];
    await restarted.subscribe({
      durable: 'slow',
      types: ['test.>'],
      handle: async (event) => void takenAfterRestart.push(event.id),
    });
    expect(await new OutboxRelay(db, restarted, log).flush()).toBe(1);
    expect(takenAfterRestart).toEqual([id]);
    expect((await row(id!)).publishedAt).not.toBeNull();

    release();
    await flushing;
    expect(taken).toEqual([id]);
    await Promise.all([bus.close(), restarted.close()]);
  });

  it('on the in-process bus, publishes an event a subscriber failed again after the backoff, to every subscriber', async () => {
    const bus = new InProcessBus(log);
    const healthy: string[] = [];
    const failing = new Set<string>();
    await bus.subscribe({ durable: 'healthy', types: ['test.>'], handle: async (event) => void healthy.push(event.id) });
    await bus.subscribe({
      durable: 'flaky',
      types: ['test.>'],
      handle: async (event) => {
        if (failing.delete(event.id)) throw new Error('flaky consumer down');
      },
    });
    const relay = new OutboxRelay(db, bus, log, { retryDelayMs: 20 });
    const [a, b] = await record(2);
    failing.add(a!);
    expect(await relay.flush()).toBe(1);
    expect(await row(a!)).toMatchObject({ publishedAt: null, attempts: 1, lastError: 'flaky consumer down', claimedUntil: null });
    expect((await row(b!)).publishedAt).not.toBeNull();

    await sleep(40);
    expect(await relay.flush()).toBe(1);
    expect((await row(a!)).publishedAt).not.toBeNull();
    // The healthy subscriber is handed `a` twice: a consumer's processed-event row makes that one apply.
    expect(healthy).toEqual([a, b, a]);
    await bus.close();
  });

  it('leaves rows claimed by another replica alone until the claim lapses', async () => {
    const bus = new FlakyBus();
    const relay = new OutboxRelay(db, bus, log);
    const [claimed, free] = await record(2);
    await db.getRepository(OutboxEvent).update({ eventId: claimed }, { claimedUntil: new Date(Date.now() + 60_000) });
    expect(await relay.flush()).toBe(1);
    expect(bus.published).toEqual([free]);
    // The replica died: its lease runs out, and the row is taken over.
    await db.getRepository(OutboxEvent).update({ eventId: claimed }, { claimedUntil: new Date(Date.now() - 1) });
    expect(await relay.flush()).toBe(1);
    expect(bus.published).toEqual([free, claimed]);
  });

  it('publishes every event exactly once with two replicas flushing at the same time', async () => {
    const bus = new FlakyBus();
    const other = await database.open();
    const relays = [new OutboxRelay(db, bus, log, { batchSize: 7 }), new OutboxRelay(other, bus, log, { batchSize: 7 })];
    const ids = await record(60);
    const sent = await Promise.all([relays[0]!.flush(), relays[1]!.flush(), relays[0]!.flush(), relays[1]!.flush()]);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(60);
    expect([...bus.published].sort()).toEqual([...ids].sort());
    expect(await db.getRepository(OutboxEvent).countBy({ publishedAt: Not(IsNull()) })).toBe(60);
  });

  it('publishes soon after a commit that records an event, and stays idle otherwise', async () => {
    const bus = new FlakyBus();
    const relay = new OutboxRelay(db, bus, log, { pollIntervalMs: 60_000 });
    relay.start();
    try {
      await sleep(50);
      const queries = jest.spyOn(db.logger, 'logQuery');
      await sleep(300);
      // The relay's own commits do not wake it: no polling loop while nothing happens.
      expect(queries.mock.calls.filter(([sql]) => /outbox_event/.test(String(sql)))).toHaveLength(0);
      queries.mockRestore();
      const [id] = await record(1);
      for (let i = 0; i < 100 && bus.published.length === 0; i++) await sleep(20);
      expect(bus.published).toEqual([id]);
    } finally {
      await relay.stop();
    }
  });

  it('polls less and less while idle (at most a few statements a second), and at once again after a commit', async () => {
    const bus = new FlakyBus();
    // Fast polling for a test: 20 ms after work, doubling up to 400 ms while nothing is found.
    const relay = new OutboxRelay(db, bus, log, { pollIntervalMs: 20, idlePollMaxMs: 400 });
    const statements = jest.spyOn(db.logger, 'logQuery');
    relay.start();
    try {
      await sleep(1_000);
      statements.mockClear();
      await sleep(2_000);
      // Every statement counts, BEGIN and COMMIT too: a round is 3, every 400 ms (at 20 ms it would be 150 a second).
      const perSecond = statements.mock.calls.length / 2;
      expect(perSecond).toBeLessThanOrEqual(10);
      const [id] = await record(1);
      for (let i = 0; i < 50 && bus.published.length === 0; i++) await sleep(10);
      expect(bus.published).toEqual([id]);
    } finally {
      statements.mockRestore();
      await relay.stop();
    }
  });
});

describe('relay backoff', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [7, 60_000],
    [100, 60_000],
  ])('after %i failed attempts waits %i ms', (attempts, delay) => {
    expect(relayBackoffMs(attempts, 1_000, 60_000)).toBe(delay);
  });
});
