import { LoyaltyTier } from '../src/domain/program';
import {
  apportion,
  CapPeriod,
  DEFAULT_EARN_RULES,
  EarnTrigger,
  effectiveRules,
  EngagementKind,
  evaluateEngagement,
  evaluatePurchase,
  periodStart,
  ruleProblems,
  type EarnRuleData,
  type PurchaseInput,
} from '../src/domain/rules';
import {
  formatGiftCardCode,
  isDormant,
  newGiftCardCode,
  normalizeGiftCardCode,
  reversalPoints,
} from '../src/domain/stored-value';

const at = new Date('2026-06-15T12:00:00Z');
const purchase = (over: Partial<PurchaseInput> = {}): PurchaseInput => ({
  channel: 'WEB',
  tier: LoyaltyTier.BRONZE,
  at,
  discountCents: 0,
  lines: [
    { lineId: 'l1', sku: 'SHIRT', quantity: 2, unitPriceCents: 4950, categoryPath: ['Apparel', 'Shirts'] },
    { lineId: 'l2', sku: 'MUG', quantity: 1, unitPriceCents: 1250, categoryPath: ['Home', 'Kitchen'] },
  ],
  ...over,
});
const rule = (r: Partial<EarnRuleData>): EarnRuleData => ({
  id: r.name ?? 'r',
  name: 'r',
  trigger: EarnTrigger.PURCHASE,
  active: true,
  ...r,
});
const base = rule({ id: 'base', pointsPerCurrencyUnit: 1 });

describe('evaluatePurchase', () => {
  it('earns one point per whole currency unit paid with the defaults, attributed to lines', () => {
    const result = evaluatePurchase(purchase(), effectiveRules([]));
    expect(result.total).toBe(111); // 99.00 + 12.50 = 111.50
    expect(result.lines.map((l) => l.points)).toEqual([99, 12]);
    expect(result.lines.reduce((a, l) => a + l.points, 0)).toBe(result.total);
  });

  it('earns on what was paid after the order discount', () => {
    expect(evaluatePurchase(purchase({ discountCents: 1150 }), [base]).total).toBe(100);
    expect(evaluatePurchase(purchase({ discountCents: 1_000_000 }), [base]).total).toBe(0);
  });

  it('multiplies a category, and only that category', () => {
    const double = rule({ id: 'apparel', multiplier: 2, categoryPath: ['apparel'] });
    const result = evaluatePurchase(purchase(), [base, double]);
    expect(result.lines.map((l) => l.points)).toEqual([198, 12]);
    expect(result.ruleIds.sort()).toEqual(['apparel', 'base']);
    // A deeper path does not match a shallower product category, nor an unknown one.
    const deeper = rule({ id: 'linen', multiplier: 3, categoryPath: ['Apparel', 'Shirts', 'Linen'] });
    expect(evaluatePurchase(purchase(), [base, deeper]).total).toBe(111);
    const unknown = purchase({ lines: [{ lineId: 'l', sku: 'X', quantity: 1, unitPriceCents: 1000, categoryPath: null }] });
    expect(evaluatePurchase(unknown, [base, double]).total).toBe(10);
  });

  it('applies channel, tier and date-window multipliers only where they hold', () => {
    const app = rule({ id: 'app', multiplier: 2, channels: ['MOBILE_APP'] });
    const gold = rule({ id: 'gold', multiplier: 1.5, minTier: LoyaltyTier.GOLD });
    const weekend = rule({
      id: 'weekend',
      multiplier: 3,
      startsAt: new Date('2026-06-13T00:00:00Z'),
      endsAt: new Date('2026-06-15T00:00:00Z'),
    });
    const rules = [base, app, gold, weekend];
    expect(evaluatePurchase(purchase(), rules).total).toBe(111);
    expect(evaluatePurchase(purchase({ channel: 'MOBILE_APP' }), rules).total).toBe(223);
    expect(evaluatePurchase(purchase({ tier: LoyaltyTier.GOLD }), rules).total).toBe(167);
    expect(evaluatePurchase(purchase({ tier: LoyaltyTier.PLATINUM, channel: 'MOBILE_APP' }), rules).total).toBe(334);
    expect(evaluatePurchase(purchase({ at: new Date('2026-06-14T10:00:00Z') }), rules).total).toBe(334);
    // The window's end is exclusive.
    expect(evaluatePurchase(purchase({ at: new Date('2026-06-15T00:00:00Z') }), rules).total).toBe(111);
  });

  it('takes the best rate (not the sum) and adds fixed bonuses once per order', () => {
    const rich = rule({ id: 'rich', pointsPerCurrencyUnit: 2, categoryPath: ['Home'] });
    const bonus = rule({ id: 'bonus', fixedPoints: 50, categoryPath: ['Home'] });
    const result = evaluatePurchase(purchase(), [base, rich, bonus]);
    expect(result.lines.map((l) => l.points)).toEqual([99, 25 + 50]);
    expect(result.total).toBe(174);
    expect(evaluatePurchase(purchase({ lines: purchase().lines.slice(0, 1) }), [base, rich, bonus]).total).toBe(99);
  });

  it('ignores inactive rules and engagement rules, and earns nothing without a rate', () => {
    expect(evaluatePurchase(purchase(), [{ ...base, active: false }]).total).toBe(0);
    expect(evaluatePurchase(purchase(), [rule({ multiplier: 5 })]).total).toBe(0);
    expect(
      evaluatePurchase(purchase(), [
        rule({ trigger: EarnTrigger.ENGAGEMENT, engagementKind: EngagementKind.SURVEY, fixedPoints: 5 }),
      ]).total,
    ).toBe(0);
  });

  it("keeps each line its own whole points and gives the order's leftover point to the largest fraction", () => {
    const lines = [
      { lineId: 'a', sku: 'A', quantity: 2, unitPriceCents: 5000 },
      { lineId: 'b', sku: 'B', quantity: 1, unitPriceCents: 999 },
    ];
    expect(evaluatePurchase(purchase({ lines }), [base]).lines.map((l) => l.points)).toEqual([100, 9]);
    const halves = [
      { lineId: 'a', sku: 'A', quantity: 1, unitPriceCents: 150 },
      { lineId: 'b', sku: 'B', quantity: 1, unitPriceCents: 160 },
    ];
    expect(evaluatePurchase(purchase({ lines: halves }), [base]).lines.map((l) => l.points)).toEqual([1, 2]);
  });

  it('does not lose a point to floating point', () => {
    const r = evaluatePurchase(purchase({ lines: [{ lineId: 'l', sku: 'X', quantity: 1, unitPriceCents: 9900 }] }), [
      rule({ pointsPerCurrencyUnit: 1.1 }),
    ]);
    expect(r.total).toBe(108);
    expect(
      evaluatePurchase(purchase({ lines: [{ lineId: 'l', sku: 'X', quantity: 3, unitPriceCents: 10 }] }), [base]).total,
    ).toBe(0);
  });

  it('is pure: the same input gives the same points', () => {
    const rules = [base, rule({ id: 'm', multiplier: 1.25 })];
    expect(evaluatePurchase(purchase(), rules)).toEqual(evaluatePurchase(purchase(), rules));
  });
});

