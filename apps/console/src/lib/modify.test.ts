import { describe, expect, it } from 'vitest';
import { estimateModification, type PricedLine } from './modify';

const usd = (cents: number) => ({ cents, currency: 'USD' });
const lines: PricedLine[] = [
  { id: 'a', sku: 'SWEATER-M', quantity: 2, status: 'OPEN', unitPrice: usd(8900), discount: usd(1780) },
  { id: 'b', sku: 'TOTE', quantity: 1, status: 'OPEN', unitPrice: usd(2400), discount: usd(0) },
  { id: 'c', sku: 'GONE', quantity: 1, status: 'CANCELLED', unitPrice: usd(500), discount: usd(0) },
];
const order = { total: usd(2 * 8900 - 1780 + 2400), balanceDue: usd(0), lines };

describe('estimateModification', () => {
  it('no change: same total, nothing to settle, nothing sent', () => {
    const estimate = estimateModification(order, new Map());
    expect(estimate.total).toEqual(order.total);
    expect(estimate.settlement.cents).toBe(0);
    expect(estimate.changes).toEqual([]);
  });

  it('fewer units: the discount per unit follows, the difference is refunded', () => {
    const estimate = estimateModification(order, new Map([['a', { quantity: 1, sku: 'SWEATER-M' }]]));
    expect(estimate.subtotal.cents).toBe(8900 + 2400);
    expect(estimate.discount.cents).toBe(890);
    expect(estimate.difference.cents).toBe(-(8900 - 890));
    expect(estimate.settlement.cents).toBe(-(8900 - 890));
    expect(estimate.changes).toEqual([{ lineId: 'a', quantity: 1 }]);
  });

  it('another SKU at its own price; unknown until looked up', () => {
    const unpriced = estimateModification(order, new Map([['b', { quantity: 1, sku: 'BOTTLE' }]]));
    expect(unpriced.unpriced).toEqual(['BOTTLE']);
    const priced = estimateModification(order, new Map([['b', { quantity: 1, sku: 'BOTTLE', unitPrice: usd(3200) }]]));
    expect(priced.difference.cents).toBe(800);
    expect(priced.settlement.cents).toBe(800);
    expect(priced.changes).toEqual([{ lineId: 'b', sku: 'BOTTLE' }]);
  });

  it('what is still due is part of the settlement', () => {
    const estimate = estimateModification({ ...order, balanceDue: usd(1000) }, new Map());
    expect(estimate.settlement.cents).toBe(1000);
  });
});
