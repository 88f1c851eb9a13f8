import { Channel } from '@omni/platform';
import { allocate, CartPricingError, customerFactsNeeded, priceCart, type PromotionRule } from '../src/domain/promotions';

const now = new Date('2026-06-15T12:00:00Z');
const promo = (over: Partial<PromotionRule>): PromotionRule => ({
  id: 'p1',
  name: 'promo',
  code: null,
  kind: 'PERCENT_OFF',
  value: 10,
  currency: null,
  channels: [],
  minSubtotalCents: null,
  minTier: null,
  startsAt: null,
  endsAt: null,
  active: true,
  ...over,
});
const line = (sku: string, quantity: number, unitPriceCents: number, currency = 'USD') => ({
  sku,
  quantity,
  unitPriceCents,
  currency,
});
const anon = { id: null, tier: null };

describe('priceCart', () => {
  it('never discounts a gift card, nor counts it towards a minimum', () => {
    const giftCard = { ...line('GC-50', 1, 5000), promotable: false };
    const tenOff = promo({ value: 10, minSubtotalCents: 6000 });
    expect(priceCart([giftCard, line('A', 1, 2000)], Channel.WEB, anon, [tenOff], now)).toMatchObject({
      subtotalCents: 7000,
      discountCents: 0,
      totalCents: 7000,
    });
    const cart = priceCart([giftCard, line('A', 1, 7000)], Channel.WEB, anon, [tenOff], now);
    expect(cart.lines.map((l) => l.discountCents)).toEqual([0, 700]);
    expect(cart.totalCents).toBe(11300);
  });

  it('prices lines in integer cents without promotions', () => {
    const cart = priceCart([line('A', 2, 1999), line('B', 1, 500)], Channel.WEB, anon, [], now);
    expect(cart).toMatchObject({ subtotalCents: 4498, discountCents: 0, totalCents: 4498, currency: 'USD' });
    expect(cart.lines.map((l) => l.totalCents)).toEqual([3998, 500]);
  });

  it('never lets rounding make the total differ from the sum of its lines', () => {
    // 3 lines of 333 cents, 10% off 999 = 99 cents, split 33/33/33; odd splits take the remainder.
    for (const prices of [
      [333, 333, 333],
      [1, 1, 1],
      [999, 1, 7],
      [1001, 2002, 3],
    ]) {
      const cart = priceCart(
        prices.map((p, i) => line(`S${i}`, 1 + i, p)),
        Channel.WEB,
        anon,
        [promo({ value: 15 }), promo({ id: 'p2', kind: 'AMOUNT_OFF', value: 7, currency: 'USD' })],
        now,
      );
      expect(cart.lines.reduce((a, l) => a + l.totalCents, 0)).toBe(cart.totalCents);
      expect(cart.lines.reduce((a, l) => a + l.discountCents, 0)).toBe(cart.discountCents);
      expect(cart.totalCents).toBe(cart.subtotalCents - cart.discountCents);
      cart.lines.forEach((l) => expect(Number.isInteger(l.discountCents) && l.discountCents >= 0).toBe(true));
    }
  });

  it('applies a coupon only with its code, case-insensitively, and reports codes that did not apply', () => {
    const coupon = promo({ code: 'SUMMER10', value: 10 });
    expect(priceCart([line('A', 1, 10000)], Channel.WEB, anon, [coupon], now).discountCents).toBe(0);
    const withCode = priceCart([line('A', 1, 10000)], Channel.WEB, anon, [coupon], now, ['summer10', 'NOPE']);
    expect(withCode).toMatchObject({ discountCents: 1000, totalCents: 9000, rejectedCodes: ['NOPE'] });
    expect(withCode.applied).toEqual([{ promotionId: 'p1', name: 'promo', code: 'SUMMER10', discountCents: 1000 }]);
  });

  it('limits promotions by channel, dates, minimum subtotal and tier', () => {
    const cart = [line('A', 1, 5000)];
    const storeOnly = promo({ channels: [Channel.STORE] });
    expect(priceCart(cart, Channel.WEB, anon, [storeOnly], now).discountCents).toBe(0);
    expect(priceCart(cart, Channel.STORE, anon, [storeOnly], now).discountCents).toBe(500);

    const later = promo({ startsAt: new Date('2026-07-01T00:00:00Z') });
    const over = promo({ endsAt: new Date('2026-06-15T12:00:00Z') });
    expect(priceCart(cart, Channel.WEB, anon, [later, over], now).discountCents).toBe(0);

    const min = promo({ minSubtotalCents: 6000, currency: 'USD' });
    expect(priceCart(cart, Channel.WEB, anon, [min], now).discountCents).toBe(0);
    expect(priceCart([line('A', 2, 5000)], Channel.WEB, anon, [min], now).discountCents).toBe(1000);

    const gold = promo({ minTier: 'GOLD' });
    expect(priceCart(cart, Channel.WEB, { id: 'c', tier: 'SILVER' }, [gold], now).discountCents).toBe(0);
    expect(priceCart(cart, Channel.WEB, { id: 'c', tier: 'PLATINUM' }, [gold], now).discountCents).toBe(500);
    expect(priceCart(cart, Channel.WEB, anon, [gold], now).discountCents).toBe(0);
  });

  it.each<[string, Partial<PromotionRule>, { id: string | null; tier: string | null; segmentIds?: string[] }, number]>([
    ['a personal offer, for her', { customerId: 'ada' }, { id: 'ada', tier: null }, 500],
    ['a personal offer, for someone else', { customerId: 'ada' }, { id: 'bob', tier: null }, 0],
    ['a personal offer, for a guest', { customerId: 'ada' }, { id: null, tier: null }, 0],
    ['a segment offer, for a member', { segmentId: 'vip' }, { id: 'ada', tier: null, segmentIds: ['new', 'vip'] }, 500],
    ['a segment offer, for a non-member', { segmentId: 'vip' }, { id: 'bob', tier: null, segmentIds: ['new'] }, 0],
    ['a segment offer, memberships unknown', { segmentId: 'vip' }, { id: 'bob', tier: null }, 0],
  ])('%s', (_, audience, customer, discount) => {
    expect(priceCart([line('A', 1, 5000)], Channel.STORE, customer, [promo(audience)], now).discountCents).toBe(discount);
  });

  it('caps the discount at the subtotal and ignores amounts in another currency', () => {
    const big = promo({ kind: 'AMOUNT_OFF', value: 10_000, currency: 'USD' });
    expect(priceCart([line('A', 1, 2500)], Channel.WEB, anon, [big], now)).toMatchObject({ discountCents: 2500, totalCents: 0 });
    const euros = promo({ kind: 'AMOUNT_OFF', value: 500, currency: 'EUR' });
    expect(priceCart([line('A', 1, 2500)], Channel.WEB, anon, [euros], now).discountCents).toBe(0);
  });

  it('refuses to mix currencies', () => {
    expect(() => priceCart([line('A', 1, 100), line('B', 1, 100, 'EUR')], Channel.WEB, anon, [], now)).toThrow(CartPricingError);
  });
});

