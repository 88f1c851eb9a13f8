import { addDays } from '@omni/platform';

/** Replenishment subscriptions: the pure scheduling rules. */

export enum SubscriptionStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  CANCELLED = 'CANCELLED',
}

export const MAX_INTERVAL_DAYS = 365;

export function isIsoDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

/** Due when active and its next run is on or before `asOf`. */
export function isDue(status: SubscriptionStatus, nextRunOn: string, asOf: string): boolean {
  return status === SubscriptionStatus.ACTIVE && nextRunOn <= asOf;
}

/**
 * The next run after a run for `runOn`, as of `asOf`: one interval on, and past `asOf` when
 * runs were missed (a late run places one order, not one per missed interval).
 */
export function nextRunAfter(runOn: string, intervalDays: number, asOf: string): string {
  let next = addDays(runOn, intervalDays);
  while (next <= asOf) next = addDays(next, intervalDays);
  return next;
}

/** The idempotency key of a subscription's order for one run date: placing it twice places one order. */
export function subscriptionOrderKey(subscriptionId: string, runOn: string): string {
  return `sub-${subscriptionId}-${runOn}`;
}

export interface SubscriptionLine {
  sku: string;
  quantity: number;
}

/** At most this many SKUs in one subscription. */
export const MAX_SUBSCRIPTION_LINES = 50;

/**
 * The lines a subscription orders each run: the lines given, or the one SKU of a subscription
 * made before it could hold several (its `sku` and `quantity`).
 */
export function subscriptionLines(s: { lines: SubscriptionLine[] | null; sku: string; quantity: number }): SubscriptionLine[] {
  return s.lines?.length ? s.lines : [{ sku: s.sku, quantity: s.quantity }];
}

/** Why these lines cannot be a subscription's, or null: each SKU once, whole quantities above zero. */
export function linesProblem(lines: SubscriptionLine[]): { code: string; message: string; index: number | null } | null {
  if (lines.length === 0) return { code: 'EMPTY_SUBSCRIPTION', message: 'a subscription orders at least one SKU', index: null };
  if (lines.length > MAX_SUBSCRIPTION_LINES) {
    return { code: 'TOO_MANY_LINES', message: `at most ${MAX_SUBSCRIPTION_LINES} SKUs per subscription`, index: null };
  }
  const seen = new Set<string>();
  for (const [index, line] of lines.entries()) {
    const sku = line.sku.trim();
    if (!sku) return { code: 'UNKNOWN_SKU', message: 'a SKU is required', index };
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      return { code: 'INVALID_QUANTITY', message: 'a quantity is a whole number above zero', index };
    }
    if (seen.has(sku)) return { code: 'DUPLICATE_LINE', message: `${sku} appears twice: one line per SKU`, index };
    seen.add(sku);
  }
  return null;
}
