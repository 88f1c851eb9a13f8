import { randomUUID } from 'node:crypto';
import { eventually, send, startTestSystem, type TestSystem } from './harness';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * What a channel may promise and sell: a requested delivery date allows for the goods' transit
 * (the same rule for every fulfillment type), and a store's till sells the goods in the shopper's
 * hand even when they are the safety stock that online promises leave alone.
 */
describe('delivery dates and store sales through the gateway', () => {
  let t: TestSystem;
  let customerId: string;
  let warehouse: string;
  let stocked: string;
  let empty: string;

  beforeAll(async () => {
    t = await startTestSystem();
    const upsert = async (name: string, type: string, lat: number, pickupEnabled: boolean) =>
      (
        await send(t.client, 'UpsertLocation', {
          input: { name, type, lat, lng: -74.0, fulfillsOnline: true, pickupEnabled },
        })
      ).upsertLocation.location.id as string;
    warehouse = await upsert('Plains DC', 'WAREHOUSE', 40.5, false);
    stocked = await upsert('Pier Store', 'STORE', 40.7, true);
    empty = await upsert('Park Store', 'STORE', 40.75, true);
    await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Canvas Tote',
        variants: [
          { sku: 'FP-TOTE', price: { cents: 2500, currency: 'USD' } },
          { sku: 'FP-CAP', price: { cents: 1500, currency: 'USD' } },
        ],
      },
    });
    await send(t.client, 'SetStock', { input: { locationId: warehouse, sku: 'FP-TOTE', onHand: 50 } });
    await send(t.client, 'SetStock', { input: { locationId: stocked, sku: 'FP-TOTE', onHand: 5 } });
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'noor@example.com',
          firstName: 'Noor',
          lastName: 'Haddad',
          channel: 'WEB',
          address: { line1: '9 Bay St', city: 'Newark', postalCode: '07102', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const place = (fulfillment: Record<string, unknown>, sku = 'FP-TOTE', quantity = 1, client = t.client) =>
    send(client, 'PlaceOrder', {
      input: {
        customerId,
        channel: 'CALL_CENTER',
        idempotencyKey: randomUUID(),
        lines: [{ sku, quantity }],
        fulfillment,
      },
    }).then((d) => d.placeOrder);
  const available = async (sku = 'FP-TOTE') =>
    (await send(t.client, 'Availability', { sku })).variant.availability.totalAvailable as number;
  const refusedFor = (earliest: string) => ({
    order: null,
    userErrors: [
      expect.objectContaining({
        code: 'INVALID_DELIVERY_DATE',
        message: `the earliest delivery date is ${earliest}`,
        field: ['input', 'fulfillment', 'deliveryDate'],
      }),
    ],
  });

  it('refuses a delivery date a shipment cannot make, naming the earliest', async () => {
    expect(await place({ type: 'SHIP', deliveryDate: day(0) })).toEqual(refusedFor(day(2)));
    expect(await place({ type: 'SHIP', deliveryDate: day(1) })).toEqual(refusedFor(day(2)));
    const ok = await place({ type: 'SHIP', deliveryDate: day(2) });
    expect(ok.userErrors).toEqual([]);
    const promised = await t.client.request<any>(
      'query($n: String!) { orderByNumber(number: $n) { fulfillments { promisedDate } } }',
      {
        n: ok.order.number,
      },
    );
    expect(promised.orderByNumber.fulfillments).toEqual([{ promisedDate: day(2) }]);

    // The same rule when the date changes later.
    const later = await send(t.client, 'ModifyOrder', {
      input: { orderId: ok.order.id, channel: 'CALL_CENTER', changes: [], deliveryDate: day(1) },
    });
    expect(later.modifyOrder).toEqual({
      order: null,
      userErrors: [
        expect.objectContaining({
          code: 'INVALID_DELIVERY_DATE',
          message: `the earliest delivery date is ${day(2)}`,
          field: ['input', 'deliveryDate'],
        }),
      ],
    });
    const fine = await send(t.client, 'ModifyOrder', {
      input: { orderId: ok.order.id, channel: 'CALL_CENTER', changes: [], deliveryDate: day(5) },
    });
    expect(fine.modifyOrder.userErrors).toEqual([]);
  });

  it('counts a transfer to the pickup store, and nothing for a pickup from its own shelves', async () => {
    // From the store's own stock: today is fine.
    const own = await place({ type: 'PICKUP_IN_STORE', pickupLocationId: stocked, deliveryDate: day(0) });
    expect(own.userErrors).toEqual([]);
    expect(own.order.fulfillments).toEqual([expect.objectContaining({ location: { id: stocked } })]);

    // The other store has none: it travels first. Nothing is taken or reserved by the refusal.
    const before = await available();
    expect(await place({ type: 'PICKUP_IN_STORE', pickupLocationId: empty, deliveryDate: day(1) })).toEqual(refusedFor(day(2)));
    expect(await available()).toBe(before);
    const transferred = await place({ type: 'PICKUP_IN_STORE', pickupLocationId: empty, deliveryDate: day(2) });
    expect(transferred.userErrors).toEqual([]);

    // A carry-out is today; a past date is refused the same way.
    const associate = await t.associateAt(stocked);
    const past = await place({ type: 'CARRY_OUT', pickupLocationId: stocked, deliveryDate: day(-1) }, 'FP-TOTE', 1, associate);
    expect(past).toEqual(refusedFor(day(0)));
  });

  it('applies the rule to a storefront checkout as well', async () => {
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId, subject: 'noor' });
    const cart = (await send(shopper, 'CreateCart', { input: { customerId, channel: 'WEB' } })).createCart.cart;
    await send(shopper, 'AddCartLine', { cartId: cart.id, sku: 'FP-TOTE', quantity: 1 });
    const checkout = (
      await send(shopper, 'Checkout', {
        input: { cartId: cart.id, idempotencyKey: 'fp-web', fulfillment: { type: 'SHIP', deliveryDate: day(1) } },
      })
    ).checkout;
    expect(checkout).toEqual(refusedFor(day(2)));
  });

  it('sells at the till the goods in hand below safety stock, never promising them online', async () => {
    // 3 on hand, safety stock 5: nothing to promise online.
    await send(t.client, 'SetStock', { input: { locationId: stocked, sku: 'FP-CAP', onHand: 3, safetyStock: 5 } });
    expect(await available('FP-CAP')).toBe(0);
    expect((await place({ type: 'PICKUP_IN_STORE', pickupLocationId: stocked }, 'FP-CAP')).userErrors).toEqual([
      expect.objectContaining({ code: 'OUT_OF_STOCK' }),
    ]);
    expect((await place({ type: 'SHIP' }, 'FP-CAP')).userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_STOCK' })]);

    // At the till, with the associate's own token: the shopper holds them.
    const associate = await t.associateAt(stocked);
    expect((await place({ type: 'CARRY_OUT', pickupLocationId: stocked }, 'FP-CAP', 4, associate)).userErrors).toEqual([
      expect.objectContaining({ code: 'OUT_OF_STOCK' }),
    ]);
    const sold = await place({ type: 'CARRY_OUT', pickupLocationId: stocked }, 'FP-CAP', 3, associate);
    expect(sold.userErrors).toEqual([]);
    expect(sold.order.status).toBe('COMPLETED');
    const level = await eventually(
      () =>
        t.client
          .request<any>('query { stock(sku: "FP-CAP", locationId: "' + stocked + '") { onHand reserved safetyStock available } }')
          .then((d) => d.stock),
      (s) => s.onHand === 0,
    );
    expect(level).toEqual({ onHand: 0, reserved: 0, safetyStock: 5, available: 0 });
  });

  it('never sells at the till what is reserved for another order', async () => {
    await send(t.client, 'SetStock', { input: { locationId: empty, sku: 'FP-CAP', onHand: 2, safetyStock: 0 } });
    const online = await place({ type: 'PICKUP_IN_STORE', pickupLocationId: empty }, 'FP-CAP', 2);
    expect(online.userErrors).toEqual([]);
    const associate = await t.associateAt(empty);
    expect((await place({ type: 'CARRY_OUT', pickupLocationId: empty }, 'FP-CAP', 1, associate)).userErrors).toEqual([
      expect.objectContaining({ code: 'OUT_OF_STOCK' }),
    ]);
  });
});
