/**
 * The outbox and consumer series of /metrics while a private nats-server is stopped and started
 * again: events recorded during the outage raise the backlog and the age of the oldest
 * unpublished one, and once NATS is back the backlog drains, the published counter and the
 * consumer's deliveries move, and the lag shows how long those events waited.
 * Skipped when nats-server is not installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Entity, PrimaryColumn, type DataSource } from 'typeorm';
import {
  createLogger,
  deliverOnce,
  inTransaction,
  metricsRegistry,
  NatsBus,
  openDatabase,
  OutboxRelay,
  PLATFORM_ENTITIES,
  recordEvent,
  trackServiceMetrics,
} from '@omni/platform';
import { freePort, NATS_SERVER, NatsServer, waitFor } from './nats-server';

const ORDER_PLACED = 'orders.order.placed';
const CONSUMER = 'loyalty-earn';

@Entity('metrics_test_order')
class TestOrder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;
}

@Entity('metrics_test_earned')
class Earned {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  orderId!: string;
}

/** One series' value as a scrape would read it (a histogram's by its `_count` or `_sum`). */
async function series(name: string, labels: Record<string, string>, sample = name): Promise<number> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  const { values } = await metric.get();
  const found = values.find(
    (v) => (v.metricName ?? name) === sample && Object.entries(labels).every(([key, value]) => v.labels[key] === value),
  );
  return found?.value ?? 0;
}

const describeWithNats = NATS_SERVER ? describe : describe.skip;

describeWithNats('outbox and consumer metrics across a NATS outage', () => {
  const log = createLogger('test', 'silent');
  const storeDir = mkdtempSync(join(tmpdir(), 'omni-nats-metrics-'));
  const orders = { service: 'orders' };
  const loyalty = { service: 'loyalty', consumer: CONSUMER };
  let nats: NatsServer;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let producerBus: NatsBus;
  let consumerBus: NatsBus;
  let relay: OutboxRelay;
  const untrack: (() => void)[] = [];

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
  const placeOrder = () =>
    inTransaction(producerDb, async (manager) => {
      const id = `order-${Math.random().toString(36).slice(2, 10)}`;
      await manager.insert(TestOrder, { id });
      return recordEvent(manager, ORDER_PLACED, { orderId: id }, null);
    });
  const applied = () => series('event_deliveries_total', { ...loyalty, outcome: 'applied' });

  beforeAll(async () => {
    nats = new NatsServer(await freePort(), storeDir);
    await nats.start();
    producerDb = await openTestDatabase('orders', TestOrder);
    consumerDb = await openTestDatabase('loyalty', Earned);
    untrack.push(trackServiceMetrics('orders', producerDb), trackServiceMetrics('loyalty', consumerDb));
    const busOptions = { url: nats.url, namespace: 'metricstest', log, ackWaitMs: 2_000, retryDelayMs: 200 };
    producerBus = new NatsBus(busOptions);
    consumerBus = new NatsBus(busOptions);
    producerBus.start();
    consumerBus.start();
    await Promise.all([producerBus.whenReady(5_000), consumerBus.whenReady(5_000)]);
    // What startService wires: the relay with its service's name, each delivery through deliverOnce.
    await consumerBus.subscribe({
      durable: CONSUMER,
      types: [ORDER_PLACED],
      handle: async (event) => {
        await deliverOnce(
          consumerDb,
          CONSUMER,
          event,
          async (manager, e) => void (await manager.insert(Earned, { orderId: (e.payload as { orderId: string }).orderId })),
          { maxDeliveries: 8, log, service: 'loyalty' },
        );
      },
    });
    relay = new OutboxRelay(producerDb, producerBus, log, { pollIntervalMs: 100, service: 'orders' });
    relay.start();
  }, 20_000);

  afterAll(async () => {
    try {
      for (const stop of untrack) stop();
      await relay?.stop();
      await Promise.allSettled([producerBus?.close(), consumerBus?.close()]);
      await Promise.allSettled([producerDb?.destroy(), consumerDb?.destroy()]);
    } finally {
      await nats?.stop();
      rmSync(storeDir, { recursive: true, force: true });
    }
  });

  it('shows the backlog growing and aging while NATS is down, then draining into the published and delivered counts', async () => {
    // Up: one event goes through, nothing waits.
    await placeOrder();
    await waitFor(async () => (await applied()) === 1, 'the first event to be applied');
    expect(await series('outbox_events_published_total', orders)).toBe(1);
    expect(await series('outbox_backlog', orders)).toBe(0);
    expect(await series('outbox_oldest_unpublished_age_seconds', orders)).toBe(0);

    // Down: three orders commit, their events wait in the outbox and grow older.
    await nats.stop();
    await waitFor(() => !producerBus.isReady() && !consumerBus.isReady(), 'the buses to notice the outage');
    const down = Date.now();
    for (let i = 0; i < 3; i++) await placeOrder();
    await waitFor(async () => (await series('outbox_failing', orders)) >= 1, 'the relay to try and fail');
    expect(await series('outbox_backlog', orders)).toBe(3);
    const age = await series('outbox_oldest_unpublished_age_seconds', orders);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await series('outbox_oldest_unpublished_age_seconds', orders)).toBeGreaterThanOrEqual(age + 1);
    expect(await series('outbox_events_published_total', orders)).toBe(1);
    expect(await applied()).toBe(1);

    // Back (same port and store): the backlog drains, the counters move, the lag shows the wait.
    await nats.start();
    await waitFor(async () => (await series('outbox_backlog', orders)) === 0, 'the backlog to drain', 15_000);
    expect(await series('outbox_oldest_unpublished_age_seconds', orders)).toBe(0);
    expect(await series('outbox_failing', orders)).toBe(0);
    expect(await series('outbox_events_published_total', orders)).toBe(4);
    await waitFor(async () => (await applied()) === 4, 'the delayed events to be applied', 15_000);
    const lagCount = await series('event_consumer_lag_seconds', loyalty, 'event_consumer_lag_seconds_count');
    const lagSum = await series('event_consumer_lag_seconds', loyalty, 'event_consumer_lag_seconds_sum');
    expect(lagCount).toBe(4);
    // The three delayed events waited at least the outage (placed after `down`, applied after the restart).
    const outage = (Date.now() - down) / 1000;
    expect(lagSum).toBeGreaterThan(3 * 1);
    expect(lagSum).toBeLessThan(4 * outage + 1);
    expect(await series('event_deliveries_total', { ...loyalty, outcome: 'parked' })).toBe(0);
  }, 60_000);
});
