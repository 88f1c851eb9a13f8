import { Cart } from '../../services/orders/src/entities/cart';
import { countStatements, eventually, send, startTestSystem, type TestSystem } from './harness';

/** Orders from every channel: placement, routing and the fulfillment lifecycle, through the gateway. */
describe('orders through the gateway', () => {
  let t: TestSystem;
  let customerId: string;
  const locations: Record<string, string> = {};

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
      { key: 'uptown', name: 'Uptown Store', type: 'STORE', lat: 40.8, lng: -73.95, fulfillsOnline: true, pickupEnabled: true },
    ];
    for (const { key, ...input } of places) {
      locations[key] = (await send(t.client, 'UpsertLocation', { input })).upsertLocation.location.id;
    }
    await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Rain Jacket',
        variants: [
          { sku: 'RJ-S', price: { cents: 12000, currency: 'USD' } },
          { sku: 'RJ-M', price: { cents: 12000, currency: 'USD' } },
        ],
      },
    });
    const stock: [string, string, number][] = [
      ['dc', 'RJ-S', 20],
      ['downtown', 'RJ-S', 1],
      ['uptown', 'RJ-M', 2],
    ];
    for (const [key, sku, onHand] of stock)
      await send(t.client, 'SetStock', { input: { locationId: locations[key], sku, onHand } });
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'ola@example.com',
          firstName: 'Ola',
          lastName: 'Berg',
          channel: 'WEB',
          // Not geocoded: her shipments are routed on cost alone. A SHIP order without an address goes here.
          address: { line1: '5 Elm St', city: 'Edison', postalCode: '08817', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const place = (input: Record<string, unknown>) =>
    send(t.client, 'PlaceOrder', { input: { customerId, channel: 'WEB', ...input } }).then((d) => d.placeOrder);
  const advance = async (fulfillmentId: string, action: string, trackingNumber?: string) =>
    send(await t.associateFor(fulfillmentId), 'AdvanceFulfillment', {
      input: { fulfillmentId, action, trackingNumber },
    }).then((d) => d.advanceFulfillment);

  it('moves a shipment through pick, pack and ship, refusing steps out of order', async () => {
    const { order, userErrors } = await place({
      idempotencyKey: 'ship-1',
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'SHIP' },
    });
    expect(userErrors).toEqual([]);
    const fulfillmentId = order.fulfillments[0].id;

    expect((await advance(fulfillmentId, 'SHIP', '1Z999')).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    ]);
    expect((await advance(fulfillmentId, 'PICK')).fulfillment.status).toBe('PICKING');
    expect((await advance(fulfillmentId, 'PACK')).fulfillment.status).toBe('PACKED');
    expect((await advance(fulfillmentId, 'SHIP')).userErrors).toEqual([
      expect.objectContaining({ code: 'TRACKING_NUMBER_REQUIRED' }),
    ]);
    expect((await advance(fulfillmentId, 'SHIP', '1Z999')).fulfillment).toEqual({
      id: fulfillmentId,
      status: 'SHIPPED',
      trackingNumber: '1Z999',
    });
    expect((await advance(fulfillmentId, 'PICK')).userErrors[0].code).toBe('INVALID_TRANSITION');

    const shipped = (await send(t.client, 'OrderByNumber', { number: order.number })).orderByNumber;
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.lines.map((l: { status: string }) => l.status)).toEqual(['SHIPPED']);
    expect(shipped.fulfillments[0].trackingNumber).toBe('1Z999');
    expect(shipped.history.slice(0, 2)).toEqual([
      expect.objectContaining({ channel: 'WEB', event: 'placed with 1 line(s) in 1 fulfillment(s): total 12000 USD' }),
      // Placed with no tender: the whole total is still to pay.
      expect.objectContaining({ channel: 'WEB', event: '12000 USD left to pay' }),
    ]);
    expect(shipped.history.map((h: { event: string; channel: string }) => [h.channel, h.event.split(' ')[0]])).toEqual([
      ['WEB', 'placed'],
      ['WEB', '12000'],
      ['STORE', 'PICK'],
      ['STORE', 'PACK'],
      ['STORE', 'SHIP'],
    ]);
  });

  it('holds a shipment for a chosen delivery date until it is time to send it', async () => {
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const { order } = await place({
      idempotencyKey: 'dated-1',
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'SHIP', deliveryDate: later },
    });
    const fulfillmentId = order.fulfillments[0].id;
    await advance(fulfillmentId, 'PICK');
    await advance(fulfillmentId, 'PACK');
    const held = await advance(fulfillmentId, 'SHIP', '1Z000');
    expect(held.userErrors).toEqual([expect.objectContaining({ code: 'SHIPMENT_HELD' })]);
    const past = await place({
      idempotencyKey: 'dated-2',
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'SHIP', deliveryDate: '2020-01-01' },
    });
    expect(past).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'INVALID_DELIVERY_DATE' })] });
  });

  it('readies a pickup and completes the order when the shopper collects it', async () => {
    const { order } = await place({
      idempotencyKey: 'pickup-1',
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: locations.downtown },
    });
    const fulfillmentId = order.fulfillments[0].id;
    expect(order.fulfillments[0]).toMatchObject({ type: 'PICKUP_IN_STORE', location: { id: locations.downtown } });
    expect((await advance(fulfillmentId, 'COLLECT')).userErrors[0].code).toBe('INVALID_TRANSITION');
    await advance(fulfillmentId, 'PICK');
    expect((await advance(fulfillmentId, 'READY_FOR_PICKUP')).fulfillment.status).toBe('READY_FOR_PICKUP');
    expect((await advance(fulfillmentId, 'COLLECT')).fulfillment.status).toBe('COLLECTED');
    expect((await send(t.client, 'OrderByNumber', { number: order.number })).orderByNumber.status).toBe('COMPLETED');
  });

  it('answers an unknown fulfillment with a userError', async () => {
    expect((await advance('no-such-fulfillment', 'PICK')).userErrors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_FULFILLMENT' }),
    ]);
  });

  it('routes a web order to the best location and splits only when it must', async () => {
    // Shipping to Harlem: the warehouse has the S, only the uptown store has the M.
    const { order, userErrors } = await place({
      idempotencyKey: 'split-1',
      lines: [
        { sku: 'RJ-S', quantity: 1 },
        { sku: 'RJ-M', quantity: 1 },
      ],
      fulfillment: {
        type: 'SHIP',
        address: { line1: '1 W 125th St', city: 'New York', postalCode: '10027', country: 'US', lat: 40.81, lng: -73.95 },
      },
    });
    expect(userErrors).toEqual([]);
    expect(order.fulfillments.map((f: any) => f.location.id).sort()).toEqual([locations.dc, locations.uptown].sort());

    const tooMany = await place({
      idempotencyKey: 'oos-1',
      lines: [{ sku: 'RJ-M', quantity: 5 }],
      fulfillment: { type: 'SHIP' },
    });
    expect(tooMany).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'OUT_OF_STOCK' })] });
    // A guest has no saved address to ship to.
    const nowhere = await place({
      customerId: null,
      idempotencyKey: 'guest-ship-1',
      lines: [{ sku: 'RJ-S', quantity: 1 }],
      fulfillment: { type: 'SHIP' },
    });
    expect(nowhere).toEqual({
      order: null,
      userErrors: [expect.objectContaining({ code: 'ADDRESS_REQUIRED', field: ['input', 'fulfillment', 'address'] })],
    });
    const availability = await send(t.client, 'Availability', { sku: 'RJ-M' });
    expect(availability.variant.availability.totalAvailable).toBe(1);
  });

  it('takes an app cart with a coupon through checkout, once', async () => {
    await send(t.client, 'CreatePromotion', { input: { name: 'Ten off', code: 'RAIN10', kind: 'PERCENT_OFF', value: 10 } });
    const cart = (await send(t.client, 'CreateCart', { input: { customerId, channel: 'MOBILE_APP' } })).createCart.cart;
    expect(cart.status).toBe('OPEN');
    const added = await send(t.client, 'AddCartLine', { cartId: cart.id, sku: 'RJ-S', quantity: 2 });
    expect(added.addCartLine.cart).toMatchObject({
      lines: [{ sku: 'RJ-S', quantity: 2, unitPrice: { cents: 12000 } }],
      subtotal: { cents: 24000 },
    });
    expect(
      (await send(t.client, 'AddCartLine', { cartId: cart.id, sku: 'NOPE', quantity: 1 })).addCartLine.userErrors[0].code,
    ).toBe('UNKNOWN_SKU');
    expect((await send(t.client, 'ApplyCoupon', { cartId: cart.id, code: 'BOGUS' })).applyCoupon.userErrors[0].code).toBe(
      'INVALID_COUPON',
    );
    const coupon = await send(t.client, 'ApplyCoupon', { cartId: cart.id, code: 'rain10' });
    expect(coupon.applyCoupon.cart).toMatchObject({ discount: { cents: 2400 }, total: { cents: 21600 } });

    const input = {
      cartId: cart.id,
      idempotencyKey: 'app-checkout-1',
      fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: locations.downtown },
    };
    const first = (await send(t.client, 'Checkout', { input })).checkout;
    expect(first.userErrors).toEqual([]);
    expect(first.order).toMatchObject({ status: 'PLACED', total: { cents: 21600, currency: 'USD' } });
    expect(first.order.fulfillments.every((f: any) => f.type === 'PICKUP_IN_STORE' && f.location.id === locations.downtown)).toBe(
      true,
    );
    const again = (await send(t.client, 'Checkout', { input })).checkout;
    expect(again.order.id).toBe(first.order.id);
    const otherKey = (await send(t.client, 'Checkout', { input: { ...input, idempotencyKey: 'app-checkout-2' } })).checkout;
    expect(otherKey.userErrors[0].code).toBe('CART_CHECKED_OUT');
  });

  it('cancels from any channel what has not shipped and gives the stock back', async () => {
    const before = (await send(t.client, 'Availability', { sku: 'RJ-S' })).variant.availability.totalAvailable;
    const { order } = await place({
      idempotencyKey: 'cancel-1',
      lines: [{ sku: 'RJ-S', quantity: 3 }],
      fulfillment: { type: 'SHIP' },
    });
    expect((await send(t.client, 'Availability', { sku: 'RJ-S' })).variant.availability.totalAvailable).toBe(before - 3);

    const cancelled = await send(t.client, 'CancelOrder', { orderId: order.id, channel: 'CALL_CENTER', reason: 'changed mind' });
    expect(cancelled.cancelOrder).toEqual({ order: { id: order.id, status: 'CANCELLED' }, userErrors: [] });
    expect((await send(t.client, 'Availability', { sku: 'RJ-S' })).variant.availability.totalAvailable).toBe(before);
    const again = await send(t.client, 'CancelOrder', { orderId: order.id, channel: 'WEB' });
    expect(again.cancelOrder.userErrors[0].code).toBe('ALREADY_CANCELLED');
    const history = (await send(t.client, 'OrderByNumber', { number: order.number })).orderByNumber.history;
    expect(history[history.length - 1]).toMatchObject({ channel: 'CALL_CENTER', event: expect.stringContaining('changed mind') });
  });

  it('pays with loyalty points at checkout, all or nothing', async () => {
    await send(t.client, 'EnrollLoyalty', { customerId, channel: 'WEB' });
    await place({ idempotencyKey: 'earn-1', lines: [{ sku: 'RJ-S', quantity: 1 }], fulfillment: { type: 'SHIP' } });
    const points = () =>
      send(t.client, 'CustomerLookup', { email: 'ola@example.com' }).then(
        (d) => d.customerLookup.loyalty.pointsBalance as number,
      );
    const earned = await eventually(points, (p) => p >= 120);
    expect(earned).toBe(120);

    const cart = (await send(t.client, 'CreateCart', { input: { customerId, channel: 'WEB' } })).createCart.cart;
    await send(t.client, 'AddCartLine', { cartId: cart.id, sku: 'RJ-S', quantity: 1 });
    const stockBefore = (await send(t.client, 'Availability', { sku: 'RJ-S' })).variant.availability.totalAvailable;
    const tooMany = await send(t.client, 'Checkout', {
      input: { cartId: cart.id, idempotencyKey: 'pts-1', redeemPoints: 500, fulfillment: { type: 'SHIP' } },
    });
    expect(tooMany.checkout).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'INSUFFICIENT_POINTS' })] });
    expect((await send(t.client, 'Availability', { sku: 'RJ-S' })).variant.availability.totalAvailable).toBe(stockBefore);
    expect(await points()).toBe(120);

    const paid = await send(t.client, 'Checkout', {
      input: { cartId: cart.id, idempotencyKey: 'pts-2', redeemPoints: 100, fulfillment: { type: 'SHIP' } },
    });
    expect(paid.checkout.userErrors).toEqual([]);
    // 100 points redeemed; the new order earns its own 120 once its event arrives.
    await eventually(points, (p) => p === 120 - 100 + 120);
    expect(await points()).toBe(140);
  });

  it('shows a cart untouched for a day as abandoned to associates, with stock per line', async () => {
    const cart = (await send(t.client, 'CreateCart', { input: { customerId, channel: 'WEB' } })).createCart.cart;
    await send(t.client, 'AddCartLine', { cartId: cart.id, sku: 'RJ-M', quantity: 1 });
    const carts = `query Carts($id: ID!, $status: CartStatus) {
      customer(id: $id) { carts(status: $status) { id status channel lines { sku quantity variant { sku product { name } availability { totalAvailable } } } } }
    }`;
    const abandoned = () => t.client.request<any>(carts, { id: customerId, status: 'ABANDONED' }).then((d) => d.customer.carts);
    expect(await abandoned()).toEqual([]);

    const inStock = (await send(t.client, 'Availability', { sku: 'RJ-M' })).variant.availability.totalAvailable;
    const yesterday = new Date(Date.now() - 25 * 3_600_000);
    await t.system.services.get('orders')!.db.getRepository(Cart).update({ id: cart.id }, { updatedAt: yesterday });
    expect(await abandoned()).toEqual([
      {
        id: cart.id,
        status: 'ABANDONED',
        channel: 'WEB',
        lines: [
          {
            sku: 'RJ-M',
            quantity: 1,
            variant: { sku: 'RJ-M', product: { name: 'Rain Jacket' }, availability: { totalAvailable: inStock } },
          },
        ],
      },
    ]);
    const open = await t.client.request<any>(carts, { id: customerId, status: 'OPEN' });
    expect(open.customer.carts.map((c: { id: string }) => c.id)).not.toContain(cart.id);
  });

  it('costs the same number of SQL statements for a page of 20 orders as for a page of 2', async () => {
    const shopper = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'many@example.com',
          firstName: 'Many',
          lastName: 'Orders',
          channel: 'WEB',
          address: { line1: '9 Oak Ave', city: 'Edison', postalCode: '08817', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
    for (const sku of ['RJ-M', 'RJ-S'])
      await send(t.client, 'SetStock', { input: { locationId: locations.dc, sku, onHand: 100 } });
    for (let i = 0; i < 20; i++) {
      await send(t.client, 'PlaceOrder', {
        input: {
          customerId: shopper,
          channel: i % 2 ? 'WEB' : 'CALL_CENTER',
          idempotencyKey: `many-${i}`,
          lines: [
            { sku: 'RJ-M', quantity: 1 },
            { sku: 'RJ-S', quantity: 1 },
          ],
          fulfillment: { type: 'SHIP' },
        },
      });
    }
    const page = `query Page($id: ID!, $first: Int) { customer(id: $id) { orders(first: $first) { totalCount edges { node {
      number customer { id email } lines { sku variant { sku price(channel: WEB) { cents } product { name } availability { totalAvailable } } }
      fulfillments { location { id name type } lines { sku } } } } } } }`;
    // Let the events of those orders finish (loyalty, CRM and catalog react to them) before counting.
    const quiet = async () => {
      for (;;) {
        const counters = [...t.system.services.values()].map((service) => countStatements(service.db));
        await new Promise((resolve) => setTimeout(resolve, 300));
        counters.forEach((c) => c.stop());
        if (counters.every((c) => c.count() === 0)) return;
      }
    };
    const statements = async (first: number) => {
      await quiet();
      const counters = [...t.system.services].map(([name, service]) => [name, countStatements(service.db)] as const);
      try {
        const data = await t.client.request<any>(page, { id: shopper, first });
        expect(data.customer.orders.edges).toHaveLength(first);
      } finally {
        counters.forEach(([, c]) => c.stop());
      }
      return Object.fromEntries(counters.filter(([, c]) => c.count() > 0).map(([name, c]) => [name, c.count()]));
    };
    const small = await statements(2);
    const large = await statements(20);
    expect(large).toEqual(small);
    expect(Object.values(large).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20);
  });

  it('moves a merged-away duplicate’s orders to the surviving customer', async () => {
    const duplicate = (
      await send(t.client, 'RegisterCustomer', {
        input: { email: 'ola.berg@work.example', firstName: 'Ola', lastName: 'Berg', channel: 'STORE' },
      })
    ).registerCustomer.customer.id;
    const { order } = await send(t.client, 'PlaceOrder', {
      input: {
        customerId: duplicate,
        channel: 'STORE',
        idempotencyKey: 'dup-1',
        lines: [{ sku: 'RJ-S', quantity: 1 }],
        fulfillment: { type: 'SHIP', address: { line1: '5 Elm St', city: 'Edison', postalCode: '08817', country: 'US' } },
      },
    }).then((d) => d.placeOrder);
    const merged = await send(t.client, 'MergeCustomers', { survivorId: customerId, duplicateId: duplicate });
    expect(merged.mergeCustomers.userErrors).toEqual([]);
    const owner = () =>
      send(t.client, 'OrderByNumber', { number: order.number }).then((d) => d.orderByNumber.customer.id as string);
    expect(await eventually(owner, (id) => id === customerId)).toBe(customerId);
    const survivorOrders = await t.client.request<any>(
      'query($id: ID!) { customer(id: $id) { orders(first: 50) { edges { node { id } } } } }',
      { id: customerId },
    );
    expect(survivorOrders.customer.orders.edges.map((e: any) => e.node.id)).toContain(order.id);
  });

  it('gives a store its pick list and puts a shopper who says "I am here" at the top of the pickups', async () => {
    const pickup = (key: string) =>
      place({
        idempotencyKey: key,
        lines: [{ sku: 'RJ-M', quantity: 1 }],
        fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: locations.uptown },
      }).then((d) => d.order);
    const first = await pickup('queue-1');
    const second = await pickup('queue-2');
    const uptownStaff = await t.associateAt(locations.uptown);
    const queue = () =>
      uptownStaff.request<any>('query($id: ID!) { location(id: $id) { pickupsWaiting { id arrivedAt } } }', {
        id: locations.uptown,
      });
    const ids = (q: any) => q.location.pickupsWaiting.map((f: any) => f.id);
    const [firstId, secondId] = [first.fulfillments[0].id, second.fulfillments[0].id];
    expect(ids(await queue()).indexOf(firstId)).toBeLessThan(ids(await queue()).indexOf(secondId));

    const arrival = await t.client.request<any>(
      'mutation($id: ID!) { announcePickupArrival(orderId: $id) { userErrors { code } } }',
      { id: second.id },
    );
    expect(arrival.announcePickupArrival.userErrors).toEqual([]);
    const after = await queue();
    expect(after.location.pickupsWaiting[0]).toEqual({ id: secondId, arrivedAt: expect.any(String) });

    const work = await (
      await t.associateAt(locations.dc)
    ).request<any>('query($id: ID!) { location(id: $id) { workQueue { id status } } }', {
      id: locations.dc,
    });
    expect(work.location.workQueue.every((f: any) => ['PENDING', 'PICKING', 'PACKED'].includes(f.status))).toBe(true);
  });

  it('attaches a guest cart to the shopper who signs in', async () => {
    const cart = (await send(t.client, 'CreateCart', { input: { channel: 'WEB' } })).createCart.cart;
    const attach = (cartId: string, id: string) =>
      t.client.request<any>(
        'mutation($c: ID!, $id: ID!) { attachCart(cartId: $c, customerId: $id) { cart { id } userErrors { code } } }',
        { c: cartId, id },
      );
    expect((await attach(cart.id, customerId)).attachCart.userErrors).toEqual([]);
    const carts = await t.client.request<any>('query($id: ID!) { customer(id: $id) { carts(status: OPEN) { id } } }', {
      id: customerId,
    });
    expect(carts.customer.carts.map((c: any) => c.id)).toContain(cart.id);
    expect((await attach(cart.id, 'nobody')).attachCart.userErrors[0].code).toBe('UNKNOWN_CUSTOMER');
  });

  it("tells loyalty each line's category, so category rules apply to real orders", async () => {
    await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Wool Coat',
        categoryPath: ['Apparel', 'Outerwear'],
        variants: [{ sku: 'WC-1', price: { cents: 10000, currency: 'USD' } }],
      },
    });
    await send(t.client, 'SetStock', { input: { locationId: locations.dc, sku: 'WC-1', onHand: 5 } });
    const rule = await send(t.client, 'UpsertEarnRule', {
      input: {
        name: 'Outerwear triple',
        trigger: 'PURCHASE',
        multiplier: 3,
        categoryPath: ['Apparel', 'Outerwear'],
        active: true,
      },
    });
    expect(rule.upsertEarnRule.userErrors).toEqual([]);
    const shopper = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'coat@example.com',
          firstName: 'Co',
          lastName: 'At',
          channel: 'WEB',
          address: { line1: '3 Coat Ln', city: 'Edison', postalCode: '08817', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
    await send(t.client, 'EnrollLoyalty', { customerId: shopper, channel: 'WEB' });
    await place({
      customerId: shopper,
      idempotencyKey: 'coat-1',
      lines: [{ sku: 'WC-1', quantity: 1 }],
      fulfillment: { type: 'SHIP' },
    });
    const points = () =>
      send(t.client, 'CustomerLookup', { email: 'coat@example.com' }).then(
        (d) => d.customerLookup.loyalty.pointsBalance as number,
      );
    // 100.00 spent on outerwear: 100 points x3.
    expect(await eventually(points, (p) => p > 0)).toBe(300);
  });
});
