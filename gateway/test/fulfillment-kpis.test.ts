import { randomUUID } from 'node:crypto';
import { Fulfillment, Order } from '../../services/orders/src/entities/order';
import type { GatewayClient } from '../src/client';
import { countStatements, send, startTestSystem, type TestSystem } from './harness';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Fulfillment KPIs through the gateway, against a fixture counted by hand: a store with four
 * pickups (two readied 3 and 9 minutes after their orders, one short-picked and one substituted
 * line on the way; one cancelled; one still waiting past its promised date) and a warehouse with
 * one shipment sent on time.
 */
describe('fulfillment KPIs through the gateway', () => {
  let t: TestSystem;
  let customerId: string;
  let store: string;
  let quietStore: string;
  let warehouse: string;
  const today = day(0);

  const place = (fulfillment: Record<string, unknown>, lines: { sku: string; quantity: number }[]) =>
    send(t.client, 'PlaceOrder', {
      input: { customerId, channel: 'CALL_CENTER', idempotencyKey: randomUUID(), lines, fulfillment },
    }).then((d) => {
      expect(d.placeOrder.userErrors).toEqual([]);
      return d.placeOrder.order as { id: string; fulfillments: { id: string }[] };
    });
  const step = async (client: GatewayClient, fulfillmentId: string, action: string, trackingNumber?: string) => {
    const done = await send(client, 'AdvanceFulfillment', { input: { fulfillmentId, action, trackingNumber } });
    expect(done.advanceFulfillment.userErrors).toEqual([]);
  };
  const recordPick = (client: GatewayClient, input: Record<string, unknown>) =>
    client.raw<any>(
      'mutation($input: RecordPickInput!) { recordPick(input: $input) { fulfillment { id } userErrors { field code } } }',
      { input },
    );
  const ordersDb = () => t.system.services.get('orders')!.db;

  beforeAll(async () => {
    t = await startTestSystem();
    const location = async (name: string, type: string, pickupEnabled: boolean) =>
      (
        await send(t.client, 'UpsertLocation', {
          input: { name, type, lat: 48.1, lng: 11.6, fulfillsOnline: type === 'WAREHOUSE', pickupEnabled },
        })
      ).upsertLocation.location.id as string;
    store = await location('Marienplatz Store', 'STORE', true);
    quietStore = await location('Schwabing Store', 'STORE', true);
    warehouse = await location('Munich DC', 'WAREHOUSE', false);
    await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Loden Coat',
        variants: [
          { sku: 'KPI-COAT-M', price: { cents: 29900, currency: 'EUR' } },
          { sku: 'KPI-COAT-L', price: { cents: 29900, currency: 'EUR' } },
          { sku: 'KPI-SCARF', price: { cents: 3900, currency: 'EUR' } },
        ],
      },
    });
    await send(t.client, 'SetStock', { input: { locationId: store, sku: 'KPI-COAT-M', onHand: 20 } });
    await send(t.client, 'SetStock', { input: { locationId: store, sku: 'KPI-COAT-L', onHand: 20 } });
    await send(t.client, 'SetStock', { input: { locationId: warehouse, sku: 'KPI-SCARF', onHand: 20 } });
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'lena@example.com',
          firstName: 'Lena',
          lastName: 'Huber',
          channel: 'WEB',
          address: { line1: 'Sendlinger Str. 1', city: 'München', postalCode: '80331', country: 'DE' },
        },
      })
    ).registerCustomer.customer.id;

    const pickup = { type: 'PICKUP_IN_STORE', pickupLocationId: store };
    const associate = await t.associateAt(store);
    // A: two lines, one short-picked; ready 3 minutes after the order.
    const a = await place(pickup, [
      { sku: 'KPI-COAT-M', quantity: 2 },
      { sku: 'KPI-COAT-L', quantity: 1 },
    ]);
    const aLines = (await t.client.request<any>('query($id: ID!) { order(id: $id) { lines { id sku } } }', { id: a.id })).order
      .lines as { id: string; sku: string }[];
    await step(associate, a.fulfillments[0]!.id, 'PICK');
    const short = await recordPick(associate, {
      fulfillmentId: a.fulfillments[0]!.id,
      lines: [{ orderLineId: aLines.find((l) => l.sku === 'KPI-COAT-M')!.id, pickedQuantity: 1 }],
    });
    expect(short.data.recordPick.userErrors).toEqual([]);
    await step(associate, a.fulfillments[0]!.id, 'READY_FOR_PICKUP');
    // B: one line, substituted; packed, then ready 9 minutes after the order.
    const b = await place(pickup, [{ sku: 'KPI-COAT-M', quantity: 1 }]);
    const bLine = (await t.client.request<any>('query($id: ID!) { order(id: $id) { lines { id } } }', { id: b.id })).order
      .lines[0].id;
    await step(associate, b.fulfillments[0]!.id, 'PICK');
    const swapped = await recordPick(associate, {
      fulfillmentId: b.fulfillments[0]!.id,
      lines: [{ orderLineId: bLine, pickedQuantity: 1, substituteSku: 'KPI-COAT-L' }],
    });
    expect(swapped.data.recordPick.userErrors).toEqual([]);
    await step(associate, b.fulfillments[0]!.id, 'PACK');
    await step(associate, b.fulfillments[0]!.id, 'READY_FOR_PICKUP');
    // C: cancelled before anyone picked it.
    const c = await place(pickup, [{ sku: 'KPI-COAT-L', quantity: 1 }]);
    expect((await send(t.client, 'CancelOrder', { orderId: c.id, channel: 'CALL_CENTER' })).cancelOrder.userErrors).toEqual([]);
    // D: still waiting, its promised date yesterday (late).
    const d = await place(pickup, [{ sku: 'KPI-COAT-L', quantity: 1 }]);
    // E: a shipment from the warehouse, sent on its ship date (today, two days before delivery).
    const e = await place({ type: 'SHIP' }, [{ sku: 'KPI-SCARF', quantity: 1 }]);
    const dc = await t.associateAt(warehouse);
    for (const action of ['PICK', 'PACK']) await step(dc, e.fulfillments[0]!.id, action);
    await step(dc, e.fulfillments[0]!.id, 'SHIP', '1Z999');

    // The clock of the fixture: ready 3 and 9 minutes after placing; D promised for yesterday.
    const fulfillments = ordersDb().getRepository(Fulfillment);
    for (const [order, minutes] of [
      [a, 3],
      [b, 9],
    ] as const) {
      const placed = (await ordersDb().getRepository(Order).findOneByOrFail({ id: order.id })).placedAt;
      await fulfillments.update({ id: order.fulfillments[0]!.id }, { readyAt: new Date(placed.getTime() + minutes * 60_000) });
    }
    await fulfillments.update({ id: d.fulfillments[0]!.id }, { promisedDate: day(-1) });
  });
  afterAll(async () => {
    await t?.close();
  });

  const storeRow = {
    location: { id: '', name: 'Marienplatz Store' },
    // A, B, C, D
    fulfillments: 4,
    // A and B ready on their promised date (today), D past it; C cancelled
    onTimeRate: 0.6667,
    // median of 3 and 9 minutes
    pickupReadyMinutesP50: 6,
    cancelledRate: 0.25,
  };
  const warehouseRow = {
    location: { id: '', name: 'Munich DC' },
    fulfillments: 1,
    onTimeRate: 1,
    pickupReadyMinutesP50: null,
    cancelledRate: 0,
  };

  it('matches the hand-counted fixture for ADMIN, in one orders statement', async () => {
    const counter = countStatements(ordersDb());
    const kpis = (await send(t.client, 'FulfillmentKpis', { from: today, to: today })).fulfillmentKpis;
    counter.stop();
    // Consumers of the fixture's events (webhook deliveries) may still run meanwhile: they are not the query's.
    expect(counter.statements.filter((sql) => !/webhook_/.test(sql))).toHaveLength(1);
    const expected = [
      { ...storeRow, location: { ...storeRow.location, id: store } },
      { ...warehouseRow, location: { ...warehouseRow.location, id: warehouse } },
    ].sort((x, y) => (x.location.id < y.location.id ? -1 : 1));
    expect(kpis).toEqual(expected);

    // The counts behind the rates, and pick accuracy: A's 2 lines and B's 1 were picked, 1 short and 1 substituted.
    const detail = await t.client.request<any>(
      'query($from: Date!, $to: Date!, $id: ID) { fulfillmentKpis(from: $from, to: $to, locationId: $id) { cancelled onTime late pickedLines shortPickedLines substitutedLines pickAccuracy } }',
      { from: today, to: today, id: store },
    );
    expect(detail.fulfillmentKpis).toEqual([
      { cancelled: 1, onTime: 2, late: 1, pickedLines: 3, shortPickedLines: 1, substitutedLines: 1, pickAccuracy: 0.3333 },
    ]);
    // Another period has none of it.
    expect((await send(t.client, 'FulfillmentKpis', { from: day(-10), to: day(-1) })).fulfillmentKpis).toEqual([]);
  });

  it("shows an associate their own location's KPIs only", async () => {
    const own = (await send(await t.associateAt(store), 'FulfillmentKpis', { from: today, to: today })).fulfillmentKpis;
    expect(own).toEqual([{ ...storeRow, location: { ...storeRow.location, id: store } }]);
    expect((await send(await t.associateAt(quietStore), 'FulfillmentKpis', { from: today, to: today })).fulfillmentKpis).toEqual(
      [],
    );
    const elsewhere = await (
      await t.associateAt(quietStore)
    ).raw<any>(
      'query($from: Date!, $to: Date!, $id: ID) { fulfillmentKpis(from: $from, to: $to, locationId: $id) { fulfillments } }',
      {
        from: today,
        to: today,
        id: store,
      },
    );
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId, subject: 'lena' });
    const denied = await shopper.raw<any>(
      'query($from: Date!, $to: Date!) { fulfillmentKpis(from: $from, to: $to) { fulfillments } }',
      {
        from: today,
        to: today,
      },
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a period backwards or longer than a year as bad input, not an internal error', async () => {
    for (const [from, to] of [
      [today, day(-1)],
      [day(-400), today],
    ]) {
      const response = await t.client.raw<any>(
        'query($from: Date!, $to: Date!) { fulfillmentKpis(from: $from, to: $to) { fulfillments } }',
        {
          from,
          to,
        },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // A NUL in an id is refused as input (by the gateway, or answered empty), never an internal error.
    const nul = await t.client.raw<any>(
      'query($from: Date!, $to: Date!, $id: ID) { fulfillmentKpis(from: $from, to: $to, locationId: $id) { fulfillments } }',
      {
        from: today,
        to: today,
        id: 'a\u0000b',
      },
    );
    expect(nul.errors ? nul.errors[0].extensions.code : nul.data.fulfillmentKpis).toEqual(nul.errors ? 'BAD_USER_INPUT' : []);
  });

  it('records picks only at the picking location, while picking, and checks them', async () => {
    const order = await place({ type: 'PICKUP_IN_STORE', pickupLocationId: store }, [{ sku: 'KPI-COAT-M', quantity: 2 }]);
    const fulfillmentId = order.fulfillments[0]!.id;
    const line = (await t.client.request<any>('query($id: ID!) { order(id: $id) { lines { id } } }', { id: order.id })).order
      .lines[0].id;
    const associate = await t.associateAt(store);
    expect(
      (await recordPick(associate, { fulfillmentId, lines: [{ orderLineId: line, pickedQuantity: 1 }] })).data.recordPick
        .userErrors,
    ).toEqual([{ field: ['input', 'fulfillmentId'], code: 'NOT_PICKING' }]);
    await step(associate, fulfillmentId, 'PICK');
    const other = await recordPick(await t.associateAt(quietStore), {
      fulfillmentId,
      lines: [{ orderLineId: line, pickedQuantity: 1 }],
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [lines, code, field] of [
      [[{ orderLineId: line, pickedQuantity: 3 }], 'INVALID_QUANTITY', 'pickedQuantity'],
      [[{ orderLineId: 'nope', pickedQuantity: 1 }], 'UNKNOWN_LINE', 'orderLineId'],
      [[{ orderLineId: line, pickedQuantity: 2, substituteSku: 'KPI-COAT-M' }], 'INVALID_SKU', 'substituteSku'],
    ] as const) {
      expect((await recordPick(associate, { fulfillmentId, lines })).data.recordPick.userErrors).toEqual([
        { field: ['input', 'lines', '0', field], code },
      ]);
    }
    expect((await recordPick(associate, { fulfillmentId: 'x'.repeat(100), lines: [] })).data.recordPick.userErrors).toEqual([
      { field: ['input', 'fulfillmentId'], code: 'UNKNOWN_FULFILLMENT' },
    ]);
    const ok = await recordPick(associate, { fulfillmentId, lines: [{ orderLineId: line, pickedQuantity: 1 }] });
    expect(ok.data.recordPick).toEqual({ fulfillment: { id: fulfillmentId }, userErrors: [] });
    const seen = await t.client.request<any>(
      'query($id: ID!) { order(id: $id) { fulfillments { lines { sku quantity pickedQuantity substituteSku } } history { event } } }',
      { id: order.id },
    );
    expect(seen.order.fulfillments[0].lines).toEqual([
      { sku: 'KPI-COAT-M', quantity: 2, pickedQuantity: 1, substituteSku: null },
    ]);
    expect(seen.order.history.map((h: any) => h.event)).toContainEqual(
      expect.stringMatching(/^picked 1 of 2 KPI-COAT-M for fulfillment /),
    );
  });
});
