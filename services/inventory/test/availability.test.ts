import { fulfillmentCandidates, nearbyStock, totalAvailable } from '../src/domain/availability';
import { adjustmentSign, AdjustmentReason, applyChange, difference, lockOrder, quantityProblem } from '../src/domain/stock';

const loc = (id: string, lat: number, lng: number, open = true) => ({ id, lat, lng, open });
const stock = (sku: string, onHand: number, reserved = 0, safetyStock = 0) => ({ sku, onHand, reserved, safetyStock });

describe('availability near the shopper', () => {
  // Manhattan, a store ~5 km away in Brooklyn, a warehouse ~14 km away in New Jersey, one far away.
  const shopper = { lat: 40.7128, lng: -74.006 };
  const brooklyn = loc('brooklyn', 40.6782, -73.9442);
  const newark = loc('newark', 40.7357, -74.1724);
  const boston = loc('boston', 42.3601, -71.0589);

  it('lists open locations that have the item, nearest first, with the distance in km', () => {
    const rows = [
      { location: newark, stock: stock('X', 40) },
      { location: boston, stock: stock('X', 9) },
      { location: brooklyn, stock: stock('X', 3) },
    ];
    const result = nearbyStock(rows, shopper, 50);
    expect(result.map((n) => [n.location.id, n.available])).toEqual([
      ['brooklyn', 3],
      ['newark', 40],
    ]);
    expect(result[0]!.distanceKm).toBeCloseTo(6.4, 0);
    expect(result[1]!.distanceKm).toBeGreaterThan(13);
    expect(result[1]!.distanceKm).toBeLessThan(16);
  });

  it('leaves out closed locations and locations with nothing available', () => {
    const rows = [
      { location: { ...brooklyn, open: false }, stock: stock('X', 3) },
      { location: newark, stock: stock('X', 5, 3, 2) },
    ];
    expect(nearbyStock(rows, shopper, 50)).toEqual([]);
    expect(totalAvailable(rows)).toBe(0);
  });

  it('counts only open locations in the total, less reserved and safety stock', () => {
    const rows = [
      { location: brooklyn, stock: stock('X', 10, 2, 1) },
      { location: { ...newark, open: false }, stock: stock('X', 100) },
    ];
    expect(totalAvailable(rows)).toBe(7);
  });
});

describe('fulfillment candidates', () => {
  it('gives every location one entry per SKU, zero where it holds none or is closed', () => {
    const locations = [loc('A', 0, 0), loc('B', 1, 1, false), loc('C', 2, 2)];
    const rows = [
      { locationId: 'A', ...stock('X', 5, 1, 2) },
      { locationId: 'B', ...stock('X', 9) },
      { locationId: 'C', ...stock('Y', 2) },
    ];
    const result = fulfillmentCandidates(locations, rows, ['X', 'Y']);
    expect(result.map((c) => [c.location.id, c.stock])).toEqual([
      [
        'A',
        [
          // Safety stock 2 is not promised online, but the till may sell it.
          { sku: 'X', available: 2, atTill: 4 },
          { sku: 'Y', available: 0, atTill: 0 },
        ],
      ],
      [
        'B',
        [
          { sku: 'X', available: 0, atTill: 0 },
          { sku: 'Y', available: 0, atTill: 0 },
        ],
      ],
      [
        'C',
        [
          { sku: 'X', available: 0, atTill: 0 },
          { sku: 'Y', available: 2, atTill: 2 },
        ],
      ],
    ]);
  });
});

describe('stock changes', () => {
  const level = { onHand: 5, reserved: 3, inTransit: 0, safetyStock: 1 };

  it('never takes on hand or reserved below zero, and reports what really changed', () => {
    const after = applyChange(level, { onHand: -8, reserved: -3 });
    expect(after).toEqual({ onHand: 0, reserved: 0, inTransit: 0, safetyStock: 1 });
    expect(difference(level, after)).toEqual({ onHand: -5, reserved: -3, inTransit: 0, safetyStock: 0 });
  });

  it('gives each adjustment reason its direction', () => {
    expect([AdjustmentReason.RECEIPT, AdjustmentReason.FOUND].map(adjustmentSign)).toEqual([1, 1]);
    expect([AdjustmentReason.DAMAGE, AdjustmentReason.SHRINK].map(adjustmentSign)).toEqual([-1, -1]);
  });

  it.each([
    [-1, false, 'NEGATIVE_QUANTITY'],
    [0, false, 'INVALID_QUANTITY'],
    [0, true, null],
    [2.5, false, 'INVALID_QUANTITY'],
    [Number.NaN, false, 'INVALID_QUANTITY'],
    [7, false, null],
  ])('quantity %d (zero allowed: %s) is %s', (quantity, allowZero, problem) => {
    expect(quantityProblem(quantity, allowZero)).toBe(problem);
  });

  it('locks stock rows in one order whatever order they are named in', () => {
    const rows = [
      { locationId: 'b', sku: 'X' },
      { locationId: 'a', sku: 'Y' },
      { locationId: 'a', sku: 'X' },
    ];
    expect(lockOrder(rows).map((r) => `${r.locationId}/${r.sku}`)).toEqual(['a/X', 'a/Y', 'b/X']);
    expect(lockOrder([...rows].reverse())).toEqual(lockOrder(rows));
  });
});
