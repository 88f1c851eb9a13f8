import {
  LoyaltyTier,
  TIER_THRESHOLDS,
  basePurchasePoints,
  isValidCardNumber,
  luhnCheckDigit,
  newCardNumber,
  tierFor,
} from '../src/domain/program';

describe('tiers', () => {
  it.each([
    [0, LoyaltyTier.BRONZE],
    [999, LoyaltyTier.BRONZE],
    [1_000, LoyaltyTier.SILVER],
    [3_999, LoyaltyTier.SILVER],
    [4_000, LoyaltyTier.GOLD],
    [9_999, LoyaltyTier.GOLD],
    [10_000, LoyaltyTier.PLATINUM],
    [1_000_000, LoyaltyTier.PLATINUM],
  ])('%i points in the last 12 months is %s', (points, tier) => {
    expect(tierFor(points)).toBe(tier);
  });

  it('never lowers the tier when points go up', () => {
    const rank = (t: LoyaltyTier) => [LoyaltyTier.BRONZE, LoyaltyTier.SILVER, LoyaltyTier.GOLD, LoyaltyTier.PLATINUM].indexOf(t);
    let previous = rank(tierFor(0));
    for (let points = 0; points <= 12_000; points += 250) {
      const current = rank(tierFor(points));
      expect(current).toBeGreaterThanOrEqual(previous);
      previous = current;
    }
  });

  it('lists every tier once, highest threshold first, with BRONZE open to everyone', () => {
    expect(TIER_THRESHOLDS.map(([t]) => t).sort()).toEqual(Object.values(LoyaltyTier).sort());
    const thresholds = TIER_THRESHOLDS.map(([, n]) => n);
    expect([...thresholds].sort((a, b) => b - a)).toEqual(thresholds);
    expect(TIER_THRESHOLDS[TIER_THRESHOLDS.length - 1]).toEqual([LoyaltyTier.BRONZE, 0]);
  });
});

describe('basePurchasePoints', () => {
  it.each([
    [0, 0],
    [99, 0],
    [100, 1],
    [199, 1],
    [1_999, 19],
    [4_950, 49],
    [1_000_000, 10_000],
  ])('%i cents earns %i points (one per whole unit, never rounded up)', (cents, points) => {
    expect(basePurchasePoints(cents)).toBe(points);
  });

  it('earns nothing for a negative amount (a refund)', () => {
    expect(basePurchasePoints(-500)).toBe(0);
  });
});

describe('Luhn card numbers', () => {
  it('computes the check digit of a known payload', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('411111111111111')).toBe(1);
  });

  it.each([
    '4111111111111111',
    '378282246310005',
    '6011111111111117',
    '5555555555554444',
    '7000000000000005',
    '7123456789012342',
  ])('accepts the valid number %s', (card) => {
    expect(isValidCardNumber(card)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '4111111111111112'],
    ['a mistyped digit', '4111111121111111'],
    ['two swapped digits', '7213456789012342'],
    ['too few digits', '79927398713'],
    ['too many digits', '41111111111111111111'],
    ['spaces', '4111 1111 1111 1111'],
    ['letters', '411111111111111A'],
    ['nothing', ''],
  ])('rejects %s', (_why, card) => {
    expect(isValidCardNumber(card)).toBe(false);
  });

  it('catches every single-digit typo of a valid number', () => {
    const valid = '7123456789012342';
    expect(isValidCardNumber(valid)).toBe(true);
    for (let i = 0; i < valid.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const typo = valid.slice(0, i) + d + valid.slice(i + 1);
        expect(isValidCardNumber(typo)).toBe(false);
      }
    }
  });
});

describe('newCardNumber', () => {
  it('is 16 digits, starts with the program prefix 7 and passes Luhn', () => {
    for (let i = 0; i < 200; i++) {
      const card = newCardNumber();
      expect(card).toMatch(/^7\d{15}$/);
      expect(isValidCardNumber(card)).toBe(true);
    }
  });

  it('uses the random source for its 14 body digits', () => {
    const calls: number[] = [];
    const card = newCardNumber((max) => {
      calls.push(max);
      return 0;
    });
    expect(calls).toEqual(Array(14).fill(10));
    expect(card).toBe('7000000000000005');
    let n = 0;
    expect(newCardNumber(() => n++ % 10)).toBe('7012345678901232');
  });

  it('gives different numbers to different members', () => {
    const cards = Array.from({ length: 2000 }, () => newCardNumber());
    expect(new Set(cards).size).toBe(cards.length);
  });

  it('fits the 19-character card column', () => {
    expect(newCardNumber().length).toBeLessThanOrEqual(19);
  });
});
