/**
 * RFM scoring: how recently, how often and how much a customer bought, each on a 1 to 5 scale,
 * from their orders in every channel. Pure: the caller supplies the orders and the clock.
 */

/** One order as CRM keeps it for scoring and segments (`crm_order_fact`). */
export interface OrderFact {
  placedAt: Date;
  /** What the order is worth now: its total after cancellations, changes and refunds, in minor units. */
  netCents: number;
  currency: string;
  channel: string;
  /** The category paths of its lines, each joined with `/` (`Apparel/Shoes`). */
  categories: readonly string[];
}

/**
 * What scoring and segments need of a customer's orders older than the ones they are given one by
 * one (the database sums these up, so an order event reads only the recent ones): none of the
 * older orders is in a window, only whether and when one was last bought, where and what.
 */
export interface OlderOrders {
  /** When the last of them that counts was placed; null: none counts. */
  lastOrderAt: Date | null;
  /** The channels of those that count. */
  channels: readonly string[];
  /** The category keys of those that count. */
  categories: readonly string[];
}

export const NO_OLDER_ORDERS: OlderOrders = { lastOrderAt: null, channels: [], categories: [] };

export interface RfmScore {
  /** 5: bought within 30 days; 4: 90; 3: 180; 2: 365; 1: longer ago. */
  recency: number;
  /** Orders in the window: 5: 10 or more; 4: 5+; 3: 3+; 2: 2; 1: one or none. */
  frequency: number;
  /** Spend in the window, in the customer's main currency: 5: 1,000.00+; 4: 500.00+; 3: 200.00+; 2: 50.00+; 1: less. */
  monetary: number;
  /** recency + frequency + monetary: 3 (lapsed, small) to 15 (best customers). */
  value: number;
  /** Orders counted (in the window, not wholly cancelled or returned). */
  orders: number;
  /** Their net total in `currency` (minor units). */
  spendCents: number;
  /** The currency most of the window's orders were paid in. */
  currency: string | null;
  lastOrderAt: Date;
}

export const RECENCY_DAYS = [30, 90, 180, 365] as const;
export const FREQUENCY_ORDERS = [2, 3, 5, 10] as const;
/** Minor units of the customer's currency (cents for USD and EUR). */
export const MONETARY_CENTS = [5_000, 20_000, 50_000, 100_000] as const;
export const DEFAULT_RFM_WINDOW_DAYS = 365;

const DAY_MS = 86_400_000;

/** 1 plus the number of thresholds reached (ascending thresholds: 1..5). */
function band(value: number, thresholds: readonly number[]): number {
  return 1 + thresholds.filter((t) => value >= t).length;
}

/** Orders that still count: something of them was kept (wholly cancelled or returned orders are not purchases). */
export function countedOrders(orders: readonly OrderFact[]): OrderFact[] {
  return orders.filter((o) => o.netCents > 0);
}

/** When the last counted order placed by `now` was placed, among `orders` and `older`; null: none. */
export function lastOrderAt(orders: readonly OrderFact[], older: OlderOrders, now: Date): Date | null {
  let last = older.lastOrderAt?.getTime() ?? -Infinity;
  for (const o of countedOrders(orders)) {
    const at = o.placedAt.getTime();
    if (at > last && o.placedAt <= now) last = at;
  }
  return last === -Infinity ? null : new Date(last);
}

/** Net spend in `currency` on orders placed within `days` before `now`. */
export function spendWithin(orders: readonly OrderFact[], currency: string, days: number, now: Date): number {
  const since = now.getTime() - days * DAY_MS;
  return countedOrders(orders)
    .filter((o) => o.currency === currency && o.placedAt.getTime() > since && o.placedAt <= now)
    .reduce((sum, o) => sum + o.netCents, 0);
}

/**
 * The score of a customer with these orders (every one placed within `windowDays` before `now`,
 * the rest summed up in `older`), or null when none counts (never bought, or every order cancelled
 * or returned). Recency looks at the last order whenever it was; frequency and monetary value at
 * the `windowDays` before `now`.
 */
export function rfmScore(
  orders: readonly OrderFact[],
  now: Date,
  windowDays = DEFAULT_RFM_WINDOW_DAYS,
  older: OlderOrders = NO_OLDER_ORDERS,
): RfmScore | null {
  const last = lastOrderAt(orders, older, now);
  if (!last) return null;
  const counted = countedOrders(orders).filter((o) => o.placedAt <= now);
  const daysSince = (now.getTime() - last.getTime()) / DAY_MS;
  const recency = 5 - RECENCY_DAYS.filter((d) => daysSince > d).length;
  const since = now.getTime() - windowDays * DAY_MS;
  const inWindow = counted.filter((o) => o.placedAt.getTime() > since);
  const byCurrency = new Map<string, { orders: number; cents: number }>();
  for (const o of inWindow) {
    const c = byCurrency.get(o.currency) ?? { orders: 0, cents: 0 };
    byCurrency.set(o.currency, { orders: c.orders + 1, cents: c.cents + o.netCents });
  }
  const main = [...byCurrency].sort(
    (a, b) => b[1].orders - a[1].orders || b[1].cents - a[1].cents || a[0].localeCompare(b[0]),
  )[0];
  const spendCents = main?.[1].cents ?? 0;
  const frequency = band(inWindow.length, FREQUENCY_ORDERS);
  const monetary = band(spendCents, MONETARY_CENTS);
  return {
    recency,
    frequency,
    monetary,
    value: recency + frequency + monetary,
    orders: inWindow.length,
    spendCents,
    currency: main?.[0] ?? null,
    lastOrderAt: last,
  };
}
