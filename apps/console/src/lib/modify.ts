import type { Money } from './format';

export interface PricedLine {
  id: string;
  sku: string;
  quantity: number;
  status: string;
  unitPrice: Money;
  /** The line's discount in total (all its units). */
  discount: Money;
}

export interface LineChange {
  quantity: number;
  sku: string;
  /** The unit price of `sku` when it differs from the line's SKU (looked up before confirming). */
  unitPrice?: Money | null;
}

export interface ModificationEstimate {
  subtotal: Money;
  discount: Money;
  total: Money;
  /** New total minus the current one. */
  difference: Money;
  /** Positive: to collect from the shopper; negative: to refund to their tenders. */
  settlement: Money;
  /** The changes the API is sent: only lines that differ. */
  changes: { lineId: string; quantity?: number; sku?: string }[];
  /** SKUs whose price is not known yet. */
  unpriced: string[];
}

/**
 * What a modification will cost before it is confirmed: each open line at its unit price (a new
 * SKU at the price looked up for it) less its discount per unit; what the order was paid so far
 * is its total less its balance due. The API prices the order again with the promotion engine
 * when the change is confirmed, so a promotion a new SKU earns or loses can move the last cent;
 * the console shows the confirmed figures after the change.
 */
export function estimateModification(
  order: { total: Money; balanceDue: Money; lines: readonly PricedLine[] },
  changes: ReadonlyMap<string, LineChange>,
): ModificationEstimate {
  const currency = order.total.currency;
  let subtotal = 0;
  let discount = 0;
  const sent: ModificationEstimate['changes'] = [];
  const unpriced: string[] = [];
  for (const line of order.lines) {
    if (line.status === 'CANCELLED' || line.status === 'RETURNED') continue;
    const change = changes.get(line.id);
    const quantity = change ? change.quantity : line.quantity;
    const sku = change && change.sku.trim() !== '' ? change.sku.trim() : line.sku;
    const skuChanged = sku !== line.sku;
    if (change && (quantity !== line.quantity || skuChanged)) {
      sent.push({ lineId: line.id, ...(quantity !== line.quantity ? { quantity } : {}), ...(skuChanged ? { sku } : {}) });
    }
    if (skuChanged) {
      if (!change?.unitPrice) unpriced.push(sku);
      subtotal += (change?.unitPrice?.cents ?? 0) * quantity;
    } else {
      subtotal += line.unitPrice.cents * quantity;
      const perUnit = line.quantity > 0 ? line.discount.cents / line.quantity : 0;
      discount += Math.round(perUnit * quantity);
    }
  }
  const total = subtotal - discount;
  const paid = order.total.cents - order.balanceDue.cents;
  const money = (cents: number): Money => ({ cents, currency });
  return {
    subtotal: money(subtotal),
    discount: money(discount),
    total: money(total),
    difference: money(total - order.total.cents),
    settlement: money(total - paid),
    changes: sent,
    unpriced,
  };
}
