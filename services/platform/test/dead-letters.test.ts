/**
 * Consumers that cannot jam: an event a consumer keeps failing on is delivered at most
 * EVENT_MAX_DELIVERIES times, then parked in `dead_letter` and acknowledged; the events behind it
 * go on. A replay applies it through `applyOnce` once the cause is fixed. Then pruning, and the
 * settings that bound it. On SQLite and (with TEST_DATABASE_URL) PostgreSQL; on the in-process
 * bus and (with TEST_NATS_URL) NATS JetStream.
 */
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  ConfigError,
  createLogger,
  DeadLetter,
  deadLetterSummary,
  DEFAULT_EVENT_SETTINGS,
  deliverOnce,
  InProcessBus,
  inTransaction,
  NatsBus,
  OutboxEvent,
  OutboxRelay,
  ProcessedEvent,
  pruneEvents,
  readEventSettings,
  recordEvent,
  redeliveryHorizonMs,
  registerConsumers,
  replayDeadLetter,
  replayDeadLetters,
  type EventApplier,
  type EventBus,
  type EventEnvelope,
} from '@omni/platform';
import { Column, Entity, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import { DIALECTS, testDatabase, type TestDatabase } from './databases';

/** What the consumer changes: one counter per key, so a double apply shows. */
@Entity('test_tally')
class Tally {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key!: string;

  @Column({ type: 'int' })
  count!: number;
}

const TEST_NATS_URL = process.env.TEST_NATS_URL || undefined;
const BUSES = TEST_NATS_URL ? ['in-process', 'nats'] : ['in-process'];
const CONSUMER = 'platformtest-tally';
const TYPE = 'platformtest.thing.happened';
const MAX_DELIVERIES = 3;
const log = createLogger('test', 'silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 8_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.each(DIALECTS)('dead letters on %s', (dialect) => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await testDatabase(dialect, [Tally]);
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  const count = async (key: string) => (await db.getRepository(Tally).findOneBy({ key }))?.count ?? 0;
  const letter = (eventId: string) => db.getRepository(DeadLetter).findOneBy({ consumer: CONSUMER, eventId });

  describe.each(BUSES)('through the %s bus', (busKind) => {
    let bus: EventBus;
    let relay: OutboxRelay;
    let namespace: string | null = null;
    /** Keys the handler fails on, with the error it throws. */
    const broken = new Map<string, string>();
    const deliveries: string[] = [];
    const handle: EventApplier = async (manager: EntityManager, event: EventEnvelope) => {
      const { key } = event.payload as { key: string };
      const failure = broken.get(key);
      if (failure) throw new Error(failure);
      const row = await manager.findOneBy(Tally, { key });
      if (row) await manager.increment(Tally, { key }, 'count', 1);
      else await manager.insert(Tally, { key, count: 1 });
    };

    beforeAll(async () => {
      if (busKind === 'nats') {
        namespace = `t${process.pid}_${randomBytes(4).toString('hex')}`;
        const nats = new NatsBus({ url: TEST_NATS_URL!, namespace, log, retryDelayMs: 100, ackWaitMs: 2_000 });
        nats.start();
        await nats.whenReady(5_000);
        bus = nats;
      } else {
        bus = new InProcessBus(log);
      }
      // Published through the outbox as services do: on the in-process bus the relay is what
      // delivers a failed event again (after 100 ms, then 200 ms), on NATS JetStream is.
      relay = new OutboxRelay(db, bus, log, { pollIntervalMs: 20, retryDelayMs: 100 });
      relay.start();
      // What startService subscribes for a consumer.
      registerConsumers(db, new Map([[CONSUMER, handle]]));
      await bus.subscribe({
        durable: CONSUMER,
        types: [TYPE],
        handle: async (event) => {
          deliveries.push(event.id);
          await deliverOnce(db, CONSUMER, event, handle, { maxDeliveries: MAX_DELIVERIES, log });
        },
      });
    });
    afterAll(async () => {
      await relay?.stop();
      await bus?.close();
      if (namespace) {
        const nc = await connect({ servers: TEST_NATS_URL });
        await (await jetstreamManager(nc)).streams.delete(namespace.toUpperCase()).catch(() => undefined);
        await nc.close();
      }
    });

    const publish = (key: string) => inTransaction(db, (manager) => recordEvent(manager, TYPE, { key }, null));
    const deliveriesOf = (id: string) => deliveries.filter((d) => d === id).length;

    it('parks an event after the maximum deliveries, acknowledged, without holding back the next', async () => {
      const key = `poison-${busKind}`;
      broken.set(key, 'the handler cannot apply this');
      const poison = await publish(key);
      const next = await publish(`next-${busKind}`);

      await waitFor(async () => (await count(`next-${busKind}`)) === 1, 'the event behind it to be applied');
      const parked = await waitFor(
        async () => (await letter(poison.id))?.parkedAt && letter(poison.id),
        'the letter to be parked',
      );
      expect(parked).toMatchObject({
        type: TYPE,
        error: 'the handler cannot apply this',
        attempts: MAX_DELIVERIES,
        replayedAt: null,
      });
      expect(JSON.parse(parked.envelope)).toEqual(poison);
      expect(parked.firstFailedAt.getTime()).toBeLessThanOrEqual(parked.lastFailedAt.getTime());

      // Acknowledged: no further delivery.
      await sleep(300);
      expect(deliveriesOf(poison.id)).toBe(MAX_DELIVERIES);
      expect(deliveriesOf(next.id)).toBe(1);
      expect(await db.getRepository(ProcessedEvent).countBy({ consumer: CONSUMER, eventId: poison.id })).toBe(0);
      expect(await deadLetterSummary(db)).toMatchObject({ count: 1, lastError: 'the handler cannot apply this' });

      // A replay while the cause remains: still parked, one more attempt, the new error.
      broken.set(key, 'still broken');
      expect(await replayDeadLetter(db, parked)).toEqual({
        consumer: CONSUMER,
        eventId: poison.id,
        replayed: false,
        error: 'still broken',
      });
      expect(await letter(poison.id)).toMatchObject({ attempts: MAX_DELIVERIES + 1, error: 'still broken', replayedAt: null });

      // Fixed: the replay applies it once and marks the letter; a second replay finds nothing to do.
      broken.delete(key);
      expect(await replayDeadLetters(db, { eventIds: [poison.id] })).toEqual([
        { consumer: CONSUMER, eventId: poison.id, replayed: true, error: null },
      ]);
      expect(await count(key)).toBe(1);
      expect((await letter(poison.id))?.replayedAt).not.toBeNull();
      expect(await replayDeadLetters(db)).toEqual([]);
      expect(await deadLetterSummary(db)).toEqual({ count: 0, lastError: null, lastFailedAt: null });
      expect(await count(key)).toBe(1);
    });

    it('forgets the failures of an event that goes through before the maximum', async () => {
      const key = `flaky-${busKind}`;
      broken.set(key, 'transient');
      const event = await publish(key);
      // Redelivered after 100 ms, then 200 ms: fixed before the third and last delivery.
      await waitFor(async () => (await letter(event.id))?.attempts === 1, 'the first failure to be counted');
      broken.delete(key);
      await waitFor(async () => (await count(key)) === 1, 'the redelivery to apply it');
      await waitFor(async () => (await letter(event.id)) === null, 'its failure count to be dropped');
      expect(deliveriesOf(event.id)).toBe(2);
    });
  });

  it('prunes published outbox rows, processed ids and replayed letters past their retention, and nothing else', async () => {
    const hour = 3_600_000;
    const now = new Date();
    const ago = (hours: number) => new Date(now.getTime() - hours * hour);
    const repository = db.getRepository(OutboxEvent);
    await repository.clear();
    await db.getRepository(ProcessedEvent).clear();
    await db.getRepository(DeadLetter).clear();
    const outbox = (eventId: string, publishedAt: Date | null, createdAt: Date) =>
      repository.insert({ eventId, type: TYPE, envelope: '{}', publishedAt, createdAt, attempts: 0 });
    await outbox('old-published', ago(30), ago(30));
    await outbox('recent-published', ago(10), ago(30));
    await outbox('old-unpublished', null, ago(500));
    await db.getRepository(ProcessedEvent).insert([
      { consumer: CONSUMER, eventId: 'old', processedAt: ago(50) },
      { consumer: CONSUMER, eventId: 'recent', processedAt: ago(40) },
    ]);
    const letterRow = (eventId: string, fields: Partial<DeadLetter>) => ({
      consumer: CONSUMER,
      eventId,
      type: TYPE,
      envelope: '{}',
      error: 'x',
      attempts: 1,
      firstFailedAt: ago(100),
      lastFailedAt: ago(100),
      parkedAt: null,
      replayedAt: null,
      ...fields,
    });
    await db
      .getRepository(DeadLetter)
      .insert([
        letterRow('replayed-long-ago', { parkedAt: ago(100), replayedAt: ago(60) }),
        letterRow('replayed-recently', { parkedAt: ago(100), replayedAt: ago(1) }),
        letterRow('parked-long-ago', { parkedAt: ago(100) }),
        letterRow('stopped-failing-long-ago', {}),
        letterRow('failing-now', { lastFailedAt: ago(0.1) }),
      ]);

    const settings = { outboxRetentionHours: 24, processedEventRetentionHours: 48 };
    expect(await pruneEvents(db, now, settings)).toEqual({ outboxEvents: 1, processedEvents: 1, deadLetters: 2 });
    expect((await repository.find({ order: { eventId: 'ASC' } })).map((r) => r.eventId)).toEqual([
      'old-unpublished',
      'recent-published',
    ]);
    expect((await db.getRepository(ProcessedEvent).find()).map((r) => r.eventId)).toEqual(['recent']);
    expect((await db.getRepository(DeadLetter).find({ order: { eventId: 'ASC' } })).map((r) => r.eventId)).toEqual([
      'failing-now',
      'parked-long-ago',
      'replayed-recently',
    ]);
    expect(await pruneEvents(db, now, settings)).toEqual({ outboxEvents: 0, processedEvents: 0, deadLetters: 0 });
  });
});

