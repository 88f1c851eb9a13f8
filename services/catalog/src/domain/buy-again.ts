export interface Purchase {
  sku: string;
  orderId: string;
  purchasedAt: Date;
  quantity: number;
}

export interface BuyAgainItem {
  sku: string;
  timesBought: number;
  lastPurchasedAt: Date;
  averageIntervalDays: number;
  nextPurchaseOn: string;
}

const DAY = 86_400_000;

/**
 * SKUs bought in at least two different orders, with the next purchase predicted from the
 * customer's own average interval between them; soonest due first.
 */
export function buyAgain(purchases: readonly Purchase[]): BuyAgainItem[] {
  const bySku = new Map<string, Map<string, Date>>();
  for (const p of purchases) {
    const orders = bySku.get(p.sku) ?? new Map<string, Date>();
    const seen = orders.get(p.orderId);
    if (!seen || p.purchasedAt < seen) orders.set(p.orderId, p.purchasedAt);
    bySku.set(p.sku, orders);
  }
  const items: BuyAgainItem[] = [];
  for (const [sku, orders] of bySku) {
    if (orders.size < 2) continue;
    const times = [...orders.values()].map((d) => d.getTime()).sort((a, b) => a - b);
    const first = times[0]!;
    const last = times[times.length - 1]!;
    const average = (last - first) / (times.length - 1);
    const averageIntervalDays = Math.max(1, Math.round(average / DAY));
    items.push({
      sku,
      timesBought: times.length,
      lastPurchasedAt: new Date(last),
      averageIntervalDays,
      nextPurchaseOn: new Date(last + averageIntervalDays * DAY).toISOString().slice(0, 10),
    });
  }
  return items.sort((a, b) => a.nextPurchaseOn.localeCompare(b.nextPurchaseOn) || a.sku.localeCompare(b.sku));
}

/** Ranks candidate products by score (highest first, then id) leaving out the excluded ones. */
export function rankProducts(scores: ReadonlyMap<string, number>, exclude: ReadonlySet<string>, limit: number): string[] {
  return [...scores]
    .filter(([id]) => !exclude.has(id))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([id]) => id);
}
