import type { Channel } from '@omni/platform';

export interface PriceRow {
  cents: number;
  currency: string;
}

/** The price a channel sells at: its own price when it has one, the base price otherwise. */
export function priceFor(base: PriceRow, channelPrices: ReadonlyMap<string, PriceRow>, channel: Channel | null): PriceRow {
  return (channel && channelPrices.get(channel)) || base;
}
