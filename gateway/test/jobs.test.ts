import { newEnvelope } from '@omni/platform';
import { LessThanOrEqual, type DataSource } from 'typeorm';
import { StockMovement } from '../../services/inventory/src/entities/movement';
import { StockReservation } from '../../services/inventory/src/entities/reservation';
import { asService, eventually, send, startTestSystem, type TestSystem } from './harness';

/**
 * The services' jobs through the system: reservation expiry in inventory (an order confirms its
 * reservations; what no order confirms is released), every job runs on demand, and ADMIN sees
 * each job's last run in the Operations view.
 */
const RESERVE = /* GraphQL */ `
  mutation Reserve($input: ReserveStockInput!) {
    reserveStock(input: $input) {
      reservations {
        lineId
        status
      }
      userErrors {
        code
      }
    }
  }
`;

const JOBS = (service: string) => /* GraphQL */ `
  query Jobs {
    operations {
      ${service} {
        service
        jobs {
          name
          intervalSeconds
          lastStartedAt
          lastFinishedAt
          lastResult
          lastError
        }
      }
    }
  }
`;

describe('jobs', () => {
  let t: TestSystem;
  let db: DataSource;
  let warehouse: string;
  let store: string;
  let customerId: string;

  const reserve = async (orderId: string, lines: { lineId: string; sku: string; quantity: number }[]) => {
    const data = await asService(t, 'inventory')(RESERVE, {
      input: { orderId, lines: lines.map((l) => ({ ...l, locationId: warehouse })) },
    });
    expect(data.reserveStock.userErrors).toEqual([]);
  };
  const rows = (orderId: string) => db.getRepository(StockReservation).find({ where: { orderId }, order: { lineId: 'ASC' } });
  const stock = async (locationId: string, sku: string) =>
    (await send(t.client, 'SetStock', { input: { locationId, sku, onHand: 10 } })).setStock.stock;
  const level = async (locationId: string, sku: string) =>
    (
      await t.client.request<any>(`query L($l: ID!, $s: String!) { stock(locationId: $l, sku: $s) { reserved available } }`, {
        l: locationId,
        s: sku,
      })
    ).stock;
  /** Time passes: the order's unconfirmed reservations are past their expiry. */
  const age = (orderId: string) =>
    db.getRepository(StockReservation).update(
      { orderId, expiresAt: LessThanOrEqual(new Date(Date.now() + 86_400_000)) },
      {
        expiresAt: new Date(Date.now() - 1000),
      },
    );

  beforeAll(async () => {
    t = await startTestSystem();
    db = t.system.services.get('inventory')!.db;
    const upsert = async (input: Record<string, unknown>) =>
      (await send(t.client, 'UpsertLocation', { input })).upsertLocation.location.id as string;
    warehouse = await upsert({ name: 'Jobs DC', type: 'WAREHOUSE', lat: 40.5, lng: -74.4, fulfillsOnline: true });
    store = await upsert({ name: 'Jobs Store', type: 'STORE', lat: 40.7, lng: -74.0, fulfillsOnline: true, pickupEnabled: true });
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Canvas Tote', variants: [{ sku: 'TOTE-1', price: { cents: 2500, currency: 'USD' } }] },
    });
    for (const sku of ['EXP-A', 'EXP-B']) await stock(warehouse, sku);
    await stock(store, 'TOTE-1');
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: { email: 'jobs@example.com', firstName: 'Jo', lastName: 'Bs', channel: 'WEB' },
      })
    ).registerCustomer.customer.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('releases a reservation no order confirmed within its TTL, and keeps a confirmed one', async () => {
    await reserve('never-placed', [{ lineId: 'l1', sku: 'EXP-A', quantity: 2 }]);
    await reserve('placed', [{ lineId: 'l1', sku: 'EXP-A', quantity: 3 }]);
    const [pending] = await rows('never-placed');
    // Unconfirmed: it expires RESERVATION_TTL_SECONDS (15 minutes) after it was made.
    expect(pending!.expiresAt!.getTime() - pending!.createdAt.getTime()).toBe(900_000);
    expect(await t.runJob('inventory', 'reservation-expiry')).toBe(0); // nothing is due yet

    await t.system.bus.publish(
      newEnvelope(
        'orders.order.placed',
        {
          orderId: 'placed',
          number: 'W-PLACED',
          customerId: null,
          channel: 'WEB',
          currency: 'USD',
          subtotalCents: 3000,
          discountCents: 0,
          totalCents: 3000,
          lines: [{ lineId: 'l1', sku: 'EXP-A', quantity: 3, unitPriceCents: 1000 }],
        },
        'WEB',
      ),
    );
    await eventually(
      () => rows('placed'),
      (r) => r[0]?.expiresAt === null,
    );
    expect((await rows('placed'))[0]!.expiresAt).toBeNull();

    await age('never-placed');
    await age('placed'); // nothing: a confirmed reservation has no expiry
    expect(await level(warehouse, 'EXP-A')).toEqual({ reserved: 5, available: 5 });
    expect(await t.runJob('inventory', 'reservation-expiry')).toBe(1);
    expect(await rows('never-placed')).toEqual([expect.objectContaining({ status: 'RELEASED' })]);
    expect(await rows('placed')).toEqual([expect.objectContaining({ status: 'ACTIVE', expiresAt: null })]);
    expect(await level(warehouse, 'EXP-A')).toEqual({ reserved: 3, available: 7 });
    expect(
      await db.getRepository(StockMovement).findBy({ sku: 'EXP-A', reference: 'order:never-placed', kind: 'RELEASE' as never }),
    ).toEqual([expect.objectContaining({ reason: 'EXPIRED', reservedChange: -2 })]);
    expect(await t.runJob('inventory', 'reservation-expiry')).toBe(0); // a second run finds nothing
  });

  it('a confirmed order confirms what it reserves later; orders.order.modified confirms too', async () => {
    // A modification of a placed order re-reserves a line and adds one: confirmed at once.
    await reserve('placed', [
      { lineId: 'l1', sku: 'EXP-A', quantity: 4 },
      { lineId: 'l2', sku: 'EXP-B', quantity: 1 },
    ]);
    expect((await rows('placed')).map((r) => [r.lineId, r.status, r.expiresAt])).toEqual([
      ['l1', 'ACTIVE', null],
      ['l2', 'ACTIVE', null],
    ]);
    // An order inventory has not seen placed yet: its modification event confirms it.
    await reserve('modified', [{ lineId: 'l1', sku: 'EXP-B', quantity: 1 }]);
    await t.system.bus.publish(
      newEnvelope(
        'orders.order.modified',
        {
          orderId: 'modified',
          number: 'W-MODIFIED',
          customerId: null,
          channel: 'WEB',
          actor: null,
          currency: 'USD',
          subtotalCents: 1000,
          discountCents: 0,
          totalCents: 1000,
          changes: [{ lineId: 'l1', fromSku: 'EXP-A', sku: 'EXP-B', fromQuantity: 1, quantity: 1, unitPriceCents: 1000 }],
          lines: [{ lineId: 'l1', sku: 'EXP-B', quantity: 1, unitPriceCents: 1000, status: 'OPEN' }],
        },
        'WEB',
      ),
    );
    await eventually(
      () => rows('modified'),
      (r) => r[0]?.expiresAt === null,
    );
    await age('placed');
    await age('modified');
    expect(await t.runJob('inventory', 'reservation-expiry')).toBe(0);
    expect(await level(warehouse, 'EXP-B')).toEqual({ reserved: 2, available: 8 });
  });

  it('confirms, instead of releasing, a row of a confirmed order that missed its confirmation', async () => {
    // A row reserved while the order's confirmation waited for the order's locks keeps its expiry.
    await reserve('placed', [{ lineId: 'l3', sku: 'EXP-A', quantity: 1 }]);
    await db
      .getRepository(StockReservation)
      .update({ orderId: 'placed', lineId: 'l3' }, { expiresAt: new Date(Date.now() - 1000) });
    const before = await level(warehouse, 'EXP-A');
    expect(await t.runJob('inventory', 'reservation-expiry')).toBe(0);
    expect((await rows('placed')).map((r) => [r.lineId, r.status, r.expiresAt])).toEqual([
      ['l1', 'ACTIVE', null],
      ['l2', 'ACTIVE', null],
      ['l3', 'ACTIVE', null],
    ]);
    expect(await level(warehouse, 'EXP-A')).toEqual(before);
  });

  it('an order placed through the gateway confirms its reservations, also after a modification', async () => {
    const placed = await send(t.client, 'PlaceOrder', {
      input: {
        customerId,
        channel: 'STORE',
        idempotencyKey: 'jobs-order-1',
        lines: [{ sku: 'TOTE-1', quantity: 1 }],
        fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: store },
      },
    });
    expect(placed.placeOrder.userErrors).toEqual([]);
    const orderId = placed.placeOrder.order.id as string;
    const confirmed = await eventually(
      () => rows(orderId),
      (r) => r.length > 0 && r.every((row) => row.expiresAt === null),
    );
    expect(confirmed).toEqual([expect.objectContaining({ sku: 'TOTE-1', quantity: 1, status: 'ACTIVE', expiresAt: null })]);

    const lineId = confirmed[0]!.lineId;
    const modified = await send(t.client, 'ModifyOrder', {
      input: { orderId, channel: 'STORE', changes: [{ lineId, quantity: 2 }] },
    });
    expect(modified.modifyOrder.userErrors).toEqual([]);
    expect(await rows(orderId)).toEqual([expect.objectContaining({ quantity: 2, status: 'ACTIVE', expiresAt: null })]);
    expect(await t.runJob('inventory', 'reservation-expiry')).toBe(0);
    expect(await level(store, 'TOTE-1')).toEqual({ reserved: 2, available: 8 });
  });

  it('runs every job of every service on demand', async () => {
    const jobs: [string, string][] = [
      ['inventory', 'reservation-expiry'],
      ['inventory', 'appointment-reminders'],
      ['orders', 'due-subscriptions'],
      ['orders', 'settle-payments'],
      ['orders', 'webhook-dispatch'],
      ['orders', 'shopping-list-auto-fill'],
      ['orders', 'wallet-top-ups'],
      ['loyalty', 'maintenance'],
      ...['crm', 'catalog', 'inventory', 'orders', 'loyalty'].map((service): [string, string] => [service, 'outbox-prune']),
    ];
    for (const [service, name] of jobs) expect(await t.runJob(service, name)).toBeGreaterThanOrEqual(0);
  });

  it("shows ADMIN each job's interval and last run in the Operations view", async () => {
    await t.runJob('inventory', 'reservation-expiry');
    const data = await t.client.request<any>(JOBS('inventory'));
    const job = data.operations.inventory.jobs.find((j: { name: string }) => j.name === 'reservation-expiry');
    expect(job).toEqual({
      name: 'reservation-expiry',
      intervalSeconds: 60,
      lastStartedAt: expect.any(String),
      lastFinishedAt: expect.any(String),
      lastResult: 0,
      lastError: null,
    });
    expect(Date.parse(job.lastFinishedAt)).toBeGreaterThanOrEqual(Date.parse(job.lastStartedAt));
    const orders = await t.client.request<any>(JOBS('orders'));
    expect(
      orders.operations.orders.jobs.map((j: { name: string; intervalSeconds: number }) => [j.name, j.intervalSeconds]),
    ).toEqual([
      ['due-subscriptions', 3600],
      ['outbox-prune', 3600],
      ['settle-payments', 60],
      ['shopping-list-auto-fill', 3600],
      ['wallet-top-ups', 60],
      ['webhook-dispatch', 5],
    ]);

    // Not for anyone else: a CSR gets FORBIDDEN and no jobs.
    const csr = await t.signedIn({ role: 'CSR', subject: 'csr-jobs' });
    await expect(csr.request(JOBS('orders'))).rejects.toThrow(/FORBIDDEN|not authorized|Access denied/i);
  });
});
