import { DomainError } from '@omni/platform';
import { countedOrders, lastOrderAt, spendWithin, type OlderOrders, type OrderFact } from './rfm';

/** Loyalty tiers, lowest first (loyalty's ladder). */
export const TIERS = ['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'] as const;

/**
 * What a customer must satisfy to be in a segment: every condition given (AND); a condition
 * left out (null) does not narrow it.
 */
export interface SegmentRule {
  /** Lowest loyalty tier (BRONZE < SILVER < GOLD < PLATINUM); members only. */
  minTier?: string | null;
  /** Net spend (orders minus cancellations and refunds) of at least this much, in its currency, within `spendWithinDays`. */
  minSpend?: { cents: number; currency: string } | null;
  /** The window of `minSpend` in days (default 365). */
  spendWithinDays?: number | null;
  /** Bought (an order not wholly cancelled or returned) within this many days. */
  purchasedWithinDays?: number | null;
  /** No order, visit or app activity in any channel for at least this many days. */
  inactiveForDays?: number | null;
  /** Bought a product under this category path (a prefix: `["Apparel"]` includes `Apparel/Shoes`). */
  categoryPath?: readonly string[] | null;
  /** Has used every one of these channels. */
  channels?: readonly string[] | null;
  /** An RFM score (`CustomerScore.value`, 3 to 15) of at least this. */
  minScore?: number | null;
}

/** What CRM knows of a customer when it evaluates rules. */
export interface CustomerFacts {
  tier: string | null;
  /** Every order placed within `orderWindowDays` of the rules (or every order at all). */
  orders: readonly OrderFact[];
  /** The orders placed before those, summed up. */
  older: OlderOrders;
  /** The latest order, visit, app check-in or registration. */
  lastActivityAt: Date;
  channels: readonly string[];
  /** The combined RFM value, null when the customer has no counted order. */
  score: number | null;
}

export const DEFAULT_SPEND_WINDOW_DAYS = 365;
export const MAX_RULE_DAYS = 3650;
export const MAX_CATEGORY_DEPTH = 10;
export const MAX_CATEGORY_LENGTH = 100;
const DAY_MS = 86_400_000;

function tierRank(tier: string | null | undefined): number {
  return tier ? TIERS.indexOf(tier as (typeof TIERS)[number]) : -1;
}

/** `Apparel/Shoes` from `["Apparel", "Shoes"]`: how order facts keep a category path. */
export function categoryKey(path: readonly string[]): string {
  return path.map((p) => p.trim().toLowerCase()).join('/');
}

/**
 * The days of orders an evaluation reads one by one: the RFM window and every `minSpend` window.
 * Whatever else the rules ask of older orders (a purchase, a channel, a category) `OlderOrders` answers.
 */
export function orderWindowDays(rules: readonly SegmentRule[], rfmWindowDays: number): number {
  return Math.max(rfmWindowDays, ...rules.filter((r) => r.minSpend).map((r) => r.spendWithinDays ?? DEFAULT_SPEND_WINDOW_DAYS));
}

/**
 * The rule as it is stored, or a DomainError (code INVALID_RULE, field under `input.rule`):
 * at least one condition, days 1 to 3650, an amount of at least zero in an ISO currency, a
 * known tier, category names of 1 to 100 characters without control characters.
 */
