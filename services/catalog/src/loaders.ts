import { byKey, defineLoader, entityColumns, groupedByKey, hydrateRows, rowsWhereIn, runSql, tableOf } from '@omni/platform';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { Market, MarketLocation, MarketPrice } from './entities/market';
import { ChannelPrice, Product, ProductVariant } from './entities/product';
import { Promotion } from './entities/promotion';
import { CustomerTier } from './entities/customer-tier';
import { CustomerSegment } from './entities/segment';

export const productById = defineLoader(
  'productById',
  (ctx) =>
    new DataLoader<string, Product | null>(async (ids) =>
      byKey(ids, await rowsWhereIn(ctx.db, Product, { property: 'id', values: ids }), (p) => p.id),
    ),
);

/**
 * Variants by SKU with their products, in one statement: a variant is rarely asked for without its
 * product (name, brand, categories), which then answers `productById` for the rest of the request.
 */
export const variantBySku = defineLoader(
  'variantBySku',
  (ctx) =>
    new DataLoader<string, ProductVariant | null>(async (skus) => {
      const raw = await runSql<Record<string, unknown>>(
        ctx.db,
        `SELECT ${entityColumns(ctx.db, ProductVariant, 'v')}, ${entityColumns(ctx.db, Product, 'p', 'product_')} ` +
          `FROM ${tableOf(ctx.db, ProductVariant)} v LEFT JOIN ${tableOf(ctx.db, Product)} p ON p."id" = v."productId" ` +
          `WHERE v."sku" IN (:...skus)`,
        { skus: [...skus] },
      );
      const products = productById(ctx);
      hydrateRows(ctx.db, Product, raw, 'product_').forEach((product) => product.id && products.prime(product.id, product));
      return byKey(skus, hydrateRows(ctx.db, ProductVariant, raw), (v) => v.sku);
    }),
);

export const channelPricesBySku = defineLoader(
  'channelPricesBySku',
  (ctx) =>
    new DataLoader<string, ChannelPrice[]>(async (skus) =>
      groupedByKey(skus, await rowsWhereIn(ctx.db, ChannelPrice, { property: 'sku', values: skus }), (p) => p.sku),
    ),
);

/**
 * Variants by product with their channel prices, in one statement: a product's variants are
 * mostly asked for with their prices, which then answer `channelPricesBySku` for the rest of the request.
 */
export const variantsByProduct = defineLoader(
  'variantsByProduct',
  (ctx) =>
    new DataLoader<string, ProductVariant[]>(async (ids) => {
      const raw = await runSql<Record<string, unknown>>(
        ctx.db,
        `SELECT ${entityColumns(ctx.db, ProductVariant, 'v')}, ${entityColumns(ctx.db, ChannelPrice, 'cp', 'price_')} ` +
          `FROM ${tableOf(ctx.db, ProductVariant)} v LEFT JOIN ${tableOf(ctx.db, ChannelPrice)} cp ON cp."sku" = v."sku" ` +
          `WHERE v."productId" IN (:...ids) ORDER BY v."sku" ASC`,
        { ids: [...ids] },
      );
      const variants = hydrateRows(ctx.db, ProductVariant, raw);
      const prices = hydrateRows(ctx.db, ChannelPrice, raw, 'price_');
      const bySku = new Map<string, ProductVariant>();
      const pricesOf = new Map<string, ChannelPrice[]>();
      variants.forEach((variant, i) => {
        if (!bySku.has(variant.sku)) bySku.set(variant.sku, variant);
        const own = pricesOf.get(variant.sku) ?? [];
        if (prices[i]!.sku != null) own.push(prices[i]!);
        pricesOf.set(variant.sku, own);
      });
      const loader = channelPricesBySku(ctx);
      for (const [sku, own] of pricesOf) loader.prime(sku, own);
      return groupedByKey(ids, [...bySku.values()], (v) => v.productId);
    }),
);

/** Promotions that are switched on (one read per request); the pure pricing decides which apply. */
export const activePromotionsLoader = defineLoader(
  'activePromotions',
  (ctx) =>
    new DataLoader<'active', Promotion[]>(async (keys) => {
      const rows = await ctx.db.getRepository(Promotion).findBy({ active: true });
      return keys.map(() => rows);
    }),
);

export const activePromotions = (ctx: Parameters<typeof activePromotionsLoader>[0]) => activePromotionsLoader(ctx).load('active');

export const marketsByCode = defineLoader(
  'marketsByCode',
  (ctx) =>
    new DataLoader<string, Market | null>(async (codes) =>
      byKey(codes, await rowsWhereIn(ctx.db, Market, { property: 'code', values: codes }), (m) => m.code),
    ),
);

export const locationsByMarket = defineLoader(
  'locationsByMarket',
  (ctx) =>
    new DataLoader<string, MarketLocation[]>(async (codes) =>
      groupedByKey(
        codes,
        await rowsWhereIn(ctx.db, MarketLocation, { property: 'market', values: codes, orderBy: [['locationId', 'ASC']] }),
        (l) => l.market,
      ),
    ),
);

/** A SKU's price in a market's list, keyed `<market> <sku>` (one statement per market asked). */
export const marketPriceOf = defineLoader(
  'marketPriceOf',
  (ctx) =>
    new DataLoader<string, MarketPrice | null>(async (keys) => {
      const byMarket = new Map<string, string[]>();
      for (const key of keys) {
        const [market, sku] = key.split(' ') as [string, string];
        byMarket.set(market, [...(byMarket.get(market) ?? []), sku]);
      }
      const rows: MarketPrice[] = [];
      for (const [market, skus] of byMarket) {
        rows.push(...(await ctx.db.getRepository(MarketPrice).findBy({ market, sku: In(skus) })));
      }
      return byKey(keys, rows, (p) => `${p.market} ${p.sku}`);
    }),
);

/** The CRM segments a customer is in, as catalog learned them from `crm.segment.membership_changed`. */
export async function segmentsOfCustomer(
  ctx: Parameters<typeof activePromotionsLoader>[0],
  customerId: string,
): Promise<string[]> {
  const rows = await ctx.db.getRepository(CustomerSegment).find({ select: { segmentId: true }, where: { customerId } });
  return rows.map((r) => r.segmentId);
}

/** A customer's loyalty tier as catalog learned it from `loyalty.points.changed`; null: none known. */
export async function tierOfCustomer(
  ctx: Parameters<typeof activePromotionsLoader>[0],
  customerId: string,
): Promise<string | null> {
  const row = await ctx.db.getRepository(CustomerTier).findOne({ select: { tier: true }, where: { customerId } });
  return row?.tier ?? null;
}

/** The market a location sells in (its `market_location` row), by location id. */
export const marketLocationOf = defineLoader(
  'marketLocationOf',
  (ctx) =>
    new DataLoader<string, MarketLocation | null>(async (ids) =>
      byKey(ids, await rowsWhereIn(ctx.db, MarketLocation, { property: 'locationId', values: ids }), (l) => l.locationId),
    ),
);
