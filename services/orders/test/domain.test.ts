import { Channel } from '@omni/platform';
import { newOrderNumber } from '../src/domain/order-number';

/** Crockford base32: digits and capitals except I, L, O and U. */
const BODY = '[0-9A-HJKMNP-TV-Z]';
const FORMAT = new RegExp(`^([A-Z])-${BODY}{4}-${BODY}{4}$`);

describe('newOrderNumber', () => {
  it.each(Object.values(Channel))('has the shape "X-XXXX-XXXX" for %s', (channel) => {
    expect(newOrderNumber(channel)).toMatch(FORMAT);
  });

  it('starts with a letter that tells the channel, different for every channel', () => {
    const prefixes = Object.values(Channel).map((channel) => newOrderNumber(channel)[0]);
    expect(new Set(prefixes).size).toBe(Object.values(Channel).length);
    expect(newOrderNumber(Channel.WEB)[0]).toBe('W');
    expect(newOrderNumber(Channel.STORE)[0]).toBe('S');
  });

  it('keeps the prefix of a channel stable from one number to the next', () => {
    for (const channel of Object.values(Channel)) {
      const first = newOrderNumber(channel)[0];
      for (let i = 0; i < 5; i++) expect(newOrderNumber(channel)[0]).toBe(first);
    }
  });

  it('never uses I, L, O or U, which are misheard over the phone', () => {
    let n = 0;
    const cycling = (max: number) => n++ % max;
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++)
      for (const c of newOrderNumber(Channel.CALL_CENTER, cycling).slice(2).replace('-', '')) seen.add(c);
    expect(seen.size).toBe(32);
    for (const ambiguous of ['I', 'L', 'O', 'U']) expect(seen.has(ambiguous)).toBe(false);
  });

  it('draws 8 symbols from a 32-symbol alphabet (40 random bits)', () => {
    const calls: number[] = [];
    const number = newOrderNumber(Channel.WEB, (max) => {
      calls.push(max);
      return 0;
    });
    expect(calls).toEqual(Array(8).fill(32));
    expect(number).toBe('W-0000-0000');
    expect(newOrderNumber(Channel.WEB, (max) => max - 1)).toBe('W-ZZZZ-ZZZZ');
  });

  it('is different for every order in a large sample', () => {
    const numbers = Array.from({ length: 5000 }, () => newOrderNumber(Channel.WEB));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('fits the 20-character order-number column', () => {
    expect(newOrderNumber(Channel.MARKETPLACE).length).toBeLessThanOrEqual(20);
  });
});
