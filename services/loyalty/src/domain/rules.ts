import { LoyaltyTier } from './program';

/** What earns points. */
export enum EarnTrigger {
  PURCHASE = 'PURCHASE',
  ENGAGEMENT = 'ENGAGEMENT',
}

export enum EngagementKind {
  PRODUCT_REVIEW = 'PRODUCT_REVIEW',
  SOCIAL_SHARE = 'SOCIAL_SHARE',
  APP_CHECK_IN = 'APP_CHECK_IN',
  SURVEY = 'SURVEY',
  REFERRAL = 'REFERRAL',
}

/**
 * What a shopper may claim alone: engagement the app itself witnesses (a check-in, within its
 * rule's cap). A review, survey, referral or share needs proof, so staff or the service that saw it
 * records it.
 */
export function selfClaimable(kind: EngagementKind): boolean {
  return kind === EngagementKind.APP_CHECK_IN;
}

/** The window an engagement cap counts in (UTC calendar periods). */
export enum CapPeriod {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}

const TIER_RANK: Record<LoyaltyTier, number> = {
  [LoyaltyTier.BRONZE]: 0,
  [LoyaltyTier.SILVER]: 1,
  [LoyaltyTier.GOLD]: 2,
  [LoyaltyTier.PLATINUM]: 3,
};

export function tierAtLeast(tier: LoyaltyTier, min: LoyaltyTier | null | undefined): boolean {
  return !min || TIER_RANK[tier] >= TIER_RANK[min];
}

/**
 * An earn rule as data. A PURCHASE rule contributes a rate (`pointsPerCurrencyUnit`), a fixed
 * bonus per order (`fixedPoints`) and/or a `multiplier`, restricted by category, channel, tier
 * and date window. An ENGAGEMENT rule awards `fixedPoints` for one `engagementKind`, at most
 * `maxPerPeriod` times per `capPeriod`.
 */
export interface EarnRuleData {
  id: string;
  name: string;
  trigger: EarnTrigger;
  engagementKind?: EngagementKind | null;
  pointsPerCurrencyUnit?: number | null;
  fixedPoints?: number | null;
  multiplier?: number | null;
  /** Matches a product whose category path starts with this one; empty/null: every product. */
  categoryPath?: string[] | null;
  /** Empty/null: every channel. */
  channels?: string[] | null;
  minTier?: LoyaltyTier | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  maxPerPeriod?: number | null;
  capPeriod?: CapPeriod | null;
  active: boolean;
}

/**
 * The program's starting rules, as data like any other: one point per whole currency unit, a
 * GOLD multiplier, and capped engagement rewards. Storing a rule with a default's id (through
 * `upsertEarnRule`) replaces that default; `active: false` switches it off.
 */
export const DEFAULT_EARN_RULES: readonly EarnRuleData[] = [
  {
    id: 'default-purchase',
    name: 'One point per currency unit',
    trigger: EarnTrigger.PURCHASE,
    pointsPerCurrencyUnit: 1,
    active: true,
  },
  {
    id: 'default-gold',
    name: 'Gold members earn half as much again',
    trigger: EarnTrigger.PURCHASE,
    multiplier: 1.5,
    minTier: LoyaltyTier.GOLD,
    active: true,
  },
  ...[
    [EngagementKind.PRODUCT_REVIEW, 50, 5, CapPeriod.MONTH],
    [EngagementKind.SOCIAL_SHARE, 10, 1, CapPeriod.DAY],
    [EngagementKind.APP_CHECK_IN, 5, 1, CapPeriod.DAY],
    [EngagementKind.SURVEY, 25, 1, CapPeriod.MONTH],
    [EngagementKind.REFERRAL, 200, 10, CapPeriod.YEAR],
  ].map(([kind, points, max, period]): EarnRuleData => ({
    id: `default-${String(kind).toLowerCase()}`,
    name: `${String(kind)} reward`,
    trigger: EarnTrigger.ENGAGEMENT,
    engagementKind: kind as EngagementKind,
    fixedPoints: points as number,
    maxPerPeriod: max as number,
    capPeriod: period as CapPeriod,
    active: true,
  })),
];

/** Stored rules, plus the defaults not replaced by a stored rule of the same id. */
export function effectiveRules(stored: readonly EarnRuleData[]): EarnRuleData[] {
  const ids = new Set(stored.map((r) => r.id));
  return [...stored, ...DEFAULT_EARN_RULES.filter((d) => !ids.has(d.id))];
}

export function isDefaultRuleId(id: string): boolean {
  return DEFAULT_EARN_RULES.some((d) => d.id === id);
}

