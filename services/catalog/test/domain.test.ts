import { Channel } from '@omni/platform';
import { priceFor, type PriceRow } from '../src/domain/pricing';

describe('priceFor', () => {
  const base: PriceRow = { cents: 4950, currency: 'USD' };
  const channelPrices = new Map<string, PriceRow>([
    [Channel.MARKETPLACE, { cents: 5450, currency: 'USD' }],
    [Channel.STORE, { cents: 4500, currency: 'USD' }],
  ]);

  it("uses the channel's own price when it has one", () => {
    expect(priceFor(base, channelPrices, Channel.MARKETPLACE)).toEqual({ cents: 5450, currency: 'USD' });
    expect(priceFor(base, channelPrices, Channel.STORE)).toEqual({ cents: 4500, currency: 'USD' });
  });

  it('falls back to the base price for a channel without its own price', () => {
    expect(priceFor(base, channelPrices, Channel.WEB)).toEqual(base);
    expect(priceFor(base, channelPrices, Channel.KIOSK)).toEqual(base);
  });

  it('uses the base price when no channel is known', () => {
    expect(priceFor(base, channelPrices, null)).toEqual(base);
  });

  it('uses the base price when there are no channel prices at all', () => {
    expect(priceFor(base, new Map(), Channel.MARKETPLACE)).toEqual(base);
  });

  it("honours a channel price of zero (a giveaway is still that channel's price)", () => {
    const free = new Map<string, PriceRow>([[Channel.SOCIAL, { cents: 0, currency: 'USD' }]]);
    expect(priceFor(base, free, Channel.SOCIAL)).toEqual({ cents: 0, currency: 'USD' });
  });

  it("keeps the channel price's currency with its amount", () => {
    const eur = new Map<string, PriceRow>([[Channel.PARTNER, { cents: 4200, currency: 'EUR' }]]);
    expect(priceFor(base, eur, Channel.PARTNER)).toEqual({ cents: 4200, currency: 'EUR' });
  });

  it('does not modify its inputs', () => {
    const before = JSON.stringify([base, [...channelPrices]]);
    priceFor(base, channelPrices, Channel.STORE);
    priceFor(base, channelPrices, Channel.WEB);
    expect(JSON.stringify([base, [...channelPrices]])).toBe(before);
  });
});