describe('customerFactsNeeded', () => {
  const gold = promo({ id: 'gold', minTier: 'GOLD' });
  const vip = promo({ id: 'vip', segmentId: 'seg-vip' });
  const plain = promo({ id: 'plain' });
  const ana = { id: 'c-ana', tier: null };
  it.each<[string, PromotionRule[], { id: string | null; tier: string | null }, Channel, { segments: boolean; tier: boolean }]>([
    ['no promotion: nothing to read', [], ana, Channel.WEB, { segments: false, tier: false }],
    ['ordinary promotions: nothing to read', [plain], ana, Channel.WEB, { segments: false, tier: false }],
    ['a tier offer, customer without a tier: her stored tier', [plain, gold], ana, Channel.WEB, { segments: false, tier: true }],
    [
      'a tier offer, the caller gave her tier: nothing',
      [gold],
      { id: 'c-ana', tier: 'SILVER' },
      Channel.WEB,
      { segments: false, tier: false },
    ],
    ['a tier offer, anonymous cart: nothing', [gold], { id: null, tier: null }, Channel.WEB, { segments: false, tier: false }],
    ['a segment offer: her memberships', [vip], ana, Channel.STORE, { segments: true, tier: false }],
    ['both kinds: both', [vip, gold], ana, Channel.STORE, { segments: true, tier: true }],
    [
      'a tier offer switched off: nothing',
      [promo({ minTier: 'GOLD', active: false })],
      ana,
      Channel.WEB,
      { segments: false, tier: false },
    ],
    [
      'a tier offer of another channel: nothing',
      [promo({ minTier: 'GOLD', channels: [Channel.STORE] })],
      ana,
      Channel.WEB,
      { segments: false, tier: false },
    ],
    [
      'a tier offer of this channel: her tier',
      [promo({ minTier: 'GOLD', channels: [Channel.STORE] })],
      ana,
      Channel.STORE,
      { segments: false, tier: true },
    ],
    [
      'a tier offer not started yet: nothing',
      [promo({ minTier: 'GOLD', startsAt: new Date('2026-07-01T00:00:00Z') })],
      ana,
      Channel.WEB,
      { segments: false, tier: false },
    ],
    [
      'a tier offer ended: nothing',
      [promo({ minTier: 'GOLD', endsAt: now })],
      ana,
      Channel.WEB,
      { segments: false, tier: false },
    ],
    [
      'a segment offer ended: nothing',
      [promo({ segmentId: 'seg-vip', endsAt: now })],
      ana,
      Channel.WEB,
      { segments: false, tier: false },
    ],
  ])('%s', (_, promotions, customer, channel, expected) => {
    expect(customerFactsNeeded(promotions, customer, channel, now)).toEqual(expected);
  });

  it('with her stored tier a GOLD offer prices for GOLD and above, not below', () => {
    const cart = [line('A', 1, 10_000)];
    for (const [tier, discount] of [
      [null, 0],
      ['BRONZE', 0],
      ['SILVER', 0],
      ['GOLD', 1_000],
      ['PLATINUM', 1_000],
    ] as const) {
      expect(priceCart(cart, Channel.WEB, { id: 'c-ana', tier }, [gold], now).discountCents).toBe(discount);
    }
  });
});

describe('allocate', () => {
  it('splits an amount into whole parts that add up exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
  });
});
