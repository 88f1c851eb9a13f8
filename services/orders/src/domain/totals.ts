export interface PricedLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
  currency: string;
}

export interface Totals {
  currency: string;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
}

/** Sums lines in integer cents; all lines of one order share one currency. */
export function orderTotals(lines: readonly PricedLine[], discountCents = 0): Totals {
  if (lines.length === 0) throw new RangeError('an order has at least one line');
  const currency = lines[0]!.currency;
  if (lines.some((l) => l.currency !== currency)) throw new RangeError('lines are priced in different currencies');
  const subtotalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const discount = Math.min(Math.max(0, discountCents), subtotalCents);
  return { currency, subtotalCents, discountCents: discount, totalCents: subtotalCents - discount };
}
