import {
  newRmaNumber,
  paidPerLine,
  refundForUnits,
  returnableUnits,
  returnLabel,
  withinReturnWindow,
} from '../src/domain/returns';
import {
  isDue,
  isIsoDate,
  linesProblem,
  nextRunAfter,
  subscriptionLines,
  subscriptionOrderKey,
  SubscriptionStatus,
} from '../src/domain/subscriptions';

/** A small deterministic generator, so the property checks below are repeatable. */
function seeded(seed: number): (max: number) => number {
  let state = seed >>> 0;
  return (max) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % max;
  };
}

describe('paidPerLine', () => {
  it('shares the order discount by line value and the shares add up to it exactly', () => {
    const lines = [
      { id: 'a', quantity: 1, unitPriceCents: 1000 },
      { id: 'b', quantity: 2, unitPriceCents: 500 },
      { id: 'c', quantity: 1, unitPriceCents: 333 },
    ];
    const paid = paidPerLine(lines, 1000);
    const total = [...paid.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(1000 + 1000 + 333 - 1000);
    // a and b are worth the same, so they bear the same share (give or take the remainder cent).
    expect(Math.abs(paid.get('a')! - paid.get('b')!)).toBeLessThanOrEqual(1);
    expect(paid.get('c')!).toBeLessThan(333);
  });

  it('is what was charged when there is no discount, and never below zero when the discount is the whole order', () => {
    const lines = [
      { id: 'a', quantity: 3, unitPriceCents: 199 },
      { id: 'b', quantity: 1, unitPriceCents: 4999 },
    ];
    expect([...paidPerLine(lines, 0)]).toEqual([
      ['a', 597],
      ['b', 4999],
    ]);
    expect([...paidPerLine(lines, 10_000_000).values()]).toEqual([0, 0]);
  });
});

describe('refundForUnits', () => {
  it('refunds a unit what was paid for it, in integer cents', () => {
    expect(refundForUnits(1000, 4, 0, 1)).toBe(250);
    expect(refundForUnits(1000, 3, 0, 1)).toBe(333);
    expect(refundForUnits(1000, 3, 1, 2)).toBe(667);
  });

  it('never refunds units beyond the line, nor a refund for nothing', () => {
    expect(refundForUnits(1000, 2, 2, 1)).toBe(0);
    expect(refundForUnits(1000, 2, 1, 5)).toBe(500);
    expect(refundForUnits(1000, 2, 0, 0)).toBe(0);
  });

  it('pays back at most what was paid, and exactly that once every unit is back, over any sequence of returns', () => {
    const random = seeded(42);
    for (let trial = 0; trial < 500; trial++) {
      const lines = Array.from({ length: 1 + random(4) }, (_, i) => ({
        id: `l${i}`,
        quantity: 1 + random(6),
        unitPriceCents: 1 + random(20_000),
      }));
      const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
      const discount = random(subtotal + 1);
      const paid = paidPerLine(lines, discount);
      let refunded = 0;
      for (const line of lines) {
        let back = 0;
        while (back < line.quantity) {
          const units = 1 + random(line.quantity - back);
          refunded += refundForUnits(paid.get(line.id)!, line.quantity, back, units);
          back += units;
          expect(refunded).toBeLessThanOrEqual(subtotal - discount);
        }
      }
      expect(refunded).toBe(subtotal - discount);
    }
  });
});

describe('return rules', () => {
  const shipped = new Date('2026-03-01T12:00:00Z');

  it('accepts a return up to the end of the window and not a moment later', () => {
    expect(withinReturnWindow(shipped, new Date('2026-03-31T12:00:00Z'), 30)).toBe(true);
    expect(withinReturnWindow(shipped, new Date('2026-03-31T12:00:01Z'), 30)).toBe(false);
    expect(withinReturnWindow(shipped, new Date('2026-04-10T00:00:00Z'), 45)).toBe(true);
  });

  it('counts units already claimed by earlier returns', () => {
    expect(returnableUnits(3, 0)).toBe(3);
    expect(returnableUnits(3, 2)).toBe(1);
    expect(returnableUnits(3, 5)).toBe(0);
  });

  it('numbers RMAs "R-XXXX-XXXX" and labels mail returns with a carrier, tracking number and URL', () => {
    const rma = newRmaNumber();
    expect(rma).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(returnLabel(rma)).toEqual({
      carrier: 'UPS',
      trackingNumber: expect.stringMatching(/^1ZRMA[0-9A-Z]{11}$/),
      url: expect.stringContaining(rma),
    });
  });
});

describe('subscription schedule', () => {
  it('is due on or after its run date, only while active', () => {
    expect(isDue(SubscriptionStatus.ACTIVE, '2026-05-01', '2026-05-01')).toBe(true);
    expect(isDue(SubscriptionStatus.ACTIVE, '2026-05-02', '2026-05-01')).toBe(false);
    expect(isDue(SubscriptionStatus.PAUSED, '2026-04-01', '2026-05-01')).toBe(false);
  });

  it('moves on one interval, and past the run date when runs were missed (one order, not a backlog)', () => {
    expect(nextRunAfter('2026-05-01', 30, '2026-05-01')).toBe('2026-05-31');
    expect(nextRunAfter('2026-01-01', 7, '2026-01-20')).toBe('2026-01-22');
    expect(nextRunAfter('2026-12-20', 14, '2026-12-20')).toBe('2027-01-03');
  });

  it('keys one order per subscription and run date', () => {
    expect(subscriptionOrderKey('abc', '2026-05-01')).toBe('sub-abc-2026-05-01');
    expect(subscriptionOrderKey('abc', '2026-05-01')).not.toBe(subscriptionOrderKey('abc', '2026-05-31'));
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('26-2-1')).toBe(false);
  });
});

describe('subscription lines', () => {
  it('reads a one-SKU subscription as one line, and several lines as given', () => {
    expect(subscriptionLines({ lines: [], sku: 'A', quantity: 2 })).toEqual([{ sku: 'A', quantity: 2 }]);
    expect(subscriptionLines({ lines: null, sku: 'A', quantity: 2 })).toEqual([{ sku: 'A', quantity: 2 }]);
    const lines = [
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 3 },
    ];
    expect(subscriptionLines({ lines, sku: 'A', quantity: 1 })).toEqual(lines);
  });

  it.each([
    [[], 'EMPTY_SUBSCRIPTION', null],
    [[{ sku: 'A', quantity: 0 }], 'INVALID_QUANTITY', 0],
    [[{ sku: 'A', quantity: 1.5 }], 'INVALID_QUANTITY', 0],
    [[{ sku: ' ', quantity: 1 }], 'UNKNOWN_SKU', 0],
    [
      [
        { sku: 'A', quantity: 1 },
        { sku: ' A ', quantity: 2 },
      ],
      'DUPLICATE_LINE',
      1,
    ],
  ])('refuses %j with %s', (lines, code, index) => {
    expect(linesProblem(lines)).toMatchObject({ code, index });
  });

  it('accepts each SKU once with whole quantities', () => {
    expect(
      linesProblem([
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 2 },
      ]),
    ).toBeNull();
  });
});
