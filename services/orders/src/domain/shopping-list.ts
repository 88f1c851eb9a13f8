import { addDays } from '@omni/platform';

/** The shopping list's pure rules: how often a shopper buys an item, and when she will want it again. */

/** Purchases older than this are not looked at: a habit from last year is not today's. */
export const HISTORY_DAYS = 365;

/** How many days before an auto-fill order the shopper is told it is coming (and can skip it). */
export const AUTO_FILL_NOTICE_DAYS = 2;

/** Every gap within this share of the typical one: a regular buyer. */
const REGULAR_TOLERANCE = 0.5;

/** No purchase for this many typical intervals: she stopped buying it, nothing is due. */
const LAPSED_AFTER_INTERVALS = 3;

export const MAX_LIST_QUANTITY = 999;
export const MAX_LIST_ITEMS = 200;

/** One purchase of a SKU: the day (YYYY-MM-DD) and the units bought. */
export interface Purchase {
  day: string;
  quantity: number;
}

export interface PurchaseRhythm {
  /** The typical days between two purchases: the median gap, at least 1. */
  intervalDays: number;
  /** Distinct days it was bought on. */
  purchaseDays: number;
  lastPurchasedOn: string;
  /** The units bought on the last purchase day. */
  lastQuantity: number;
  /** When she will want it again (last purchase + interval); null once lapsed. */
  nextDueOn: string | null;
  /** At least three purchases, every gap within half the typical one either way. */
  regular: boolean;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * How often a SKU is bought, from its purchases in every channel: one-off purchases (a single
 * day) are ignored (null); several purchases on one day count as one. The typical interval is the
 * median gap, so one late or early purchase does not move it; `regular` says whether every gap is
 * close to it. A shopper who has not bought it for three intervals has lapsed: no due date.
 */
export function purchaseRhythm(purchases: readonly Purchase[], asOf: string): PurchaseRhythm | null {
  const byDay = new Map<string, number>();
  for (const p of purchases) if (p.day <= asOf) byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.quantity);
  const days = [...byDay.keys()].sort();
  if (days.length < 2) return null;
  const gaps = days.slice(1).map((day, i) => dayNumber(day) - dayNumber(days[i]!));
  const intervalDays = Math.max(1, Math.round(median(gaps)));
  const lastPurchasedOn = days[days.length - 1]!;
  const regular = gaps.length >= 2 && gaps.every((g) => Math.abs(g - intervalDays) <= intervalDays * REGULAR_TOLERANCE);
  const lapsed = dayNumber(asOf) - dayNumber(lastPurchasedOn) > intervalDays * LAPSED_AFTER_INTERVALS;
  return {
    intervalDays,
    purchaseDays: days.length,
    lastPurchasedOn,
    lastQuantity: byDay.get(lastPurchasedOn)!,
    nextDueOn: lapsed ? null : addDays(lastPurchasedOn, intervalDays),
    regular,
  };
}

/** Due when its date has come (on or before `asOf`). */
export function isDueOn(nextDueOn: string | null, asOf: string): boolean {
  return nextDueOn !== null && nextDueOn <= asOf;
}

/**
 * The first auto-fill date when the shopper switches auto-fill on: when the item is next due,
 * today if that is past, else one interval from today.
 */
export function firstFillOn(nextDueOn: string | null, intervalDays: number, today: string): string {
  if (nextDueOn === null) return addDays(today, intervalDays);
  return nextDueOn < today ? today : nextDueOn;
}

/**
 * Bought meanwhile in any channel: the next auto-fill moves to one interval after that purchase
 * when that is later than planned (never earlier: a planned order is not brought forward).
 */
export function fillOnAfterPurchase(nextFillOn: string, purchasedOn: string, intervalDays: number): string {
  const after = addDays(purchasedOn, intervalDays);
  return after > nextFillOn ? after : nextFillOn;
}

/** An auto-fill is told `AUTO_FILL_NOTICE_DAYS` ahead, once per fill date. */
export function needsReminder(nextFillOn: string, remindedFor: string | null, asOf: string): boolean {
  return nextFillOn <= addDays(asOf, AUTO_FILL_NOTICE_DAYS) && remindedFor !== nextFillOn;
}

/** Placed once due, and only after the shopper was told (in an earlier run) that it is coming. */
export function readyToFill(nextFillOn: string, remindedFor: string | null, asOf: string): boolean {
  return nextFillOn <= asOf && remindedFor === nextFillOn;
}

/** The idempotency key of an auto-fill order for one fill date: placing it twice places one order. */
export function fillOrderKey(itemId: string, fillOn: string): string {
  return `list-${itemId}-${fillOn}`;
}
