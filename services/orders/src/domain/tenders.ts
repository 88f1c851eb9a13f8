/** One loyalty point is worth one minor unit (100 points = 1.00) when redeemed at checkout. */
export const POINT_VALUE_MINOR_UNITS = 1;

export interface TenderPlan {
  pointsCents: number;
  storeCreditCents: number;
  /** What is left to pay by card or cash. */
  dueCents: number;
}

/**
 * Splits an order total over the shopper's loyalty tenders: points first (the amount asked for,
 * never more than the total), then store credit up to what is left and what the wallet holds.
 */
export function planTenders(totalCents: number, redeemPoints: number, storeCreditAvailableCents: number | null): TenderPlan {
  const pointsCents = Math.min(redeemPoints * POINT_VALUE_MINOR_UNITS, totalCents);
  const afterPoints = totalCents - pointsCents;
  const storeCreditCents = storeCreditAvailableCents === null ? 0 : Math.min(Math.max(0, storeCreditAvailableCents), afterPoints);
  return { pointsCents, storeCreditCents, dueCents: afterPoints - storeCreditCents };
}
