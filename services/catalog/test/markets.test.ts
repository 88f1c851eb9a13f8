import { MarketError, priceInMarket, resolveMarket } from '../src/domain/markets';

const markets = new Map([
  ['US', { code: 'US', currency: 'USD' }],
  ['DE', { code: 'DE', currency: 'EUR' }],
]);
const locations = new Map([
  ['berlin', 'DE'],
  ['nyc', 'US'],
]);

describe('resolveMarket', () => {
  it.each([
    ['nothing named: the default market', {}, null],
    ['the market named', { market: 'DE' }, 'DE'],
    ['named in lower case', { market: ' de ' }, 'DE'],
    ["the location's market", { locationId: 'berlin' }, 'DE'],
    ['a location in no market', { locationId: 'outlet' }, null],
    ['named and the location agrees', { market: 'DE', locationId: 'berlin' }, 'DE'],
    ['named, the location in no market', { market: 'US', locationId: 'outlet' }, 'US'],
  ])('%s', (_, request, expected) => {
    expect(resolveMarket(request, markets, locations)?.code ?? null).toBe(expected);
  });

  it.each([
    ['an unknown market', { market: 'FR' }, 'UNKNOWN_MARKET'],
    ["a market that is not the location's", { market: 'US', locationId: 'berlin' }, 'MARKET_MISMATCH'],
  ])('refuses %s', (_, request, code) => {
    expect(() => resolveMarket(request, markets, locations)).toThrow(expect.objectContaining({ code }));
  });
});

describe('priceInMarket', () => {
  const base = { cents: 2400, currency: 'USD' };
  const own = new Map([['STORE', { cents: 2200, currency: 'USD' }]]);
  const listed = { cents: 2300, currency: 'EUR' };
  const DE = markets.get('DE')!;
  const US = markets.get('US')!;

  it.each([
    ['no market, no channel: the base price', null, null, null, base],
    ['no market: the channel price', null, null, 'STORE', own.get('STORE')],
    ["a market with a list price: the list's", listed, DE, 'STORE', listed],
    ["the market of the variant's currency without a list price: the channel price", null, US, 'STORE', own.get('STORE')],
    ["the market of the variant's currency without a list price: the base price", null, US, 'WEB', base],
  ] as const)('%s', (_, list, market, channel, expected) => {
    expect(priceInMarket('TEE', base, own, list, market, channel)).toEqual(expected);
  });

  it('refuses a SKU without a price in the market currency: never converted', () => {
    expect(() => priceInMarket('TEE', base, own, null, DE, 'WEB')).toThrow(MarketError);
    expect(() => priceInMarket('TEE', base, own, null, DE, 'WEB')).toThrow(/no price in market DE \(EUR\)/);
  });
});
