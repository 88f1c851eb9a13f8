import { readFileSync } from 'node:fs';
import { apiSchema, contractOperations, pruneToSchema } from '../src/contract';
import { SUPERGRAPH_PATH } from '../src/system';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

/** One shopper's journey across channels through the gateway, with the contract's operations. */
describe('walking skeleton through the gateway', () => {
  let t: TestSystem;
  let warehouseId: string;
  let storeId: string;
  let customerId: string;

  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sets up locations, a product with stock, and a customer', async () => {
    const warehouse = await send(t.client, 'UpsertLocation', {
      input: { name: 'Central DC', type: 'WAREHOUSE', lat: 40.73, lng: -74.17, fulfillsOnline: true, pickupEnabled: false },
    });
    const store = await send(t.client, 'UpsertLocation', {
      input: { name: 'Harbor Store', type: 'STORE', lat: 40.72, lng: -74.0, fulfillsOnline: true, pickupEnabled: true },
    });
    warehouseId = warehouse.upsertLocation.location.id;
    storeId = store.upsertLocation.location.id;
    expect(store.upsertLocation).toMatchObject({ location: { name: 'Harbor Store', type: 'STORE' }, userErrors: [] });

    const product = await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Linen Shirt',
        brand: 'Coastline',
        categoryPath: ['Apparel', 'Shirts'],
        attributes: [{ name: 'material', value: 'linen' }],
        variants: [
          { sku: 'LS-WHT-M', attributes: [{ name: 'color', value: 'white' }], price: { cents: 4950, currency: 'USD' } },
          { sku: 'LS-BLU-M', attributes: [{ name: 'color', value: 'blue' }], price: { cents: 4950, currency: 'USD' } },
        ],
      },
    });
    expect(product.upsertProduct.userErrors).toEqual([]);
    expect(product.upsertProduct.product.variants.map((v: { sku: string }) => v.sku).sort()).toEqual(['LS-BLU-M', 'LS-WHT-M']);

    for (const [locationId, onHand] of [
      [warehouseId, 40],
      [storeId, 3],
    ] as const) {
      const stock = await send(t.client, 'SetStock', { input: { locationId, sku: 'LS-WHT-M', onHand } });
      expect(stock.setStock.stock).toMatchObject({
        sku: 'LS-WHT-M',
        onHand,
        reserved: 0,
        available: onHand,
        location: { id: locationId },
      });
    }

    const registered = await send(t.client, 'RegisterCustomer', {
      input: {
        email: '  Mia.Chen@Example.com ',
        phone: '+1 (555) 010-4400',
        firstName: 'Mia',
        lastName: 'Chen',
        channel: 'WEB',
        address: { line1: '1 Pier St', city: 'Jersey City', postalCode: '07302', country: 'US', lat: 40.71, lng: -74.03 },
      },
    });
    expect(registered.registerCustomer).toMatchObject({ customer: { email: 'mia.chen@example.com' }, userErrors: [] });
    customerId = registered.registerCustomer.customer.id;

    const blue = await send(t.client, 'SetStock', { input: { locationId: warehouseId, sku: 'LS-BLU-M', onHand: 5 } });
    expect(blue.setStock.userErrors).toEqual([]);

    const enrolled = await send(t.client, 'EnrollLoyalty', { customerId, channel: 'WEB' });
    expect(enrolled.enrollLoyalty.account).toMatchObject({ tier: 'BRONZE', pointsBalance: 0 });
    expect(enrolled.enrollLoyalty.account.cardNumber).toMatch(/^\d{16}$/);
  });

  it('places orders from the store and the web, idempotently', async () => {
    const storeOrder = {
      customerId,
      channel: 'STORE',
      idempotencyKey: 'pos-7-receipt-1001',
      lines: [{ sku: 'LS-WHT-M', quantity: 2 }],
      fulfillment: { type: 'CARRY_OUT', pickupLocationId: storeId },
      // Paid at the till.
      payment: { provider: 'cash', token: 'till-7' },
    };
    const first = await send(t.client.withHeaders({ 'x-channel': 'STORE' }), 'PlaceOrder', { input: storeOrder });
    expect(first.placeOrder.userErrors).toEqual([]);
    // Carried out at the till: fulfilled on the spot.
    expect(first.placeOrder.order).toMatchObject({
      channel: 'STORE',
      status: 'COMPLETED',
      total: { cents: 9900, currency: 'USD' },
    });
    expect(first.placeOrder.order.fulfillments).toEqual([
      expect.objectContaining({ type: 'CARRY_OUT', location: { id: storeId } }),
    ]);

    const again = await send(t.client.withHeaders({ 'x-channel': 'STORE' }), 'PlaceOrder', { input: storeOrder });
    expect(again.placeOrder.order.id).toBe(first.placeOrder.order.id);

    const web = await send(t.client, 'PlaceOrder', {
      input: {
        customerId,
        channel: 'WEB',
        idempotencyKey: 'web-checkout-1',
        lines: [{ sku: 'LS-BLU-M', quantity: 1 }],
        // No address given: it ships to the customer's saved one.
        fulfillment: { type: 'SHIP' },
      },
    });
    expect(web.placeOrder.userErrors).toEqual([]);
    expect(web.placeOrder.order.total).toEqual({ cents: 4950, currency: 'USD' });

    const byNumber = await send(t.client, 'OrderByNumber', { number: first.placeOrder.order.number });
    expect(byNumber.orderByNumber).toMatchObject({
      id: first.placeOrder.order.id,
      channel: 'STORE',
      customer: { id: customerId, email: 'mia.chen@example.com' },
    });
    expect(byNumber.orderByNumber.history).toEqual([
      expect.objectContaining({
        channel: 'STORE',
        event: 'placed with 1 line(s) in 1 fulfillment(s), carried out: total 9900 USD',
      }),
      expect.objectContaining({ channel: 'STORE', event: 'charged 9900 USD to CASH' }),
    ]);
    const webOrder = (await send(t.client, 'OrderPayments', { number: web.placeOrder.order.number })).orderByNumber;
    expect(webOrder).toMatchObject({
      shippingAddress: { line1: '1 Pier St', city: 'Jersey City', postalCode: '07302', country: 'US' },
      // Nothing paid yet: the web order's whole total is left to pay.
      balanceDue: { cents: 4950, currency: 'USD' },
      payments: [],
    });
  });

  it('answers the 360 view from all five subgraphs in one request', async () => {
    const customer360 = pruneToSchema(apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8')), contractOperations().get('Customer360')!);
    // Points and channels arrive by events: wait for them, then read the whole view once.
    const data = await eventually(
      () => t.client.request<{ customer: any }>(customer360, { id: customerId }, 'Customer360'),
      (d) =>
        d.customer.loyalty?.ledger.edges.length === 2 &&
        // The account and its ledger are read separately: wait until both show the second order.
        d.customer.loyalty.ledger.edges.reduce((sum: number, e: { node: { points: number } }) => sum + e.node.points, 0) ===
          d.customer.loyalty.pointsBalance &&
        d.customer.channels.includes('STORE'),
    );
    const c = data.customer;
    expect(c).toMatchObject({ id: customerId, firstName: 'Mia', email: 'mia.chen@example.com' });
    expect([...c.channels].sort()).toEqual(['STORE', 'WEB']);
    expect(c.identities).toEqual(
      expect.arrayContaining([
        { kind: 'EMAIL', value: 'mia.chen@example.com', channel: 'WEB' },
        { kind: 'PHONE', value: '+15550104400', channel: 'WEB' },
        { kind: 'LOYALTY_CARD', value: c.loyalty.cardNumber, channel: 'WEB' },
      ]),
    );
    expect(c.addresses).toEqual([expect.objectContaining({ city: 'Jersey City', location: { lat: 40.71, lng: -74.03 } })]);
    expect(c.orders.totalCount).toBe(2);
    const [newest, older] = c.orders.edges.map((e: { node: unknown }) => e.node);
    expect(newest.channel).toBe('WEB');
    expect(older).toMatchObject({
      channel: 'STORE',
      lines: [
        {
          sku: 'LS-WHT-M',
          quantity: 2,
          unitPrice: { cents: 4950, currency: 'USD' },
          variant: { sku: 'LS-WHT-M', product: { name: 'Linen Shirt' } },
        },
      ],
      fulfillments: [{ type: 'CARRY_OUT', location: { id: storeId, name: 'Harbor Store', type: 'STORE' } }],
    });
    // 99.00 + 49.50 spent: one point per whole currency unit of each order.
    expect(c.loyalty).toMatchObject({ tier: 'BRONZE', pointsBalance: 99 + 49, lifetimePoints: 99 + 49 });
    expect(c.loyalty.ledger.edges).toHaveLength(2);
  });

  it('finds the shopper by whatever the shopper gives', async () => {
    const byPhone = await send(t.client, 'CustomerLookup', { phone: '15550104400' });
    const byEmail = await send(t.client, 'CustomerLookup', { email: ' MIA.CHEN@example.COM' });
    expect(byPhone.customerLookup).toMatchObject({ id: customerId, loyalty: { tier: 'BRONZE' } });
    expect(byEmail.customerLookup.id).toBe(customerId);
    expect((await send(t.client, 'CustomerLookup', { email: 'nobody@example.com' })).customerLookup).toBeNull();
  });

  it('shows price and stock per variant, across locations and near the shopper', async () => {
    const availability = await send(t.client, 'Availability', { sku: 'LS-WHT-M' });
    // 40 + 3 counted, 2 carried out of the store.
    expect(availability.variant.availability.totalAvailable).toBe(41);
    expect(availability.variant.availability.byLocation).toHaveLength(2);

    const blue = await send(t.client, 'Availability', { sku: 'LS-BLU-M' });
    expect(blue.variant.availability.byLocation).toEqual([
      expect.objectContaining({ location: expect.objectContaining({ id: warehouseId }), onHand: 5, reserved: 1, available: 4 }),
    ]);

    const productId = (await t.client.request<any>('{ variant(sku: "LS-WHT-M") { product { id } } }')).variant.product.id;
    // Standing at the store: the store is ~0 km away, the warehouse ~14 km.
    const detail = await send(t.client, 'ProductDetail', { id: productId, channel: 'STORE', lat: 40.72, lng: -74.0 });
    const white = detail.product.variants.find((v: { sku: string }) => v.sku === 'LS-WHT-M');
    expect(white.price).toEqual({ cents: 4950, currency: 'USD' });
    expect(white.availability.nearby.map((n: any) => [n.location.name, n.available])).toEqual([
      ['Harbor Store', 1],
      ['Central DC', 40],
    ]);
    expect(white.availability.nearby[1].distanceKm).toBeGreaterThan(10);
  });
});