describe('effectiveRules', () => {
  it('keeps the defaults unless a stored rule replaces one by id; a stored inactive rule switches it off', () => {
    const off = rule({
      id: 'default-social_share',
      trigger: EarnTrigger.ENGAGEMENT,
      engagementKind: EngagementKind.SOCIAL_SHARE,
      fixedPoints: 3,
      active: false,
    });
    const rules = effectiveRules([off, base]);
    expect(rules.filter((r) => r.engagementKind === EngagementKind.SOCIAL_SHARE)).toEqual([off]);
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['base', 'default-purchase', 'default-gold']));
    expect(
      evaluateEngagement(EngagementKind.SOCIAL_SHARE, { channel: 'WEB', tier: LoyaltyTier.BRONZE, at }, rules, () => 0),
    ).toEqual({ kind: 'no-rule' });
    expect(evaluatePurchase(purchase(), effectiveRules([{ ...DEFAULT_EARN_RULES[0]!, pointsPerCurrencyUnit: 2 }])).total).toBe(
      223,
    );
  });

  it('gives GOLD members a multiplier by default', () => {
    expect(evaluatePurchase(purchase({ tier: LoyaltyTier.GOLD }), DEFAULT_EARN_RULES).total).toBe(167);
  });
});

describe('evaluateEngagement', () => {
  const share = rule({
    id: 'share',
    trigger: EarnTrigger.ENGAGEMENT,
    engagementKind: EngagementKind.SOCIAL_SHARE,
    fixedPoints: 10,
    maxPerPeriod: 1,
    capPeriod: CapPeriod.DAY,
  });
  const situation = { channel: 'MOBILE_APP', tier: LoyaltyTier.BRONZE, at };

  it('awards the rule once per period, then reports the cap', () => {
    expect(evaluateEngagement(EngagementKind.SOCIAL_SHARE, situation, [share], () => 0)).toMatchObject({
      kind: 'award',
      points: 10,
    });
    const seen: Date[] = [];
    const capped = evaluateEngagement(EngagementKind.SOCIAL_SHARE, situation, [share], (start) => {
      seen.push(start);
      return 1;
    });
    expect(capped).toMatchObject({ kind: 'capped', limit: 1, period: CapPeriod.DAY });
    expect(seen).toEqual([new Date('2026-06-15T00:00:00Z')]);
  });

  it('has no reward without a matching active rule', () => {
    expect(evaluateEngagement(EngagementKind.SURVEY, situation, [share], () => 0)).toEqual({ kind: 'no-rule' });
    expect(evaluateEngagement(EngagementKind.SOCIAL_SHARE, situation, [{ ...share, active: false }], () => 0)).toEqual({
      kind: 'no-rule',
    });
    expect(evaluateEngagement(EngagementKind.SOCIAL_SHARE, situation, [{ ...share, channels: ['WEB'] }], () => 0)).toEqual({
      kind: 'no-rule',
    });
  });
});

