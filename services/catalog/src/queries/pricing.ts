import { DomainError, type Channel } from '@omni/platform';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { MarketError, normalizeMarketCode, resolveMarket } from '../domain/markets';
import type { PriceRow } from '../domain/pricing';
import { CustomerTier } from '../entities/customer-tier';
import { Market, MarketLocation, MarketPrice } from '../entities/market';
import { ChannelPrice, Product, ProductVariant, type GiftCardKind } from '../entities/product';
import { PromotionRevision } from '../entities/promotion';
import { run, tableOf } from './sql';

/** A variant as pricing sees it: its own price, its product's categories and its prices in the cart's channel and market. */
export interface VariantToPrice {
  sku: string;
  productId: string;
  base: PriceRow;
  discontinued: boolean;
  giftCard: GiftCardKind | null;
  categoryPath: string[];
  /** The channel's own price; null: the channel sells at the base price. */
  channelPrice: PriceRow | null;
  /** The market's price list price; null: none (or no market). */
  listPrice: PriceRow | null;
}

export interface PricingFacts {
  /** The cart's market (`resolveMarket`); null: the default market. */
  market: Market | null;
  variants: ReadonlyMap<string, VariantToPrice>;
  /** The customer's loyalty tier as catalog keeps it; null: none known or no customer. */
  storedTier: string | null;
  /** `promotion_revision` as of this read (0 before the first promotion write). */
  promotionsRevision: number;
}

export interface PricingRequest {
  skus: readonly string[];
  channel: Channel;
  customerId?: string | null;
  /** The market the channel names. */
  market?: string | null;
  /** The store or pickup location: its market, when it is in one. */
  locationId?: string | null;
}

interface Row {
  marketCode: string | null;
  marketName: string | null;
  marketCountry: string | null;
  marketCurrency: string | null;
  locatedCode: string | null;
  sku: string | null;
  productId: string | null;
  priceCents: number | null;
  currency: string | null;
  discontinued: unknown;
  giftCard: GiftCardKind | null;
  categoryPath: unknown;
  channelPriceCents: number | null;
  channelCurrency: string | null;
  listPriceCents: number | null;
  listCurrency: string | null;
  storedTier: string | null;
  promotionsRevision: number | null;
}

/** A raw column value as the entity holds it (booleans and JSON differ between the dialects). */
function hydrate<E extends ObjectLiteral>(db: DataSource, entity: EntityTarget<E>, property: keyof E & string, value: unknown) {
  const column = db.getMetadata(entity).findColumnWithPropertyName(property)!;
  return db.driver.prepareHydratedValue(value, column) as unknown;
}

const price = (cents: number | null, currency: string | null): PriceRow | null =>
  cents == null || currency == null ? null : { cents: Number(cents), currency };

/**
 * Everything pricing reads besides the promotions, in one statement: the market named and the
 * location's market, each SKU's variant with its product's categories, its price in the channel
 * and in the market's list, the customer's stored tier and the promotions' revision. It starts
 * from one constant row, so the market and the revision come back also when no SKU is known.
 * Market errors as `resolveMarket`, on `field`.
 */
export async function pricingFacts(db: DataSource, request: PricingRequest, field: string[] = ['input']): Promise<PricingFacts> {
  const named = request.market ? normalizeMarketCode(request.market) : null;
  const locationId = request.locationId?.trim() || null;
  const skus = [...new Set(request.skus)];
  const rows = await run<Row>(
    db,
    `SELECT m."code" AS "marketCode", m."name" AS "marketName", m."country" AS "marketCountry", m."currency" AS "marketCurrency", ` +
      `lm."code" AS "locatedCode", v."sku" AS "sku", v."productId" AS "productId", v."priceCents" AS "priceCents", ` +
      `v."currency" AS "currency", v."discontinued" AS "discontinued", v."giftCard" AS "giftCard", p."categoryPath" AS "categoryPath", ` +
      `cp."priceCents" AS "channelPriceCents", cp."currency" AS "channelCurrency", ` +
      `mp."priceCents" AS "listPriceCents", mp."currency" AS "listCurrency", ` +
      `(SELECT t."tier" FROM ${tableOf(db, CustomerTier)} t WHERE t."customerId" = :customerId) AS "storedTier", ` +
      `(SELECT r."revision" FROM ${tableOf(db, PromotionRevision)} r WHERE r."id" = 1) AS "promotionsRevision" ` +
      `FROM (SELECT 1 AS "one") o ` +
      `LEFT JOIN ${tableOf(db, MarketLocation)} ml ON ml."locationId" = :locationId ` +
      `LEFT JOIN ${tableOf(db, Market)} lm ON lm."code" = ml."market" ` +
      `LEFT JOIN ${tableOf(db, Market)} m ON m."code" = COALESCE(:named, lm."code") ` +
      `LEFT JOIN ${tableOf(db, ProductVariant)} v ON ${skus.length ? 'v."sku" IN (:...skus)' : '1 = 0'} ` +
      `LEFT JOIN ${tableOf(db, Product)} p ON p."id" = v."productId" ` +
      `LEFT JOIN ${tableOf(db, ChannelPrice)} cp ON cp."sku" = v."sku" AND cp."channel" = :channel ` +
      `LEFT JOIN ${tableOf(db, MarketPrice)} mp ON mp."sku" = v."sku" AND mp."market" = m."code"`,
    { named, locationId, skus, channel: request.channel, customerId: request.customerId ?? null },
  );
  const [first] = rows;
  return {
    market: marketOf(first!, named, locationId, field),
    variants: new Map(rows.flatMap((row) => (row.sku ? [[row.sku, variantOf(db, row)] as const] : []))),
    storedTier: first!.storedTier,
    promotionsRevision: Number(first!.promotionsRevision ?? 0),
  };
}

function marketOf(row: Row, named: string | null, locationId: string | null, field: string[]): Market | null {
  const found = row.marketCode
    ? Object.assign(new Market(), {
        code: row.marketCode,
        name: row.marketName,
        country: row.marketCountry,
        currency: row.marketCurrency,
      })
    : null;
  const markets = new Map(found ? [[found.code, found]] : []);
  const marketOfLocation = new Map(locationId && row.locatedCode ? [[locationId, row.locatedCode]] : []);
  try {
    return resolveMarket({ market: named, locationId }, markets, marketOfLocation) as Market | null;
  } catch (error) {
    if (error instanceof MarketError) {
      throw new DomainError(error.code, error.message, [...field, error.code === 'UNKNOWN_MARKET' ? 'market' : 'locationId']);
    }
    throw error;
  }
}

function variantOf(db: DataSource, row: Row): VariantToPrice {
  return {
    sku: row.sku!,
    productId: row.productId!,
    base: price(row.priceCents, row.currency)!,
    discontinued: hydrate(db, ProductVariant, 'discontinued', row.discontinued) as boolean,
    giftCard: row.giftCard,
    categoryPath: (hydrate(db, Product, 'categoryPath', row.categoryPath) as string[] | null) ?? [],
    channelPrice: price(row.channelPriceCents, row.channelCurrency),
    listPrice: price(row.listPriceCents, row.listCurrency),
  };
}
