/**
 * One subgraph down fails only the fields that need it: a Customer360 over HTTP subgraphs keeps
 * every other field while inventory, loyalty, catalog and orders stop one after another, and the
 * missing ones come back null with an error. The fields another subgraph resolves (`Customer.orders`,
 * `loyalty`, `recommendations`, `ProductVariant.availability`, an order line's `variant`...) are
 * nullable for this: a non-null one would null its parent, the whole customer.
 */
import { Cart } from '../../services/orders/src/entities/cart';
import { seedDemoRetailer } from '../src/seed';
import { contractOperation, eventually, send, startTestSystem, type TestSystem } from './harness';

type Json = Record<string, any>;

describe('Customer360 while subgraphs stop one by one', () => {
  let t: TestSystem;
  let customerId: string;
  let baseline: Json;

  beforeAll(async () => {
    t = await startTestSystem({ transport: 'http' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const customer360 = () => t.client.raw<Json>(contractOperation('Customer360'), { id: customerId }, 'Customer360');

  /** `baseline` with the value at each path (`orders.edges.*.node.lines.*.variant`) set to null. */
  function without(paths: string[]): Json {
    const copy = structuredClone(baseline);
    for (const path of paths) nullAt(copy, path.split('.'));
    return copy;
  }

  /** The fields of the errors' paths below `customer`, `*` for list indexes, without duplicates. */
  async function answer(): Promise<{ customer: Json; failed: string[] }> {
    const { data, errors } = await customer360();
    const failed = (errors ?? []).map((e) => {
      expect(e.path?.[0]).toBe('customer');
      expect(e.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
      return e
        .path!.slice(1)
        .map((p) => (typeof p === 'number' ? '*' : p))
        .join('.');
    });
    return { customer: data!.customer, failed: [...new Set(failed)].sort() };
  }

  it('answers every field while all five are up', async () => {
    const seeded = await seedDemoRetailer(t.client);
    customerId = seeded.customerIds[0]!;
    // A viewed product, an abandoned cart, and points earned by the seeded orders.
    const { variant } = await t.client.request<Json>('{ variant(sku: "NF-TOTE-NAT") { product { id } } }');
    await send(t.client, 'RecordProductView', { input: { customerId, productId: variant.product.id, channel: 'WEB' } });
    const cart = (await send(t.client, 'CreateCart', { input: { customerId, channel: 'WEB' } })).createCart.cart;
    await send(t.client, 'AddCartLine', { cartId: cart.id, sku: 'NF-TOTE-NAT', quantity: 1 });
    const yesterday = new Date(Date.now() - 25 * 3_600_000);
    await t.system.services.get('orders')!.db.getRepository(Cart).update({ id: cart.id }, { updatedAt: yesterday });

    const full = await eventually(customer360, (r) => r.data?.customer?.loyalty?.pointsBalance > 0);
    expect(full.errors).toBeUndefined();
    baseline = full.data!.customer;
    expect(baseline.orders.totalCount).toBe(3);
    expect(baseline.carts).toHaveLength(1);
    expect(baseline.recommendations).toEqual(expect.any(Array));
    expect(baseline.carts[0].lines[0].variant.availability.totalAvailable).toBeGreaterThan(0);
    expect(baseline.recentlyViewed[0].product.id).toBe(variant.product.id);
    expect(baseline.orders.edges[0].node.fulfillments[0].location).not.toBeNull();
  });

  // Cumulative: each step stops one more subgraph of the same system. `nulled`: where the response
  // now holds null (the nearest nullable field above what is missing); `failed`: the errors' paths,
  // the fields the stopped subgraphs were to resolve.
  const INVENTORY = {
    nulled: ['carts.*.lines.*.variant.availability', 'orders.edges.*.node.fulfillments.*.location'],
    failed: [
      'carts.*.lines.*.variant.availability',
      'orders.edges.*.node.fulfillments.*.location.name',
      'orders.edges.*.node.fulfillments.*.location.type',
    ],
  };
  const LOYALTY = { nulled: ['loyalty', 'storeCredit'], failed: ['loyalty', 'storeCredit'] };
  const CATALOG = {
    nulled: ['carts.*.lines.*.variant', 'orders.edges.*.node.lines.*.variant', 'recentlyViewed.*.product', 'recommendations'],
    failed: [
      'carts.*.lines.*.variant.product',
      'orders.edges.*.node.lines.*.variant.product',
      'recentlyViewed.*.product.name',
      'recommendations',
    ],
  };
  const ORDERS = {
    nulled: ['orders', 'carts', 'returns', 'subscriptions'],
    failed: ['orders', 'carts', 'returns', 'subscriptions'],
  };

  it('without inventory: no availability and no fulfillment locations, the rest as before', async () => {
    await t.system.endpoints.get('inventory')!.close();
    const { customer, failed } = await answer();
    expect(customer).toEqual(without(INVENTORY.nulled));
    expect(failed).toEqual([...INVENTORY.failed].sort());
  });

  it('without loyalty either: no loyalty account and no store credit', async () => {
    await t.system.endpoints.get('loyalty')!.close();
    const { customer, failed } = await answer();
    expect(customer).toEqual(without([...INVENTORY.nulled, ...LOYALTY.nulled]));
    expect(failed).toEqual([...INVENTORY.failed, ...LOYALTY.failed].sort());
  });

  it('without catalog either: no variants, viewed products or recommendations; order and cart lines stay', async () => {
    await t.system.endpoints.get('catalog')!.close();
    const { customer, failed } = await answer();
    expect(customer).toEqual(without([...INVENTORY.nulled, ...LOYALTY.nulled, ...CATALOG.nulled]));
    expect(customer.orders.edges[0].node.lines[0]).toMatchObject({ sku: expect.any(String), variant: null });
    expect(failed).toEqual([...INVENTORY.failed, ...LOYALTY.failed, ...CATALOG.failed].sort());
  });

  it("without orders either: CRM's own fields are all that is left, still answered", async () => {
    await t.system.endpoints.get('orders')!.close();
    const { customer, failed } = await answer();
    expect(customer).toEqual(without([...LOYALTY.nulled, ...CATALOG.nulled, ...ORDERS.nulled]));
    expect(customer).toMatchObject({ email: baseline.email, recentlyViewed: [{ product: null }] });
    // What hung below the orders and carts is gone with them.
    expect(failed).toEqual([...LOYALTY.failed, 'recentlyViewed.*.product.name', 'recommendations', ...ORDERS.failed].sort());

    // A root field of a stopped subgraph: its error at the field, the other root fields answered.
    const both = await t.client.raw<Json>('query { orderByNumber(number: "W-1") { id } me { id } }');
    expect(both.data).toEqual({ orderByNumber: null, me: null });
    expect(both.errors).toEqual([
      expect.objectContaining({ path: ['orderByNumber'], extensions: { code: 'SERVICE_UNAVAILABLE' } }),
    ]);
  });
});

function nullAt(value: Json, path: string[]): void {
  const [head, ...rest] = path;
  if (value === null || value === undefined) return;
  if (head === '*') {
    for (const item of value as Json[]) nullAt(item, rest);
  } else if (rest.length === 0) {
    value[head!] = null;
  } else {
    nullAt(value[head!], rest);
  }
}
