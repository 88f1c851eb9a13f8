import { eventually, send, startTestSystem, type TestSystem } from './harness';

/** After the sale, through the gateway: returns anywhere, exchanges, modifications, replenishment. */
describe('post-purchase through the gateway', () => {
  let t: TestSystem;
  let customerId: string;
  const locations: Record<string, string> = {};
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestSystem();
    const places = [
      { key: 'dc', name: 'Edison DC', type: 'WAREHOUSE', lat: 40.52, lng: -74.41, fulfillsOnline: true, pickupEnabled: false },
      {
        key: 'downtown',
        name: 'Downtown Store',
        type: 'STORE',
        lat: 40.71,
        lng: -74.01,
        fulfillsOnline: true,
        pickupEnabled: true,
      },
      {
        key: 'phl',
        name: 'Philadelphia DC',
        type: 'WAREHOUSE',
        lat: 39.95,
        lng: -75.17,
        fulfillsOnline: true,
        pickupEnabled: false,
      },
      { key: 'uptown', name: 'Uptown Store', type: 'STORE', lat: 40.8, lng: -73.95, fulfillsOnline: true, pickupEnabled: true },
    ];
    for (const { key, ...input } of places) {
      locations[key] = (await send(t.client, 'UpsertLocation', { input })).upsertLocation.location.id;
    }
    const products = [
      { name: 'Rain Jacket', variants: [{ sku: 'RJ-S', price: { cents: 12000, currency: 'USD' } }] },
      {
        name: 'Wool Sweater',
        variants: [
          { sku: 'WS-S', price: { cents: 8000, currency: 'USD' } },
          { sku: 'WS-M', price: { cents: 8000, currency: 'USD' } },
        ],
      },
      { name: 'Coffee Beans', variants: [{ sku: 'CB-1KG', price: { cents: 2500, currency: 'USD' } }] },
    ];
    for (const input of products) await send(t.client, 'UpsertProduct', { input });
    const stock: [string, string, number][] = [
      ['dc', 'RJ-S', 10],
      ['downtown', 'WS-S', 2],
      ['phl', 'WS-M', 5],
      ['downtown', 'WS-M', 3],
      ['uptown', 'WS-M', 1],
      ['dc', 'CB-1KG', 10],
    ];
    for (const [key, sku, onHand] of stock)
      await send(t.client, 'SetStock', { input: { locationId: locations[key], sku, onHand } });
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'kari@example.com',
          firstName: 'Kari',
          lastName: 'Nord',
          channel: 'WEB',
          // Lives in Harlem: the uptown store is the nearest location.
          address: { line1: '1 W 125th St', city: 'New York', postalCode: '10027', country: 'US', lat: 40.81, lng: -73.95 },
        },
      })
    ).registerCustomer.customer.id;
    await send(t.client, 'EnrollLoyalty', { customerId, channel: 'WEB' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const store = () => t.client.withHeaders({ 'x-channel': 'STORE' });
  const place = (input: Record<string, unknown>) =>
    send(t.client, 'PlaceOrder', { input: { customerId, channel: 'WEB', ...input } }).then((d) => d.placeOrder);
  const orderByNumber = (number: string) => send(t.client, 'OrderByNumber', { number }).then((d) => d.orderByNumber);
  const advance = async (fulfillmentId: string, action: string, trackingNumber?: string) =>
    send(await t.associateFor(fulfillmentId), 'AdvanceFulfillment', { input: { fulfillmentId, action, trackingNumber } }).then(
      (d) => d.advanceFulfillment,
    );
  const ship = async (fulfillmentId: string) => {
    await advance(fulfillmentId, 'PICK');
    await advance(fulfillmentId, 'PACK');
    expect((await advance(fulfillmentId, 'SHIP', '1Z123')).userErrors).toEqual([]);
  };
  const available = async (sku: string, locationId: string): Promise<number> => {
    const { variant } = await send(t.client, 'Availability', { sku });
    return variant.availability.byLocation.find((b: any) => b.location.id === locationId)?.available ?? 0;
  };
  const wallet = () =>
    t.client
      .request<any>(`query Wallet($id: ID!) { customer(id: $id) { loyalty { pointsBalance } storeCredit { cents currency } } }`, {
        id: customerId,
      })
      .then((d) => d.customer);
  const createReturn = (input: Record<string, unknown>) => send(t.client, 'CreateReturn', { input }).then((d) => d.createReturn);
  const receiveReturn = async (input: Record<string, unknown>) =>
    send(await t.associateAt(String(input.locationId)), 'ReceiveReturn', { input }).then((d) => d.receiveReturn);

  it('takes back in a store, for store credit, what was bought online: stock at that store, points reversed, credit issued', async () => {
    const placed = await place({ idempotencyKey: 'web-1', lines: [{ sku: 'RJ-S', quantity: 2 }], fulfillment: { type: 'SHIP' } });
    expect(placed.userErrors).toEqual([]);
    const order = await orderByNumber(placed.order.number);
    const lineId = order.lines[0].id;

    const early = await createReturn({
      orderId: order.id,
      channel: 'STORE',
      idempotencyKey: 'ret-early',
      method: 'IN_STORE',
      locationId: locations.downtown,
      resolution: 'STORE_CREDIT',
      lines: [{ orderLineId: lineId, quantity: 1, reason: 'too big' }],
    });
    expect(early.userErrors).toEqual([expect.objectContaining({ code: 'LINE_NOT_SHIPPED' })]);

    await ship(order.fulfillments[0].id);
    expect((await eventually(wallet, (w) => w.loyalty.pointsBalance === 240)).loyalty.pointsBalance).toBe(240);
    const storeStockBefore = await available('RJ-S', locations.downtown);

    const input = {
      orderId: order.id,
      channel: 'STORE',
      idempotencyKey: 'ret-1',
      method: 'IN_STORE',
      locationId: locations.downtown,
      resolution: 'STORE_CREDIT',
      lines: [{ orderLineId: lineId, quantity: 1, reason: 'too big' }],
    };
    const created = await createReturn(input);
    expect(created.userErrors).toEqual([]);
    expect(created.return).toMatchObject({ status: 'REQUESTED', method: 'IN_STORE', resolution: 'STORE_CREDIT', label: null });
    expect(created.return.rmaNumber).toMatch(/^R-/);
    expect((await createReturn(input)).return.id).toBe(created.return.id);
    const tooMany = await createReturn({
      ...input,
      idempotencyKey: 'ret-2',
      lines: [{ orderLineId: lineId, quantity: 2, reason: 'x' }],
    });
    expect(tooMany.userErrors).toEqual([expect.objectContaining({ code: 'RETURN_QUANTITY_EXCEEDED' })]);
    const noSku = await createReturn({ ...input, idempotencyKey: 'ret-3', resolution: 'EXCHANGE' });
    expect(noSku.userErrors).toEqual([expect.objectContaining({ code: 'EXCHANGE_SKU_REQUIRED' })]);

    const received = await receiveReturn({
      returnId: created.return.id,
      locationId: locations.downtown,
      lines: [{ orderLineId: lineId, quantity: 1, restockable: true }],
    });
    expect(received).toEqual({
      return: { id: created.return.id, status: 'RECEIVED', refund: { cents: 12000, currency: 'USD' }, exchangeOrder: null },
      userErrors: [],
    });
    const again = await receiveReturn({
      returnId: created.return.id,
      locationId: locations.downtown,
      lines: [{ orderLineId: lineId, quantity: 1 }],
    });
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'RETURN_QUANTITY_EXCEEDED' })]);

    expect(
      await eventually(
        () => available('RJ-S', locations.downtown),
        (n) => n === storeStockBefore + 1,
      ),
    ).toBe(storeStockBefore + 1);
    const after = await eventually(wallet, (w) => w.loyalty.pointsBalance === 120 && w.storeCredit?.cents === 12000);
    expect(after).toEqual({ loyalty: { pointsBalance: 120 }, storeCredit: { cents: 12000, currency: 'USD' } });

    const { customer } = await t.client.request<any>(
      `query Returns($id: ID!) { customer(id: $id) { returns { id rmaNumber status method resolution refund { cents currency } } } }`,
      { id: customerId },
    );
    expect(customer.returns[0]).toMatchObject({
      id: created.return.id,
      status: 'RECEIVED',
      refund: { cents: 12000, currency: 'USD' },
    });
    const history = (await orderByNumber(order.number)).history.map((h: any) => [
      h.channel,
      h.event.split(' ').slice(0, 3).join(' '),
    ]);
    expect(history.slice(-2)).toEqual([
      ['STORE', `return ${created.return.rmaNumber} opened`],
      ['STORE', `return ${created.return.rmaNumber} received`],
    ]);
  });

  it('closes the return window 30 days after the line shipped', async () => {
    const placed = await place({
      idempotencyKey: 'web-old',
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'SHIP' },
    });
    const order = await orderByNumber(placed.order.number);
    await ship(order.fulfillments[0].id);
    // Forty days pass since the parcel left the warehouse.
    const fulfillments = t.system.services.get('orders')!.db.getRepository('Fulfillment');
    await fulfillments.update({ orderId: order.id }, { leftAt: new Date(Date.now() - 40 * 86_400_000) });
    const late = await createReturn({
      orderId: order.id,
      channel: 'WEB',
      idempotencyKey: 'ret-late',
      method: 'MAIL',
      resolution: 'REFUND',
      lines: [{ orderLineId: order.lines[0].id, quantity: 1, reason: 'late' }],
    });
    expect(late).toEqual({ return: null, userErrors: [expect.objectContaining({ code: 'RETURN_WINDOW_CLOSED' })] });
  });

  it('exchanges through the call center what was bought in a store, shipping the other size from the nearest location that has it', async () => {
    const bought = await send(store(), 'PlaceOrder', {
      input: {
        customerId,
        channel: 'STORE',
        idempotencyKey: 'pos-1',
        lines: [{ sku: 'WS-S', quantity: 1 }],
        fulfillment: { type: 'CARRY_OUT', pickupLocationId: locations.downtown },
      },
    });
    expect(bought.placeOrder.userErrors).toEqual([]);
    const order = await orderByNumber(bought.placeOrder.order.number);
    const dcStock = await available('WS-S', locations.dc);

    const csr = t.client.withHeaders({ 'x-channel': 'CALL_CENTER' });
    const created = (
      await send(csr, 'CreateReturn', {
        input: {
          orderId: order.id,
          channel: 'CALL_CENTER',
          idempotencyKey: 'csr-ret-1',
          method: 'MAIL',
          resolution: 'EXCHANGE',
          lines: [{ orderLineId: order.lines[0].id, quantity: 1, reason: 'too small', exchangeSku: 'WS-M' }],
        },
      })
    ).createReturn;
    expect(created.userErrors).toEqual([]);
    expect(created.return).toMatchObject({
      method: 'MAIL',
      resolution: 'EXCHANGE',
      label: { carrier: 'UPS', trackingNumber: expect.any(String), url: expect.stringContaining(created.return.rmaNumber) },
    });

    // The parcel arrives at the warehouse.
    const received = await send(await t.associateAt(locations.dc), 'ReceiveReturn', {
      input: {
        returnId: created.return.id,
        locationId: locations.dc,
        lines: [{ orderLineId: order.lines[0].id, quantity: 1, restockable: true }],
      },
    });
    expect(received.receiveReturn.userErrors).toEqual([]);
    expect(received.receiveReturn.return).toMatchObject({
      status: 'RECEIVED',
      refund: { cents: 0 },
      exchangeOrder: { id: expect.any(String) },
    });
    const exchange = await orderByNumber(received.receiveReturn.return.exchangeOrder.number);
    expect(exchange).toMatchObject({ channel: 'CALL_CENTER', status: 'PLACED', lines: [{ sku: 'WS-M', quantity: 1 }] });
    expect(exchange.fulfillments).toEqual([
      expect.objectContaining({ type: 'SHIP', location: { id: locations.uptown, name: 'Uptown Store' } }),
    ]);
    const { order: priced } = await t.client.request<any>(`query O($id: ID!) { order(id: $id) { total { cents currency } } }`, {
      id: exchange.id,
    });
    expect(priced.total).toEqual({ cents: 0, currency: 'USD' });
    expect(
      await eventually(
        () => available('WS-S', locations.dc),
        (n) => n === dcStock + 1,
      ),
    ).toBe(dcStock + 1);
    expect(await available('WS-M', locations.uptown)).toBe(0);
  });

  it('lets a store associate change an online order before it ships; then it ships as changed', async () => {
    const placed = await place({
      idempotencyKey: 'web-mod',
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'SHIP' },
    });
    const order = await orderByNumber(placed.order.number);
    const stockBefore = await available('RJ-S', locations.dc);

    const modified = await send(store(), 'ModifyOrder', {
      input: { orderId: order.id, channel: 'STORE', actor: 'associate-7', changes: [{ lineId: order.lines[0].id, quantity: 3 }] },
    });
    expect(modified.modifyOrder).toEqual({
      order: {
        id: order.id,
        status: 'PLACED',
        total: { cents: 36000, currency: 'USD' },
        lines: [{ id: order.lines[0].id, sku: 'RJ-S', quantity: 3 }],
      },
      userErrors: [],
    });
    expect(await available('RJ-S', locations.dc)).toBe(stockBefore - 2);
    const changed = await orderByNumber(order.number);
    expect(changed.history[changed.history.length - 1]).toMatchObject({
      channel: 'STORE',
      actor: 'associate-7',
      event: expect.stringContaining('RJ-S qty 1→3'),
    });

    const fulfillmentId = changed.fulfillments.find((f: any) => f.status === 'PENDING').id;
    await ship(fulfillmentId);
    const { order: shipped } = await t.client.request<any>(
      `query O($id: ID!) { order(id: $id) { status fulfillments { status lines { sku quantity } } } }`,
      { id: order.id },
    );
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.fulfillments.filter((f: any) => f.status === 'SHIPPED').flatMap((f: any) => f.lines)).toEqual([
      { sku: 'RJ-S', quantity: 3 },
    ]);
    expect(await available('RJ-S', locations.dc)).toBe(stockBefore - 2);

    const late = await send(store(), 'ModifyOrder', {
      input: { orderId: order.id, channel: 'STORE', changes: [{ lineId: order.lines[0].id, quantity: 1 }] },
    });
    expect(late.modifyOrder.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_SHIPPED' })]);

    const other = await place({
      idempotencyKey: 'web-mod-2',
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'SHIP' },
    });
    await send(t.client, 'CancelOrder', { orderId: other.order.id, channel: 'WEB' });
    const otherLines = (await orderByNumber(other.order.number)).lines;
    const cancelled = await send(store(), 'ModifyOrder', {
      input: { orderId: other.order.id, channel: 'STORE', changes: [{ lineId: otherLines[0].id, quantity: 2 }] },
    });
    expect(cancelled.modifyOrder.userErrors).toEqual([expect.objectContaining({ code: 'ORDER_CANCELLED' })]);
  });

  it('places a subscription order once however often the run is started that day', async () => {
    const created = await send(t.client, 'CreateSubscription', {
      input: {
        customerId,
        channel: 'MOBILE_APP',
        sku: 'CB-1KG',
        quantity: 2,
        intervalDays: 30,
        startOn: today,
        fulfillment: { type: 'SHIP' },
      },
    });
    expect(created.createSubscription.userErrors).toEqual([]);
    expect(created.createSubscription.subscription).toMatchObject({ status: 'ACTIVE', nextRunOn: today });
    const stockBefore = await available('CB-1KG', locations.dc);

    const runs = await Promise.all([1, 2].map(() => send(t.client, 'RunDueSubscriptions', { asOf: today })));
    const again = await send(t.client, 'RunDueSubscriptions', { asOf: today });
    const placed = new Set([...runs, again].flatMap((r) => r.runDueSubscriptions.ordersPlaced.map((o: any) => o.id)));
    expect(placed.size).toBe(1);
    expect(again.runDueSubscriptions.ordersPlaced).toEqual([]);
    expect(await available('CB-1KG', locations.dc)).toBe(stockBefore - 2);

    const { customer } = await t.client.request<any>(
      `query Subs($id: ID!) { customer(id: $id) { subscriptions { id nextRunOn lastFailure } orders(channel: MOBILE_APP) { totalCount } } }`,
      { id: customerId },
    );
    const next = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(customer.subscriptions).toEqual([
      { id: created.createSubscription.subscription.id, nextRunOn: next, lastFailure: null },
    ]);
    expect(customer.orders.totalCount).toBe(1);
  });

  it('records why a subscription run failed and places the order on the next run', async () => {
    const created = await send(t.client, 'CreateSubscription', {
      input: {
        customerId,
        channel: 'WEB',
        sku: 'CB-1KG',
        quantity: 50,
        intervalDays: 7,
        startOn: today,
        fulfillment: { type: 'SHIP' },
      },
    });
    const id = created.createSubscription.subscription.id;
    const failed = await send(t.client, 'RunDueSubscriptions', { asOf: today });
    expect(failed.runDueSubscriptions.ordersPlaced).toEqual([]);
    const subs = () =>
      t.client
        .request<any>(`query Subs($id: ID!) { customer(id: $id) { subscriptions { id nextRunOn lastFailure } } }`, {
          id: customerId,
        })
        .then((d) => d.customer.subscriptions.find((s: any) => s.id === id));
    expect(await subs()).toEqual({ id, nextRunOn: today, lastFailure: expect.stringContaining('OUT_OF_STOCK') });

    await send(t.client, 'SetStock', { input: { locationId: locations.dc, sku: 'CB-1KG', onHand: 100 } });
    const retried = await send(t.client, 'RunDueSubscriptions', { asOf: today });
    expect(retried.runDueSubscriptions.ordersPlaced).toHaveLength(1);
    expect(await subs()).toMatchObject({ lastFailure: null });
  });
});
