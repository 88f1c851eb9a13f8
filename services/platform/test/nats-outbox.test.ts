/**
 * The outbox, the NATS JetStream bus and `applyOnce` against a real nats-server that the test
 * stops and restarts: an event committed while NATS is down still arrives, and a duplicate
 * (same id published twice, or the same event delivered twice) changes the consumer's state once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import { Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';
import {
  applyOnce,
  createLogger,
  DEV_EVENT_SECRET,
  EVENT_SIGNATURE_HEADER,
  inTransaction,
  NatsBus,
  newEnvelope,
  openDatabase,
  OutboxEvent,
  OutboxRelay,
  PLATFORM_ENTITIES,
  ProcessedEvent,
  recordEvent,
  signEventBody,
  type EventEnvelope,
} from '@omni/platform';
import { freePort, NatsServer, waitFor } from './nats-server';

const NAMESPACE = 'outboxtest';
const STREAM = NAMESPACE.toUpperCase();
const ORDER_PLACED = 'orders.order.placed';
const CONSUMER = 'loyalty-points';

/** Producer-side state: written in the same transaction as its outbox event. */
@Entity('test_order')
class TestOrder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'int' })
  total!: number;
}

/** Consumer-side state: the points the consumer credits for each order placed. */
@Entity('test_points_account')
class PointsAccount {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'int' })
  points!: number;
}

interface OrderPlaced {
  orderId: string;
  customerId: string;
  total: number;
  /** Test hook: the consumer fails after its transaction committed, the first time it sees this. */
  crashAfterCommit?: boolean;
}

interface Delivery {
  id: string;
  applied: boolean;
}

// ---------------------------------------------------------------------------------------------

