import { parseRate } from '@omni/platform';
import { accountShare, convertedHold, coveringAmount, earnWeight, pointsTender, pointsValue } from '../src/domain/currencies';

const rate = (text: string) => parseRate(text)!;

describe('points in each currency', () => {
  it.each([
    [undefined, 1],
    ['1', 1],
    ['1.5', 1.5],
    ['0.01', 0.01],
  ])('a minor unit at earn rate %s weighs %d cents in the rules', (earnRate, weight) => {
    expect(earnWeight(earnRate ? rate(earnRate) : undefined)).toBeCloseTo(weight, 9);
  });

  it.each([
    [500, undefined, 500],
    [500, '0.9', 450],
    [333, '0.9', 299],
    [100, '2', 200],
  ])('%i points at a point value of %s are worth %i minor units', (points, value, cents) => {
    expect(pointsValue(points, value ? rate(value) : undefined)).toBe(cents);
  });

  it.each([
    // remaining, offered, point value, cents, points
    [10_000, 500, undefined, 500, 500],
    [300, 500, undefined, 300, 300],
    [10_000, 500, '0.9', 450, 500],
    [300, 500, '0.9', 300, 334],
    [10_000, 1, '0.9', 0, 0],
    [0, 500, '0.9', 0, 0],
    [1_000, 100, '2', 200, 100],
    [199, 100, '2', 199, 100],
  ])('%i left to pay, %i points offered at %s: %i cents for %i points', (remaining, offered, value, cents, points) => {
    expect(pointsTender(remaining, offered, value ? rate(value) : undefined)).toEqual({ cents, points });
  });

  it('never takes more points than offered, nor covers more than they are worth', () => {
    for (let offered = 1; offered < 400; offered += 13) {
      for (const remaining of [1, 99, 250, 1_000]) {
        const { cents, points } = pointsTender(remaining, offered, rate('0.7'));
        expect(points).toBeLessThanOrEqual(offered);
        expect(cents).toBeLessThanOrEqual(Math.min(remaining, pointsValue(points, rate('0.7')) + 1));
        expect(cents).toBeLessThanOrEqual(remaining);
      }
    }
  });
});

describe('stored value in another currency', () => {
  it.each([
    // order minor, from (card), to (order), rate, card minor needed
    [9_200, 'USD', 'EUR', '0.92', 10_000],
    [100, 'USD', 'EUR', '0.92', 109],
    [150, 'USD', 'JPY', '150', 100],
    [151, 'USD', 'JPY', '150', 101],
    [100, 'JPY', 'USD', '0.0067', 150],
  ])('%i minor units of an order paid by a %s card in %s at %s take %i of the card', (minor, from, to, text, needed) => {
    expect(coveringAmount(minor, from, to, rate(text))).toBe(needed);
  });

  it.each([
    // due, available, rate, upTo, expected
    [4_600, 10_000, '0.92', true, { accountCents: 5_000, orderCents: 4_600 }],
    [4_601, 10_000, '0.92', true, { accountCents: 5_002, orderCents: 4_601 }],
    [20_000, 10_000, '0.92', true, { accountCents: 10_000, orderCents: 9_200 }],
    [20_000, 10_000, '0.92', false, null],
    [100, 0, '0.92', true, null],
    [0, 100, '0.92', true, null],
  ])('USD card at a EUR order: %i due, %i on the card at %s', (due, available, text, upTo, expected) => {
    expect(convertedHold(due, available, 'USD', 'EUR', rate(text), upTo)).toEqual(expected);
  });

  it('covers the order whatever the amount: the card amount converted back is never short', () => {
    for (let due = 1; due < 3_000; due += 17) {
      const hold = convertedHold(due, 1_000_000, 'USD', 'EUR', rate('0.9137'), false)!;
      expect(hold.orderCents).toBe(due);
      expect(Math.floor((hold.accountCents * 9137) / 10_000)).toBeGreaterThanOrEqual(due);
      expect(Math.floor(((hold.accountCents - 1) * 9137) / 10_000)).toBeLessThan(due);
    }
  });

  it.each([
    [4_600, 4_600, 5_000, 5_000],
    [2_300, 4_600, 5_000, 2_500],
    [1, 4_600, 5_002, 1],
    [4_601, 4_600, 5_000, 5_000],
  ])('refunding %i of %i paid by %i on the card gives %i back to the card', (refund, orderCents, accountCents, back) => {
    expect(accountShare(refund, { accountCents, orderCents })).toBe(back);
  });
});
