import type { Channel } from '@omni/platform';
import { priceFor, type PriceRow } from './pricing';

export interface MarketRule {
  code: string;
  currency: string;
}

export class MarketError extends Error {
  constructor(
    readonly code: 'UNKNOWN_MARKET' | 'MARKET_MISMATCH' | 'NOT_SOLD_IN_MARKET',
    message: string,
  ) {
    super(message);
  }
}

/** A market code as stored: trimmed, upper case. */
export function normalizeMarketCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * The market a cart or order is in: the one the channel names (the shopper's country in the app,
 * a marketplace's storefront), else the one of the store or pickup location, else none (the
 * default market: the variants' own prices and currency). A named market that is not the
 * location's is MARKET_MISMATCH: a store sells in its own market only.
 */
export function resolveMarket(
  request: { market?: string | null; locationId?: string | null },
  markets: ReadonlyMap<string, MarketRule>,
  marketOfLocation: ReadonlyMap<string, string>,
): MarketRule | null {
  const named = request.market ? normalizeMarketCode(request.market) : null;
  if (named && !markets.has(named)) throw new MarketError('UNKNOWN_MARKET', `no market ${named}`);
  const located = request.locationId ? (marketOfLocation.get(request.locationId) ?? null) : null;
  if (named && located && named !== located) {
    throw new MarketError('MARKET_MISMATCH', `location ${request.locationId} sells in market ${located}, not ${named}`);
  }
  const code = named ?? located;
  return code ? (markets.get(code) ?? null) : null;
}

/**
 * A SKU's price in a market: its price list's price; without one, the variant's own (channel)
 * price when that is in the market's currency (the domestic market needs no list); otherwise it
 * is not sold there (NOT_SOLD_IN_MARKET): prices are never converted silently. No market: the
 * channel price as before.
 */
export function priceInMarket(
  sku: string,
  base: PriceRow,
  channelPrices: ReadonlyMap<string, PriceRow>,
  listed: PriceRow | null,
  market: MarketRule | null,
  channel: Channel | null,
): PriceRow {
  if (!market) return priceFor(base, channelPrices, channel);
  if (listed) return listed;
  const own = priceFor(base, channelPrices, channel);
  if (own.currency === market.currency) return own;
  throw new MarketError('NOT_SOLD_IN_MARKET', `${sku} has no price in market ${market.code} (${market.currency})`);
}
