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
