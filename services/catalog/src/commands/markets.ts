import { DomainError, inTransaction, isCurrencyCode, recordEvent, type Channel, type PriceChanged } from '@omni/platform';
import { In, type DataSource } from 'typeorm';
import { normalizeMarketCode } from '../domain/markets';
import { Market, MarketLocation, MarketPrice } from '../entities/market';
import { ProductVariant } from '../entities/product';

export interface MarketDraft {
  code: string;
  name: string;
  country: string;
  currency: string;
  /** The stores and warehouses that sell in it; null: leave them as they are. */
  locationIds?: string[] | null;
}

const MARKET_CODE = /^[A-Z0-9_-]{2,20}$/;

function validate(draft: MarketDraft): Market {
  const code = normalizeMarketCode(draft.code);
  if (!MARKET_CODE.test(code)) {
    throw new DomainError('INVALID_MARKET', 'a market code is 2 to 20 letters, digits, - or _', ['input', 'code']);
  }
  const name = draft.name.trim();
  if (!name || name.length > 100)
    throw new DomainError('INVALID_NAME', 'a market name is 1 to 100 characters', ['input', 'name']);
  const country = draft.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new DomainError('INVALID_COUNTRY', `"${draft.country}" is not an ISO 3166 alpha-2 country code`, ['input', 'country']);
  }
  if (!isCurrencyCode(draft.currency)) {
    throw new DomainError('INVALID_CURRENCY', `"${draft.currency}" is not an ISO 4217 code`, ['input', 'currency']);
  }
  (draft.locationIds ?? []).forEach((id, i) => {
    if (!id.trim() || id.trim().length > 36) {
      throw new DomainError('UNKNOWN_LOCATION', 'a location id is 1 to 36 characters', ['input', 'locationIds', String(i)]);
    }
  });
  return Object.assign(new Market(), { code, name, country, currency: draft.currency });
}

/**
 * Creates a market or replaces one (by code). Its currency cannot change once it has a price list
 * (CURRENCY_MISMATCH): carts and orders were priced in it. `locationIds` moves those locations into
 * this market (a location is in one market) and takes the market's other locations out of it.
 */
export async function upsertMarket(db: DataSource, draft: MarketDraft): Promise<Market> {
  const market = validate(draft);
  return inTransaction(db, async (manager) => {
    const before = await manager.findOneBy(Market, { code: market.code });
    if (before && before.currency !== market.currency && (await manager.existsBy(MarketPrice, { market: market.code }))) {
      throw new DomainError(
        'CURRENCY_MISMATCH',
        `market ${market.code} has prices in ${before.currency}; a market in another currency is another market`,
        ['input', 'currency'],
      );
    }
    await manager.save(Market, market);
    if (draft.locationIds) {
      const ids = [...new Set(draft.locationIds.map((id) => id.trim()))];
      await manager.delete(MarketLocation, { market: market.code });
      if (ids.length) {
        await manager.delete(MarketLocation, { locationId: In(ids) });
        await manager.insert(
          MarketLocation,
          ids.map((locationId) => ({ locationId, market: market.code })),
        );
      }
    }
    return market;
  });
}

/**
 * Sets a SKU's price in a market's price list, in the market's currency (CURRENCY_MISMATCH
 * otherwise); publishes catalog.price.changed with the market when the price changes.
 */
export async function setMarketPrice(
  db: DataSource,
  request: { sku: string; market: string; price: { cents: number; currency: string } },
  caller: Channel | null,
): Promise<ProductVariant> {
  const code = normalizeMarketCode(request.market);
  return inTransaction(db, async (manager) => {
    const market = await manager.findOneBy(Market, { code });
    if (!market) throw new DomainError('UNKNOWN_MARKET', `no market ${code}`, ['input', 'market']);
    if (market.currency !== request.price.currency) {
      throw new DomainError(
        'CURRENCY_MISMATCH',
        `market ${code} is priced in ${market.currency}, not ${request.price.currency}`,
        ['input', 'price', 'currency'],
      );
    }
    const variant = await manager.findOneBy(ProductVariant, { sku: request.sku });
    if (!variant) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${request.sku}`, ['input', 'sku']);
    const own = await manager.findOneBy(MarketPrice, { sku: variant.sku, market: code });
    const price = { cents: request.price.cents, currency: market.currency };
    if (own?.priceCents === price.cents) return variant;
    await manager.save(MarketPrice, { sku: variant.sku, market: code, priceCents: price.cents, currency: price.currency });
    await recordEvent<PriceChanged>(
      manager,
      'catalog.price.changed',
      {
        sku: variant.sku,
        channel: null,
        market: code,
        previous: own ? { cents: own.priceCents, currency: own.currency } : null,
        price,
      },
      caller,
    );
    return variant;
  });
}