export interface Situation {
  channel: string | null;
  tier: LoyaltyTier;
  at: Date;
}

function applies(rule: EarnRuleData, s: Situation): boolean {
  if (!rule.active) return false;
  if (rule.channels?.length && (!s.channel || !rule.channels.includes(s.channel))) return false;
  if (!tierAtLeast(s.tier, rule.minTier)) return false;
  if (rule.startsAt && s.at < rule.startsAt) return false;
  if (rule.endsAt && s.at >= rule.endsAt) return false;
  return true;
}

function inCategory(rule: EarnRuleData, path: string[] | null | undefined): boolean {
  if (!rule.categoryPath?.length) return true;
  if (!path) return false;
  return rule.categoryPath.every((segment, i) => path[i]?.toLowerCase() === segment.toLowerCase());
}

export interface PurchaseLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPriceCents: number;
  /** The product's category path when known; null matches only rules without a category. */
  categoryPath?: string[] | null;
}

export interface PurchaseInput extends Situation {
  lines: PurchaseLine[];
  /** Order-level discount, spread over the lines in proportion to their value. */
  discountCents: number;
  /**
   * What one minor unit of the order's currency counts for in the rules, which speak of cents
   * (`earnWeight`: the currency's earn rate); default 1.
   */
  minorUnitWeight?: number;
}

export interface PurchasePoints {
  total: number;
  /** Every point of the order is attributed to a line, so a return can reverse it pro rata. */
  lines: { lineId: string; sku: string; quantity: number; points: number }[];
  ruleIds: string[];
}