describe('periodStart', () => {
  it.each([
    [CapPeriod.DAY, '2026-06-15T00:00:00.000Z'],
    [CapPeriod.WEEK, '2026-06-15T00:00:00.000Z'], // a Monday
    [CapPeriod.MONTH, '2026-06-01T00:00:00.000Z'],
    [CapPeriod.YEAR, '2026-01-01T00:00:00.000Z'],
  ])('%s', (period, start) => {
    expect(periodStart(period, at).toISOString()).toBe(start);
  });

  it('starts weeks on Monday even from a Sunday', () => {
    expect(periodStart(CapPeriod.WEEK, new Date('2026-06-14T23:59:00Z')).toISOString()).toBe('2026-06-08T00:00:00.000Z');
  });
});

describe('ruleProblems', () => {
  it('accepts sound rules and names the field of an unsound one', () => {
    expect(ruleProblems(base)).toEqual([]);
    expect(ruleProblems({ ...base, pointsPerCurrencyUnit: null })[0]![0]).toBe('pointsPerCurrencyUnit');
    expect(ruleProblems({ ...base, multiplier: 0 })[0]![0]).toBe('multiplier');
    expect(ruleProblems({ ...base, name: ' ' })[0]![0]).toBe('name');
    expect(ruleProblems({ ...base, startsAt: at, endsAt: at })[0]![0]).toBe('endsAt');
    expect(ruleProblems(rule({ trigger: EarnTrigger.ENGAGEMENT, fixedPoints: 5 }))[0]![0]).toBe('engagementKind');
    expect(
      ruleProblems(
        rule({ trigger: EarnTrigger.ENGAGEMENT, engagementKind: EngagementKind.SURVEY, fixedPoints: 5, maxPerPeriod: 0 }),
      )[0]![0],
    ).toBe('maxPerPeriod');
  });
});

describe('apportion', () => {
  it('splits into whole parts that add up, largest remainders first', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [9900, 1250])).toEqual([89, 11]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('returns and expiry', () => {
  it('reverses pro rata per unit, never more than the line earned in total', () => {
    expect(reversalPoints(99, 2, 0, 1)).toBe(49);
    expect(reversalPoints(99, 2, 1, 1)).toBe(50);
    expect(reversalPoints(99, 2, 2, 1)).toBe(0);
    expect(reversalPoints(99, 2, 0, 5)).toBe(99);
  });

  it('is dormant after the configured days without activity', () => {
    expect(isDormant(new Date('2025-06-15T12:00:00Z'), at, 365)).toBe(true);
    expect(isDormant(new Date('2025-06-16T12:00:00Z'), at, 365)).toBe(false);
  });
});

describe('gift card codes', () => {
  it('are 16 unambiguous symbols from the CSPRNG, different every time', () => {
    const codes = Array.from({ length: 2000 }, () => newGiftCardCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes.slice(0, 100)) expect(c).toMatch(/^[2-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('are typed with or without dashes and in any case', () => {
    const code = newGiftCardCode();
    expect(normalizeGiftCardCode(formatGiftCardCode(code).toLowerCase())).toBe(code);
    expect(formatGiftCardCode('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
  });
});
