import { randomUUID } from 'node:crypto';
import { Channel, metricsRegistry, newEnvelope, ProcessedEvent, type EventEnvelope, type PointsChanged } from '@omni/platform';
import { CustomerTier } from '../../services/catalog/src/entities/customer-tier';
import { eventually, send, startTestSystem, stockedStore, type TestSystem } from './harness';

/**
 * Promotions limited to a loyalty tier (`createPromotion` with `minTier`) through the gateway:
 * catalog keeps each member's tier from `loyalty.points.changed`, so the web checkout (the
 * shopper's own token) and the till (`placeOrder` by an associate) price a GOLD-only offer alike,
 * for GOLD members only, and for a member from the moment they reach GOLD.
 */
describe('tier-limited promotions', () => {
  let t: TestSystem;
  let store: string;

  /** A registered loyalty member (BRONZE until they earn more). */
  const member = async (first: string) => {
    const id = (
      await send(t.client, 'RegisterCustomer', {
        input: {
          email: `${first.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`,
          firstName: first,
          lastName: 'Tier',
          channel: 'WEB',
        },
      })
    ).registerCustomer.customer.id as string;
    expect((await send(t.client, 'EnrollLoyalty', { customerId: id, channel: 'WEB' })).enrollLoyalty.userErrors).toEqual([]);
    return id;
  };

  /** The shopper's own web cart with one line, as the storefront shows it. */
  const webCart = async (customerId: string, sku: string) => {
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId, subject: customerId });
    const cart = (await send(shopper, 'CreateCart', { input: { customerId, channel: 'WEB' } })).createCart.cart;
    expect((await send(shopper, 'AddCartLine', { cartId: cart.id, sku, quantity: 1 })).addCartLine.userErrors).toEqual([]);
    return { shopper, cartId: cart.id as string };
  };

  const cartPrice = async (customerId: string, cartId: string) => {
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId, subject: customerId });
    const priced = (await send(shopper, 'Cart', { id: cartId })).cart;
    return { discount: priced.discount.cents, total: priced.total.cents };
  };

  /** The shopper checks the cart out herself (pickup in store): the order's total. */
  const checkout = async (customerId: string, cartId: string) => {
    const shopper = await t.signedIn({ role: 'CUSTOMER', customerId, subject: customerId });
    const out = await send(shopper, 'Checkout', {
      input: { cartId, idempotencyKey: randomUUID(), fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: store } },
    });
    expect(out.checkout.userErrors).toEqual([]);
    return out.checkout.order.total.cents as number;
  };

  /** An order an associate rings up at the till for the member, carried out. */
  const tillOrder = async (customerId: string, sku: string) => {
    const placed = await send(await t.associateAt(store), 'PlaceOrderWithTenders', {
      customerId,
      channel: 'STORE',
      key: randomUUID(),
      lines: [{ sku, quantity: 1 }],
      fulfillment: { type: 'CARRY_OUT', pickupLocationId: store },
    });
    expect(placed.placeOrder.userErrors).toEqual([]);
    return { discount: placed.placeOrder.order.discount.cents, total: placed.placeOrder.order.total.cents };
  };

  /** The tier catalog prices with, once loyalty's events have reached it. */
  const tierInCatalog = (customerId: string, tier: string) =>
    eventually(
      async () => (await t.system.services.get('catalog')!.db.getRepository(CustomerTier).findOneBy({ customerId }))?.tier,
      (found) => found === tier,
      20_000,
    );

  /** Deliveries catalog's tier consumer settled without a transaction (the event changes nothing). */
  const ignoredByTiers = async () =>
    (await metricsRegistry.getSingleMetric('event_deliveries_total')!.get()).values.find(
      ({ labels }) => labels.consumer === 'catalog-customer-tiers' && labels.outcome === 'ignored',
    )?.value ?? 0;

  /** Publishes `event` and waits until catalog's tier consumer has settled it: applied, or told it changes nothing. */
  const deliver = async (event: EventEnvelope) => {
    const ignoredBefore = await ignoredByTiers();
    await t.system.bus.publish(event);
    const processed = () => t.system.services.get('catalog')!.db.getRepository(ProcessedEvent).countBy({ eventId: event.id });
    expect(
      await eventually(
        async () => (await processed()) > 0 || (await ignoredByTiers()) > ignoredBefore,
        (settled) => settled,
        20_000,
      ),
    ).toBe(true);
  };

  const loyaltyTier = async (customerId: string) =>
    (await t.client.request<any>('query($id: ID!) { customer(id: $id) { loyalty { tier } } }', { id: customerId })).customer
      .loyalty.tier;

  /** A 5,000.00 sofa bought at the till earns 5,000 points: GOLD (4,000 in 12 months). */
  const reachGold = async (customerId: string) => {
    expect(await tillOrder(customerId, 'TIER-SOFA')).toEqual({ discount: 0, total: 500_000 });
    expect(await tierInCatalog(customerId, 'GOLD')).toBe('GOLD');
    expect(await loyaltyTier(customerId)).toBe('GOLD');
  };

  beforeAll(async () => {
    t = await startTestSystem();
    store = await stockedStore(
      t,
      'Tier Store',
      [
        ['TIER-BAG', 10_000],
        ['TIER-SOFA', 500_000],
      ],
      ['Home'],
    );
    const gold = await send(t.client, 'CreatePromotion', {
      input: { name: 'Gold members 10%', kind: 'PERCENT_OFF', value: 10, minTier: 'GOLD' },
    });
    expect(gold.createPromotion.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('prices a GOLD-only offer the same for a GOLD member on the web and at the till, and not for a BRONZE member', async () => {
    const gia = await member('Gia');
    await reachGold(gia);
    const bo = await member('Bo');

    const hers = await webCart(gia, 'TIER-BAG');
    expect(await cartPrice(gia, hers.cartId)).toEqual({ discount: 1_000, total: 9_000 });
    expect(await checkout(gia, hers.cartId)).toBe(9_000);
    expect(await tillOrder(gia, 'TIER-BAG')).toEqual({ discount: 1_000, total: 9_000 });

    expect(await loyaltyTier(bo)).toBe('BRONZE');
    const his = await webCart(bo, 'TIER-BAG');
    expect(await cartPrice(bo, his.cartId)).toEqual({ discount: 0, total: 10_000 });
    expect(await checkout(bo, his.cartId)).toBe(10_000);
    expect(await tillOrder(bo, 'TIER-BAG')).toEqual({ discount: 0, total: 10_000 });
  });

  it('gives it to a member from the moment they reach GOLD, in the cart they already had too', async () => {
    const cam = await member('Cam');
    const cart = await webCart(cam, 'TIER-BAG');
    expect(await cartPrice(cam, cart.cartId)).toEqual({ discount: 0, total: 10_000 });

    await reachGold(cam);
    expect(await cartPrice(cam, cart.cartId)).toEqual({ discount: 1_000, total: 9_000 });
    expect(await checkout(cam, cart.cartId)).toBe(9_000);
    expect(await tillOrder(cam, 'TIER-BAG')).toEqual({ discount: 1_000, total: 9_000 });
  });

  it('a merge gives the survivor the GOLD of the member merged into them; the merged-away id keeps no tier', async () => {
    const dan = await member('Dan');
    await reachGold(dan);
    const eli = await member('Eli');
    const merged = await send(t.client, 'MergeCustomers', { survivorId: eli, duplicateId: dan });
    expect(merged.mergeCustomers.userErrors).toEqual([]);

    const rows = t.system.services.get('catalog')!.db.getRepository(CustomerTier);
    expect(
      await eventually(
        () => rows.findOneBy({ customerId: dan }),
        (row) => row?.mergedIntoId === eli,
        20_000,
      ),
    ).toMatchObject({ tier: null, mergedIntoId: eli });
    expect(await tierInCatalog(eli, 'GOLD')).toBe('GOLD');
    expect(await tillOrder(eli, 'TIER-BAG')).toEqual({ discount: 1_000, total: 9_000 });

    // A points change of the merged-away id delivered late brings no tier back to it.
    const late: PointsChanged = {
      customerId: dan,
      accountId: randomUUID(),
      entryId: randomUUID(),
      kind: 'EARN',
      points: 10,
      balance: 5_010,
      tier: 'PLATINUM',
    };
    const event = newEnvelope('loyalty.points.changed', late, Channel.WEB);
    await deliver(event);
    expect(await rows.findOneBy({ customerId: dan })).toMatchObject({ tier: null, mergedIntoId: eli });
  });

  it('an older points change delivered after a newer one changes nothing', async () => {
    const fay = await member('Fay');
    await reachGold(fay);
    const rows = t.system.services.get('catalog')!.db.getRepository(CustomerTier);
    const stale = {
      ...newEnvelope<PointsChanged>(
        'loyalty.points.changed',
        { customerId: fay, accountId: randomUUID(), entryId: randomUUID(), kind: 'EARN', points: 1, balance: 1, tier: 'BRONZE' },
        Channel.STORE,
      ),
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    };
    await deliver(stale);
    expect((await rows.findOneBy({ customerId: fay }))?.tier).toBe('GOLD');
    expect(await tillOrder(fay, 'TIER-BAG')).toEqual({ discount: 1_000, total: 9_000 });
  });
});