/** Splits `total` over `weights` (largest remainder): the parts are whole and add up to it. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

/** Each part floored, then the points `total` has left over go to the largest fractions. */
function roundParts(exact: number[], total: number): number[] {
  const parts = exact.map((e) => Math.floor(e + 1e-9));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - parts[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

/**
 * Points for one purchase: per line, the best matching rate times every matching multiplier on
 * what was paid for the line (after its share of the discount), plus fixed bonuses of rules
 * that match at least one line. Only whole points are awarded: the order's total is floored,
 * then attributed to lines by largest remainder. Pure: same input, same points.
 */
export function evaluatePurchase(input: PurchaseInput, rules: readonly EarnRuleData[]): PurchasePoints {
  const usable = rules.filter((r) => r.trigger === EarnTrigger.PURCHASE && applies(r, input));
  const gross = input.lines.map((l) => Math.max(0, l.quantity * l.unitPriceCents));
  const discounts = apportion(
    Math.max(
      0,
      Math.min(
        input.discountCents,
        gross.reduce((a, b) => a + b, 0),
      ),
    ),
    gross,
  );
  const used = new Set<string>();
  const exact = input.lines.map((line, i) => {
    const paid = gross[i]! - discounts[i]!;
    const matching = usable.filter((r) => inCategory(r, line.categoryPath));
    let rate = 0;
    let rateRule: EarnRuleData | null = null;
    for (const r of matching) {
      if (r.pointsPerCurrencyUnit != null && r.pointsPerCurrencyUnit > rate) {
        rate = r.pointsPerCurrencyUnit;
        rateRule = r;
      }
    }
    if (!rateRule) return 0;
    used.add(rateRule.id);
    let multiplier = 1;
    for (const r of matching) {
      if (r.multiplier != null && r.multiplier > 0) {
        multiplier *= r.multiplier;
        used.add(r.id);
      }
    }
    return (paid / 100) * rate * multiplier * (input.minorUnitWeight ?? 1);
  });
  // Rounding guard: 99 * 1.1 must give 108, not 108.89999 floored to 108 by accident of binary.
  const spend = Math.floor(exact.reduce((a, b) => a + b, 0) + 1e-9);
  const earnedLines = roundParts(exact, spend);
  let fixed = 0;
  const fixedWeights = input.lines.map(() => 0);
  for (const r of usable) {
    if (!r.fixedPoints || r.fixedPoints <= 0) continue;
    const hits = input.lines.map((l) => inCategory(r, l.categoryPath));
    if (!hits.some(Boolean)) continue;
    fixed += r.fixedPoints;
    used.add(r.id);
    hits.forEach((hit, i) => {
      if (hit) fixedWeights[i]! += r.fixedPoints! * Math.max(1, gross[i]!);
    });
  }
  const fixedLines = apportion(fixed, fixedWeights);
  const lines = input.lines.map((l, i) => ({
    lineId: l.lineId,
    sku: l.sku,
    quantity: l.quantity,
    points: earnedLines[i]! + fixedLines[i]!,
  }));
  return { total: spend + fixed, lines, ruleIds: [...used] };
}

/** Start of the cap window containing `at` (UTC; weeks start on Monday). */
export function periodStart(period: CapPeriod, at: Date): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  switch (period) {
    case CapPeriod.DAY:
      return new Date(Date.UTC(y, m, d));
    case CapPeriod.WEEK:
      return new Date(Date.UTC(y, m, d - ((at.getUTCDay() + 6) % 7)));
    case CapPeriod.MONTH:
      return new Date(Date.UTC(y, m, 1));
    case CapPeriod.YEAR:
      return new Date(Date.UTC(y, 0, 1));
  }
}

export type EngagementOutcome =
  | { kind: 'award'; rule: EarnRuleData; points: number }
  | { kind: 'no-rule' }
  | { kind: 'capped'; rule: EarnRuleData; limit: number; period: CapPeriod };

/**
 * Which rule rewards an engagement, and whether its cap is reached. `rewardedSince(start)` is
 * how many rewards of this kind the member already had since `start`. Among matching rules the
 * one with the most points wins; tier multipliers apply to engagement too.
 */
export function evaluateEngagement(
  kind: EngagementKind,
  situation: Situation,
  rules: readonly EarnRuleData[],
  rewardedSince: (start: Date) => number,
): EngagementOutcome {
  const candidates = rules
    .filter(
      (r) =>
        r.trigger === EarnTrigger.ENGAGEMENT && r.engagementKind === kind && applies(r, situation) && (r.fixedPoints ?? 0) > 0,
    )
    .sort((a, b) => (b.fixedPoints ?? 0) - (a.fixedPoints ?? 0));
  const rule = candidates[0];
  if (!rule) return { kind: 'no-rule' };
  if (rule.maxPerPeriod != null) {
    const period = rule.capPeriod ?? CapPeriod.DAY;
    if (rewardedSince(periodStart(period, situation.at)) >= rule.maxPerPeriod) {
      return { kind: 'capped', rule, limit: rule.maxPerPeriod, period };
    }
  }
  return { kind: 'award', rule, points: rule.fixedPoints! };
}

/** What is wrong with a rule, as [field, message] pairs; empty when it can be stored. */
export function ruleProblems(rule: Omit<EarnRuleData, 'id'>): [string, string][] {
  const problems: [string, string][] = [];
  if (!rule.name.trim()) problems.push(['name', 'a rule needs a name']);
  if (rule.trigger === EarnTrigger.ENGAGEMENT) {
    if (!rule.engagementKind) problems.push(['engagementKind', 'an engagement rule names the engagement it rewards']);
    if (!rule.fixedPoints || rule.fixedPoints <= 0)
      problems.push(['fixedPoints', 'an engagement rule awards fixed points above zero']);
    if (rule.pointsPerCurrencyUnit != null || rule.multiplier != null) {
      problems.push(['pointsPerCurrencyUnit', 'an engagement rule has no rate or multiplier']);
    }
    if (rule.maxPerPeriod != null && (!Number.isSafeInteger(rule.maxPerPeriod) || rule.maxPerPeriod < 1)) {
      problems.push(['maxPerPeriod', 'a cap is a whole number above zero']);
    }
  } else {
    if (rule.engagementKind) problems.push(['engagementKind', 'a purchase rule has no engagement kind']);
    if (rule.pointsPerCurrencyUnit == null && rule.fixedPoints == null && rule.multiplier == null) {
      problems.push(['pointsPerCurrencyUnit', 'a purchase rule sets a rate, fixed points or a multiplier']);
    }
  }
  if (rule.pointsPerCurrencyUnit != null && !(rule.pointsPerCurrencyUnit >= 0 && rule.pointsPerCurrencyUnit <= 1000)) {
    problems.push(['pointsPerCurrencyUnit', 'the rate is between 0 and 1000']);
  }
  if (
    rule.fixedPoints != null &&
    (!Number.isSafeInteger(rule.fixedPoints) || rule.fixedPoints < 0 || rule.fixedPoints > 1_000_000)
  ) {
    problems.push(['fixedPoints', 'fixed points are a whole number between 0 and 1,000,000']);
  }
  if (rule.multiplier != null && !(rule.multiplier > 0 && rule.multiplier <= 100)) {
    problems.push(['multiplier', 'a multiplier is above 0 and at most 100']);
  }
  if (rule.startsAt && rule.endsAt && rule.endsAt <= rule.startsAt) problems.push(['endsAt', 'the window ends after it starts']);
  return problems;
}
