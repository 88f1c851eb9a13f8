import { Channel } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { createPromotion } from '../src/commands/create-promotion';
import { Market, MarketLocation, MarketPrice } from '../src/entities/market';
import { ChannelPrice, Product, ProductVariant } from '../src/entities/product';
import { PromotionKind } from '../src/entities/promotion';
import { catalogService } from '../src/index';
import { activePromotions } from '../src/promotion-cache';
import { pricingFacts } from '../src/queries/pricing';
import { DIALECTS, serviceDatabase, statementsOf } from '../../platform/test/databases';

describe.each(DIALECTS)('pricing reads on %s', (dialect) => {
  let a: DataSource;
  let b: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // Two replicas of catalog on one database.
    const database = await serviceDatabase(catalogService, dialect);
    ({ db: a, close } = database);
    b = await database.open();
    await a.getRepository(Product).insert({ id: 'p-tee', name: 'Tee', categoryPath: ['Apparel', 'Tops'], attributes: [] });
    await a.getRepository(ProductVariant).insert([
      { sku: 'TEE', productId: 'p-tee', attributes: [], priceCents: 2500, currency: 'USD', discontinued: false },
      { sku: 'TEE-OLD', productId: 'p-tee', attributes: [], priceCents: 1500, currency: 'USD', discontinued: true },
    ]);
    await a.getRepository(ChannelPrice).insert({ sku: 'TEE', channel: Channel.STORE, priceCents: 2000, currency: 'USD' });
    await a.getRepository(Market).insert({ code: 'DE', name: 'Germany', country: 'DE', currency: 'EUR' });
    await a.getRepository(MarketLocation).insert({ locationId: 'store-berlin', market: 'DE' });
    await a.getRepository(MarketPrice).insert({ sku: 'TEE', market: 'DE', priceCents: 2200, currency: 'EUR' });
  });
  afterAll(() => close?.());

  it('reads the market, each variant with its categories and its channel and list prices in one statement', async () => {
    let facts!: Awaited<ReturnType<typeof pricingFacts>>;
    const statements = await statementsOf(a, async () => {
      facts = await pricingFacts(a, { skus: ['TEE', 'TEE-OLD', 'NOPE'], channel: Channel.STORE, locationId: 'store-berlin' });
    });
    expect(statements).toBe(1);
    expect(facts.market).toMatchObject({ code: 'DE', currency: 'EUR' });
    expect(facts.variants.get('TEE')).toEqual({
      sku: 'TEE',
      productId: 'p-tee',
      base: { cents: 2500, currency: 'USD' },
      discontinued: false,
      giftCard: null,
      categoryPath: ['Apparel', 'Tops'],
      channelPrice: { cents: 2000, currency: 'USD' },
      listPrice: { cents: 2200, currency: 'EUR' },
    });
    expect(facts.variants.get('TEE-OLD')).toMatchObject({ discontinued: true, channelPrice: null, listPrice: null });
    expect(facts.variants.has('NOPE')).toBe(false);
    // Another channel has no price of its own; no market: no list price.
    const web = await pricingFacts(a, { skus: ['TEE'], channel: Channel.WEB });
    expect(web.market).toBeNull();
    expect(web.variants.get('TEE')).toMatchObject({ channelPrice: null, listPrice: null });
  });

  it('refuses a market it does not know, or not the location’s, also when no SKU is known', async () => {
    await expect(pricingFacts(a, { skus: ['NOPE'], channel: Channel.WEB, market: 'xx' })).rejects.toMatchObject({
      code: 'UNKNOWN_MARKET',
      field: ['input', 'market'],
    });
    await b.getRepository(Market).insert({ code: 'FR', name: 'France', country: 'FR', currency: 'EUR' });
    await expect(
      pricingFacts(a, { skus: ['TEE'], channel: Channel.STORE, market: 'FR', locationId: 'store-berlin' }),
    ).rejects.toMatchObject({ code: 'MARKET_MISMATCH', field: ['input', 'locationId'] });
    const named = await pricingFacts(a, { skus: ['TEE'], channel: Channel.WEB, market: ' de ' });
    expect(named.market?.code).toBe('DE');
  });

  it('keeps the promotions until any replica writes one, then reads them again once', async () => {
    const first = await pricingFacts(a, { skus: ['TEE'], channel: Channel.WEB });
    expect(await activePromotions(a, first.promotionsRevision)).toEqual([]);
    expect(await statementsOf(a, () => activePromotions(a, first.promotionsRevision))).toBe(0);

    await createPromotion(b, { name: 'Summer', kind: PromotionKind.PERCENT_OFF, value: 10 });
    const after = await pricingFacts(a, { skus: ['TEE'], channel: Channel.WEB });
    expect(after.promotionsRevision).not.toBe(first.promotionsRevision);
    let promotions: readonly { name: string }[] = [];
    expect(await statementsOf(a, async () => (promotions = await activePromotions(a, after.promotionsRevision)))).toBe(1);
    expect(promotions.map((p) => p.name)).toEqual(['Summer']);
    expect(await statementsOf(a, () => activePromotions(a, after.promotionsRevision))).toBe(0);
  });
});
