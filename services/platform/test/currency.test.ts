import { convertMinor, formatRate, inverseRate, minorDigits, parseRate } from '../src/currency';

describe('currency arithmetic in minor units', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['XYZ', 2],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });

  it.each([
    ['0.92', 920_000_000n],
    ['1', 1_000_000_000n],
    [' 150 ', 150_000_000_000n],
    ['1.0825', 1_082_500_000n],
    ['0.000000001', 1n],
    ['0', null],
    ['-1', null],
    ['1e3', null],
    ['0.0000000001', null],
    ['2000000', null],
    ['', null],
    ['1.', null],
  ])('parseRate(%j) is %p', (text, scaled) => {
    expect(parseRate(text)).toBe(scaled);
  });

  it.each([
    [920_000_000n, '0.92'],
    [150_000_000_000n, '150'],
    [1n, '0.000000001'],
  ])('formatRate(%p) is %s', (scaled, text) => {
    expect(formatRate(scaled)).toBe(text);
  });

  const rate = (text: string) => parseRate(text)!;
  it.each([
    // minor, from, to, rate, rounding, expected
    [10_000, 'USD', 'EUR', '0.92', 'down', 9_200],
    [1, 'USD', 'EUR', '0.92', 'down', 0],
    [1, 'USD', 'EUR', '0.92', 'up', 1],
    [1, 'USD', 'EUR', '0.92', 'nearest', 1],
    [5_000, 'EUR', 'USD', '1.087', 'down', 5_435],
    [333, 'EUR', 'USD', '1.087', 'nearest', 362],
    [333, 'EUR', 'USD', '1.087', 'up', 362],
    [333, 'EUR', 'USD', '1.087', 'down', 361],
    // Different decimals: 1.00 USD at 150 is 150 JPY; 150 JPY at 0.0067 is 1.005 USD.
    [100, 'USD', 'JPY', '150', 'down', 150],
    [150, 'JPY', 'USD', '0.0067', 'down', 100],
    [150, 'JPY', 'USD', '0.0067', 'up', 101],
    [1_000, 'USD', 'KWD', '0.307', 'nearest', 3_070],
    [0, 'USD', 'EUR', '0.92', 'up', 0],
  ] as const)('%i %s in %s at %s (%s) is %i', (minor, from, to, text, rounding, expected) => {
    expect(convertMinor(minor, from, to, rate(text), rounding)).toBe(expected);
  });

  it('never gives more than the value rounding down, never less rounding up', () => {
    for (let minor = 0; minor < 2_000; minor += 7) {
      const exact = (minor * 92) / 100;
      expect(convertMinor(minor, 'USD', 'EUR', rate('0.92'), 'down')).toBeLessThanOrEqual(exact);
      expect(convertMinor(minor, 'USD', 'EUR', rate('0.92'), 'up')).toBeGreaterThanOrEqual(exact);
    }
  });

  it('refuses negative or fractional amounts', () => {
    expect(() => convertMinor(-1, 'USD', 'EUR', rate('1'), 'down')).toThrow(RangeError);
    expect(() => convertMinor(1.5, 'USD', 'EUR', rate('1'), 'down')).toThrow(RangeError);
  });

  it('inverts a rate to nine decimals', () => {
    expect(formatRate(inverseRate(rate('0.8')))).toBe('1.25');
    expect(formatRate(inverseRate(rate('3')))).toBe('0.333333333');
  });
});