describe('transactional outbox over NATS JetStream', () => {
  const log = createLogger('test', 'silent');
  const storeDirs = [mkdtempSync(join(tmpdir(), 'omni-nats-'))];
  let nats: NatsServer;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let producerBus: NatsBus;
  let consumerBus: NatsBus;
  let relay: OutboxRelay;
  const deliveries: Delivery[] = [];
  const crashed = new Set<string>();

  const openTestDatabase = async (service: string, entity: Function) => {
    const db = await openDatabase({
      service,
      entities: [...PLATFORM_ENTITIES, entity],
      migrations: { postgres: [], sqlite: [] },
      dataDir: ':memory:',
      migrate: false,
    });
    await db.synchronize();
    return db;
  };

  /** What a service command does: the state change and its event in one transaction. */
  const placeOrder = (customerId: string, total: number, extra: Partial<OrderPlaced> = {}) =>
    inTransaction(producerDb, async (manager) => {
      const orderId = `order-${Math.random().toString(36).slice(2, 10)}`;
      await manager.insert(TestOrder, { id: orderId, customerId, total });
      return recordEvent<OrderPlaced>(manager, ORDER_PLACED, { orderId, customerId, total, ...extra }, null);
    });

  const pointsOf = async (customerId: string) => (await consumerDb.manager.findOneBy(PointsAccount, { customerId }))?.points ?? 0;
  const deliveriesOf = (id: string) => deliveries.filter((d) => d.id === id);
  const outboxRow = (eventId: string) => producerDb.manager.findOneByOrFail(OutboxEvent, { eventId });

  /** A raw JetStream client, for what the bus does not expose: stream counts, foreign publishes. */
  const withJetStream = async <T>(work: (nc: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> => {
    const nc = await connect({ servers: nats.url });
    try {
      return await work(nc);
    } finally {
      await nc.close();
    }
  };
  const streamMessages = () =>
    withJetStream(async (nc) => (await (await jetstreamManager(nc)).streams.info(STREAM)).state.messages);

  beforeAll(async () => {
    nats = new NatsServer(await freePort(), storeDirs[0]);
    await nats.start();

    producerDb = await openTestDatabase('orders', TestOrder);
    consumerDb = await openTestDatabase('loyalty', PointsAccount);

    // Two services, two connections: like the distributed mode, one bus per process.
    const busOptions = { url: nats.url, namespace: NAMESPACE, log, ackWaitMs: 2_000, retryDelayMs: 200 };
    producerBus = new NatsBus(busOptions);
    consumerBus = new NatsBus(busOptions);
    producerBus.start();
    consumerBus.start();
    await Promise.all([producerBus.whenReady(5_000), consumerBus.whenReady(5_000)]);

    // What startService wires for a consumer definition.
    await consumerBus.subscribe({
      durable: CONSUMER,
      types: [ORDER_PLACED],
      handle: async (event: EventEnvelope) => {
        const applied = await applyOnce(consumerDb, CONSUMER, event, async (manager, e) => {
          const { customerId, total } = e.payload as OrderPlaced;
          const account = await manager.findOneBy(PointsAccount, { customerId });
          if (account) await manager.increment(PointsAccount, { customerId }, 'points', total);
          else await manager.insert(PointsAccount, { customerId, points: total });
        });
        deliveries.push({ id: event.id, applied });
        const payload = event.payload as OrderPlaced;
        if (payload.crashAfterCommit && !crashed.has(event.id)) {
          crashed.add(event.id);
          throw new Error('crashed after commit, before the ack');
        }
      },
    });

    relay = new OutboxRelay(producerDb, producerBus, log, { pollIntervalMs: 100 });
    relay.start();
  }, 20_000);

  afterAll(async () => {
    try {
      await relay?.stop();
      await Promise.allSettled([producerBus?.close(), consumerBus?.close()]);
      await Promise.allSettled([producerDb?.destroy(), consumerDb?.destroy()]);
    } finally {
      await nats?.stop();
      for (const dir of storeDirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('delivers an event recorded while NATS is down once NATS is back', async () => {
    // The pipeline works while NATS is up.
    const before = await placeOrder('alice', 10);
    await waitFor(async () => (await pointsOf('alice')) === 10, 'the first order to be credited');
    expect((await outboxRow(before.id)).publishedAt).not.toBeNull();

    await nats.stop();
    await waitFor(() => !producerBus.isReady() && !consumerBus.isReady(), 'the buses to notice the outage');

    // The order commits although the bus is down: the event waits in the outbox.
    const during = await placeOrder('alice', 25);
    await waitFor(async () => (await outboxRow(during.id)).attempts >= 1, 'the relay to try and fail');
    const pending = await outboxRow(during.id);
    expect(pending.publishedAt).toBeNull();
    expect(await producerDb.manager.countBy(TestOrder, { customerId: 'alice' })).toBe(2);
    expect(deliveriesOf(during.id)).toHaveLength(0);

    // Same port, same store: the stream and the durable consumer survive the restart.
    await nats.start();
    await waitFor(async () => (await outboxRow(during.id)).publishedAt !== null, 'the relay to publish after restart');
    await waitFor(async () => (await pointsOf('alice')) === 35, 'the consumer to credit the delayed order', 10_000);
    expect(deliveriesOf(during.id)).toEqual([{ id: during.id, applied: true }]);
    expect(await consumerDb.manager.countBy(ProcessedEvent, { consumer: CONSUMER, eventId: during.id })).toBe(1);
  }, 20_000);

  it('keeps one copy in the stream when the same event id is published twice', async () => {
    await producerBus.whenReady(5_000);
    const before = await streamMessages();

    // The bus publishing the same envelope twice (a retry after a lost PubAck).
    const event = newEnvelope<OrderPlaced>(ORDER_PLACED, { orderId: 'o-dup', customerId: 'bob', total: 7 }, null);
    await producerBus.publish(event);
    await producerBus.publish(event);

    // The relay publishing an outbox row again (it crashed between publish and marking the row).
    const recorded = await placeOrder('bob', 3);
    await waitFor(async () => (await outboxRow(recorded.id)).publishedAt !== null, 'the relay to publish');
    await producerDb.manager.update(OutboxEvent, { eventId: recorded.id }, { publishedAt: null });
    await waitFor(async () => (await outboxRow(recorded.id)).publishedAt !== null, 'the relay to publish it again');

    expect(await streamMessages()).toBe(before + 2);

    // The consumer sees events of one type in stream order: once a later sentinel is through,
    // any copy of the earlier ones would have been delivered too.
    const sentinel = newEnvelope<OrderPlaced>(ORDER_PLACED, { orderId: 'o-sentinel', customerId: 'carol', total: 1 }, null);
    await producerBus.publish(sentinel);
    await waitFor(() => deliveriesOf(sentinel.id).length > 0, 'the sentinel to be consumed');
    expect(deliveriesOf(event.id)).toEqual([{ id: event.id, applied: true }]);
    expect(deliveriesOf(recorded.id)).toEqual([{ id: recorded.id, applied: true }]);
    expect(await pointsOf('bob')).toBe(10);
  }, 15_000);

  it('applies an event delivered twice exactly once', async () => {
    await consumerBus.whenReady(5_000);

    // 1. JetStream redelivers: the handler committed, then failed before the ack (nak).
    const redelivered = await placeOrder('dave', 40, { crashAfterCommit: true });
    await waitFor(() => deliveriesOf(redelivered.id).length >= 2, 'the nak-ed event to come back');
    expect(deliveriesOf(redelivered.id)).toEqual([
      { id: redelivered.id, applied: true },
      { id: redelivered.id, applied: false },
    ]);

    // 2. The same event republished past the stream's duplicate window (a new Nats-Msg-Id).
    const republished = await placeOrder('dave', 5);
    await waitFor(() => deliveriesOf(republished.id).length === 1, 'the event to be consumed');
    await withJetStream(async (nc) => {
      const envelope = JSON.parse((await outboxRow(republished.id)).envelope) as EventEnvelope;
      // Signed like the bus signs, or the consumer would reject it unread.
      const body = JSON.stringify(envelope);
      const signed = headers();
      signed.set(EVENT_SIGNATURE_HEADER, signEventBody(body, DEV_EVENT_SECRET));
      await jetstream(nc).publish(`${NAMESPACE}.${ORDER_PLACED}`, body, {
        msgID: `${envelope.id}-after-window`,
        headers: signed,
      });
    });
    await waitFor(() => deliveriesOf(republished.id).length === 2, 'the republished copy to be consumed');
    expect(deliveriesOf(republished.id)[1]).toEqual({ id: republished.id, applied: false });

    // 3. The handler called directly with the event again.
    await expect(
      applyOnce(consumerDb, CONSUMER, redelivered, async () => {
        throw new Error('must not run for an applied event');
      }),
    ).resolves.toBe(false);

    // State: each order credited once, one processed-event row each.
    expect(await pointsOf('dave')).toBe(45);
    for (const id of [redelivered.id, republished.id]) {
      expect(await consumerDb.manager.countBy(ProcessedEvent, { consumer: CONSUMER, eventId: id })).toBe(1);
    }
  }, 15_000);

  it('resumes consumers after a restart that lost the store, and starts one subscribed during the outage', async () => {
    await nats.stop();
    await waitFor(() => !producerBus.isReady() && !consumerBus.isReady(), 'the buses to notice the outage');

    // A subscription made while the bus is disconnected starts once it reconnects.
    const audited: string[] = [];
    await consumerBus.subscribe({
      durable: 'audit',
      types: [ORDER_PLACED],
      handle: async (event) => {
        audited.push(event.id);
      },
    });

    // Same port, empty store: the stream and the durable consumers are gone and must be recreated.
    storeDirs.push(mkdtempSync(join(tmpdir(), 'omni-nats-')));
    nats = new NatsServer(nats.port, storeDirs[storeDirs.length - 1]);
    await nats.start();
    await Promise.all([producerBus.whenReady(5_000), consumerBus.whenReady(5_000)]);

    const after = await placeOrder('erin', 8);
    await waitFor(async () => (await pointsOf('erin')) === 8, 'the recreated consumer to credit the order', 10_000);
    await waitFor(() => audited.includes(after.id), 'the subscription made during the outage to get the event');
    expect(deliveriesOf(after.id)).toEqual([{ id: after.id, applied: true }]);
  }, 15_000);
});