export function validateRule(rule: SegmentRule, isCurrency: (code: string) => boolean): SegmentRule {
  const at = (field: string) => ['input', 'rule', field];
  const fail = (field: string, message: string) => new DomainError('INVALID_RULE', message, at(field));
  const days = (field: keyof SegmentRule) => {
    const value = rule[field] as number | null | undefined;
    if (value == null) return null;
    if (!Number.isSafeInteger(value) || value < 1 || value > MAX_RULE_DAYS)
      throw fail(field, `${field} is a whole number of days from 1 to ${MAX_RULE_DAYS}`);
    return value;
  };
  const out: SegmentRule = {
    minTier: rule.minTier ?? null,
    minSpend: rule.minSpend ?? null,
    spendWithinDays: days('spendWithinDays'),
    purchasedWithinDays: days('purchasedWithinDays'),
    inactiveForDays: days('inactiveForDays'),
    categoryPath: rule.categoryPath?.length ? rule.categoryPath.map((p) => p.trim()) : null,
    channels: rule.channels?.length ? [...new Set(rule.channels)] : null,
    minScore: rule.minScore ?? null,
  };
  if (out.minTier != null && tierRank(out.minTier) < 0) throw fail('minTier', `tiers are ${TIERS.join(', ')}`);
  if (out.minSpend) {
    if (!Number.isSafeInteger(out.minSpend.cents) || out.minSpend.cents < 0)
      throw fail('minSpend', 'minSpend is a non-negative amount in minor units');
    if (!isCurrency(out.minSpend.currency)) throw fail('minSpend', `"${out.minSpend.currency}" is not an ISO 4217 code`);
  }
  if (out.spendWithinDays != null && !out.minSpend) throw fail('spendWithinDays', 'spendWithinDays goes with minSpend');
  if (out.categoryPath) {
    if (out.categoryPath.length > MAX_CATEGORY_DEPTH) throw fail('categoryPath', `at most ${MAX_CATEGORY_DEPTH} levels`);
    for (const part of out.categoryPath) {
      // eslint-disable-next-line no-control-regex
      if (!part || part.length > MAX_CATEGORY_LENGTH || /[\u0000-\u001f/]/.test(part))
        throw fail('categoryPath', `a category is 1 to ${MAX_CATEGORY_LENGTH} characters, without "/" or control characters`);
    }
  }
  if (out.minScore != null && (!Number.isSafeInteger(out.minScore) || out.minScore < 3 || out.minScore > 15))
    throw fail('minScore', 'minScore is a whole number from 3 to 15');
  if (out.purchasedWithinDays != null && out.inactiveForDays != null && out.inactiveForDays <= out.purchasedWithinDays) {
    // Not contradictory in principle (a purchase is activity), so both together select nobody.
    throw fail('inactiveForDays', 'no customer bought within purchasedWithinDays and was inactive for longer');
  }
  if (Object.values(out).every((v) => v == null)) throw fail('minTier', 'a rule names at least one condition');
  return out;
}

/** Whether a customer with these facts satisfies every condition of the rule at `now`. */
export function isMember(rule: SegmentRule, facts: CustomerFacts, now: Date): boolean {
  const daysAgo = (days: number) => now.getTime() - days * DAY_MS;
  const orders = countedOrders(facts.orders).filter((o) => o.placedAt <= now);
  const lastOrder = lastOrderAt(orders, facts.older, now);
  if (rule.minTier != null && tierRank(facts.tier) < tierRank(rule.minTier)) return false;
  if (rule.minSpend) {
    const spent = spendWithin(orders, rule.minSpend.currency, rule.spendWithinDays ?? DEFAULT_SPEND_WINDOW_DAYS, now);
    if (spent < rule.minSpend.cents || !lastOrder) return false;
  }
  if (rule.purchasedWithinDays != null && !(lastOrder && lastOrder.getTime() > daysAgo(rule.purchasedWithinDays))) return false;
  if (rule.inactiveForDays != null && facts.lastActivityAt.getTime() > daysAgo(rule.inactiveForDays)) return false;
  if (rule.categoryPath?.length) {
    const prefix = categoryKey(rule.categoryPath);
    const categories = [...orders.flatMap((o) => o.categories), ...facts.older.categories];
    if (!categories.some((c) => c === prefix || c.startsWith(`${prefix}/`))) return false;
  }
  if (rule.channels?.length) {
    const used = new Set([...facts.channels, ...orders.map((o) => o.channel), ...facts.older.channels]);
    if (!rule.channels.every((c) => used.has(c))) return false;
  }
  if (rule.minScore != null && (facts.score == null || facts.score < rule.minScore)) return false;
  return true;
}
