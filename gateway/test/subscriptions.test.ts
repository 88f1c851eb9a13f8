import { resetOrderSettings } from '../../services/orders/src/settings';
import { send, startTestSystem, type TestSystem } from './harness';
import type { GatewayClient } from '../src/client';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const CREATE = `mutation($input: CreateSubscriptionInput!) {
  createSubscription(input: $input) {
    subscription { id status nextRunOn lines { sku quantity } }
    userErrors { field message code }
  }
}`;

const UPDATE = `mutation($input: UpdateSubscriptionInput!) {
  updateSubscription(input: $input) {
    subscription { id nextRunOn intervalDays fulfillmentType pickupLocation { id } sku quantity lines { sku quantity } }
    userErrors { field message code }
  }
}`;

const ORDER = `query($n: String!) {
  orderByNumber(number: $n) {
    channel
    subtotal { cents } discount { cents } total { cents }
    lines { sku quantity }
    fulfillments { type location { id } }
  }
}`;

/**
 * Subscriptions as the shopper's app runs them: several SKUs, changed as life changes (quantity,
 * SKU, interval, next date, how it comes), and a subscribe-and-save price that is a catalog
 * promotion, so it is priced by the one engine every channel uses, and only subscriptions get it.
 */
describe('subscriptions through the gateway', () => {
  let t: TestSystem;
  let customerId: string;
  let store: string;
  let shopper: GatewayClient;

  beforeAll(async () => {
    process.env.SUBSCRIBE_AND_SAVE_COUPON = 'subsave';
    resetOrderSettings();
    t = await startTestSystem();
    const upsert = async (name: string, type: string, pickupEnabled: boolean) =>
      (
        await send(t.client, 'UpsertLocation', {
          input: { name, type, lat: 40.6, lng: -74.1, fulfillsOnline: true, pickupEnabled },
        })
      ).upsertLocation.location.id as string;
    const dc = await upsert('Subs DC', 'WAREHOUSE', false);
    store = await upsert('Subs Store', 'STORE', true);
    await send(t.client, 'UpsertProduct', {
      input: {
        name: 'Pantry',
        variants: [
          { sku: 'SUB-COFFEE', price: { cents: 1200, currency: 'USD' } },
          { sku: 'SUB-FILTERS', price: { cents: 500, currency: 'USD' } },
          { sku: 'SUB-TEA', price: { cents: 800, currency: 'USD' } },
        ],
      },
    });
    for (const sku of ['SUB-COFFEE', 'SUB-FILTERS', 'SUB-TEA'])
      await send(t.client, 'SetStock', { input: { locationId: dc, sku, onHand: 100 } });
    const promotion = await send(t.client, 'CreatePromotion', {
      input: { name: 'Subscribe & save', code: 'SUBSAVE', kind: 'PERCENT_OFF', value: 10 },
    });
    expect(promotion.createPromotion.userErrors).toEqual([]);
    customerId = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: 'lea@example.com',
          firstName: 'Lea',
          lastName: 'Moss',
          channel: 'MOBILE_APP',
          address: { line1: '4 Oak Ave', city: 'Edison', postalCode: '08817', country: 'US' },
        },
      })
    ).registerCustomer.customer.id;
    shopper = (await t.signedIn({ role: 'CUSTOMER', customerId, subject: 'lea' })).withHeaders({ 'x-channel': 'MOBILE_APP' });
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.SUBSCRIBE_AND_SAVE_COUPON;
    resetOrderSettings();
  });

  const runDue = async (asOf: string) => {
    const run = await send(t.client, 'RunDueSubscriptions', { asOf });
    expect(run.runDueSubscriptions.userErrors).toEqual([]);
    return run.runDueSubscriptions.ordersPlaced as { id: string; number: string }[];
  };

  it('orders several SKUs, changes them, and prices every run with the subscribe-and-save promotion', async () => {
    const created = await shopper.request<any>(CREATE, {
      input: {
        customerId,
        channel: 'MOBILE_APP',
        lines: [
          { sku: 'SUB-COFFEE', quantity: 2 },
          { sku: 'SUB-FILTERS', quantity: 1 },
        ],
        intervalDays: 30,
        startOn: day(0),
        fulfillment: { type: 'SHIP' },
      },
    });
    expect(created.createSubscription.userErrors).toEqual([]);
    const id = created.createSubscription.subscription.id;
    // The app shows the subscribe-and-save price before the first order, from the same engine.
    const preview = await shopper.request<any>(
      'query($id: ID!) { customer(id: $id) { subscriptions { id subtotal { cents } discount { cents } total { cents currency } } } }',
      { id: customerId },
    );
    expect(preview.customer.subscriptions).toContainEqual({
      id,
      subtotal: { cents: 2900 },
      discount: { cents: 290 },
      total: { cents: 2610, currency: 'USD' },
    });

    const [first] = await runDue(day(0));
    const order = (await t.client.request<any>(ORDER, { n: first!.number })).orderByNumber;
    // 2 × 12.00 + 5.00 = 29.00, 10% off by the catalog's promotion.
    expect(order).toMatchObject({
      channel: 'MOBILE_APP',
      subtotal: { cents: 2900 },
      discount: { cents: 290 },
      total: { cents: 2610 },
      lines: [
        { sku: 'SUB-COFFEE', quantity: 2 },
        { sku: 'SUB-FILTERS', quantity: 1 },
      ],
    });

    // Life changes: less coffee, tea instead of filters, every two weeks, from a day chosen, picked up.
    const updated = await shopper.request<any>(UPDATE, {
      input: {
        id,
        lines: [
          { sku: 'SUB-COFFEE', quantity: 1 },
          { sku: 'SUB-TEA', quantity: 3 },
        ],
        intervalDays: 14,
        nextRunOn: day(3),
        fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: store },
      },
    });
    expect(updated.updateSubscription).toEqual({
      subscription: {
        id,
        nextRunOn: day(3),
        intervalDays: 14,
        fulfillmentType: 'PICKUP_IN_STORE',
        pickupLocation: { id: store },
        sku: 'SUB-COFFEE',
        quantity: 1,
        lines: [
          { sku: 'SUB-COFFEE', quantity: 1 },
          { sku: 'SUB-TEA', quantity: 3 },
        ],
      },
      userErrors: [],
    });
    expect(await runDue(day(2))).toEqual([]);
    const [next] = await runDue(day(3));
    const second = (await t.client.request<any>(ORDER, { n: next!.number })).orderByNumber;
    // 12.00 + 3 × 8.00 = 36.00, 10% off.
    expect(second).toMatchObject({
      subtotal: { cents: 3600 },
      discount: { cents: 360 },
      lines: [
        { sku: 'SUB-COFFEE', quantity: 1 },
        { sku: 'SUB-TEA', quantity: 3 },
      ],
      fulfillments: [{ type: 'PICKUP_IN_STORE', location: { id: store } }],
    });
    const after = await t.client.request<any>('query($id: ID!) { customer(id: $id) { subscriptions { id nextRunOn } } }', {
      id: customerId,
    });
    expect(after.customer.subscriptions).toContainEqual({ id, nextRunOn: day(17) });
  });

  it('refuses changes that cannot be kept, and changes by anyone but the shopper and staff', async () => {
    const created = await shopper.request<any>(CREATE, {
      input: {
        customerId,
        channel: 'MOBILE_APP',
        lines: [{ sku: 'SUB-TEA', quantity: 1 }],
        intervalDays: 30,
        startOn: day(1),
        fulfillment: { type: 'SHIP' },
      },
    });
    const id = created.createSubscription.subscription.id;
    const refused = async (input: Record<string, unknown>) =>
      (await shopper.request<any>(UPDATE, { input: { id, ...input } })).updateSubscription.userErrors.map(
        (e: { code: string }) => e.code,
      );
    expect(
      await refused({
        lines: [
          { sku: 'SUB-TEA', quantity: 1 },
          { sku: 'SUB-TEA', quantity: 2 },
        ],
      }),
    ).toEqual(['DUPLICATE_LINE']);
    expect(await refused({ lines: [{ sku: 'NO-SUCH', quantity: 1 }] })).toEqual(['UNKNOWN_SKU']);
    expect(await refused({ lines: [{ sku: 'SUB-TEA', quantity: 0 }] })).toEqual(['INVALID_QUANTITY']);
    expect(await refused({ lines: [] })).toEqual(['EMPTY_SUBSCRIPTION']);
    expect(await refused({ nextRunOn: day(-1) })).toEqual(['INVALID_START_DATE']);
    expect(await refused({ intervalDays: 0 })).toEqual(['INVALID_INTERVAL']);
    expect(await refused({ fulfillment: { type: 'CARRY_OUT', pickupLocationId: store } })).toEqual(['INVALID_FULFILLMENT']);
    expect(await refused({})).toEqual(['NO_CHANGES']);

    const other = (
      await send(t.client, 'RegisterCustomer', {
        input: { email: 'max@example.com', firstName: 'Max', lastName: 'Roe', channel: 'WEB' },
      })
    ).registerCustomer.customer.id;
    const stranger = await t.signedIn({ role: 'CUSTOMER', customerId: other, subject: 'max' });
    const denied = await stranger.raw<any>(UPDATE, { input: { id, intervalDays: 7 } });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byStaff = await t.client.request<any>(UPDATE, { input: { id, intervalDays: 7 } });
    expect(byStaff.updateSubscription.subscription.intervalDays).toBe(7);

    await shopper.request<any>('mutation($id: ID!) { cancelSubscription(id: $id) { userErrors { code } } }', { id });
    expect(await refused({ intervalDays: 10 })).toEqual(['SUBSCRIPTION_CANCELLED']);
  });

  it('keeps subscribe-and-save for subscriptions: no cart or order may type its code', async () => {
    const cart = (await send(shopper, 'CreateCart', { input: { customerId, channel: 'MOBILE_APP' } })).createCart.cart;
    await send(shopper, 'AddCartLine', { cartId: cart.id, sku: 'SUB-COFFEE', quantity: 1 });
    const applied = await send(shopper, 'ApplyCoupon', { cartId: cart.id, code: 'subsave' });
    expect(applied.applyCoupon.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_COUPON' })]);
    const placed = await t.client.raw<any>(
      'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code field } } }',
      {
        input: {
          customerId,
          channel: 'CALL_CENTER',
          idempotencyKey: 'subsave-typed',
          lines: [{ sku: 'SUB-COFFEE', quantity: 1 }],
          fulfillment: { type: 'SHIP' },
          couponCodes: ['SUBSAVE'],
        },
      },
    );
    expect(placed.data.placeOrder).toEqual({
      order: null,
      userErrors: [{ code: 'INVALID_COUPON', field: ['input', 'couponCodes', '0'] }],
    });
  });

  it('still takes the one-SKU form of the contract', async () => {
    const created = await send(shopper, 'CreateSubscription', {
      input: {
        customerId,
        channel: 'MOBILE_APP',
        sku: 'SUB-FILTERS',
        quantity: 2,
        intervalDays: 60,
        startOn: day(5),
        fulfillment: { type: 'SHIP' },
      },
    });
    expect(created.createSubscription).toMatchObject({ subscription: { status: 'ACTIVE', nextRunOn: day(5) }, userErrors: [] });
    const both = await shopper.request<any>(CREATE, {
      input: {
        customerId,
        channel: 'MOBILE_APP',
        sku: 'SUB-FILTERS',
        quantity: 2,
        lines: [{ sku: 'SUB-TEA', quantity: 1 }],
        intervalDays: 60,
        startOn: day(5),
        fulfillment: { type: 'SHIP' },
      },
    });
    expect(both.createSubscription.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_LINES']);
  });
});