describe('event settings', () => {
  const errorOf = (env: NodeJS.ProcessEnv): ConfigError => {
    try {
      readEventSettings(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
  };

  it('has defaults of days, and a de-duplication window longer than any redelivery', () => {
    expect(readEventSettings({})).toEqual(DEFAULT_EVENT_SETTINGS);
    expect(DEFAULT_EVENT_SETTINGS.outboxRetentionHours).toBeGreaterThanOrEqual(24);
    expect(DEFAULT_EVENT_SETTINGS.processedEventRetentionHours * 3_600_000).toBeGreaterThan(
      redeliveryHorizonMs(DEFAULT_EVENT_SETTINGS.maxDeliveries),
    );
    expect(
      readEventSettings({ EVENT_MAX_DELIVERIES: '5', OUTBOX_RETENTION_HOURS: '12', PROCESSED_EVENT_RETENTION_HOURS: '1.5' }),
    ).toEqual({ maxDeliveries: 5, outboxRetentionHours: 12, processedEventRetentionHours: 1.5 });
  });

  it('names the variable of a malformed value', () => {
    expect(errorOf({ EVENT_MAX_DELIVERIES: '0' }).variable).toBe('EVENT_MAX_DELIVERIES');
    expect(errorOf({ EVENT_MAX_DELIVERIES: 'many' }).variable).toBe('EVENT_MAX_DELIVERIES');
    expect(errorOf({ OUTBOX_RETENTION_HOURS: '-1' }).variable).toBe('OUTBOX_RETENTION_HOURS');
    expect(errorOf({ PROCESSED_EVENT_RETENTION_HOURS: 'a week' }).variable).toBe('PROCESSED_EVENT_RETENTION_HOURS');
  });

  it('refuses a de-duplication window shorter than the JetStream duplicate window and the redeliveries', () => {
    const error = errorOf({ PROCESSED_EVENT_RETENTION_HOURS: '0.01' });
    expect(error.variable).toBe('PROCESSED_EVENT_RETENTION_HOURS');
    expect(error.message).toMatch(/^configuration error: PROCESSED_EVENT_RETENTION_HOURS must be longer than/);
    expect(error.message).not.toMatch(/\n/);
    // Enough for the default deliveries, not for a hundred of them.
    expect(readEventSettings({ PROCESSED_EVENT_RETENTION_HOURS: '1' }).processedEventRetentionHours).toBe(1);
    expect(errorOf({ PROCESSED_EVENT_RETENTION_HOURS: '1', EVENT_MAX_DELIVERIES: '100' }).variable).toBe(
      'PROCESSED_EVENT_RETENTION_HOURS',
    );
  });
});
