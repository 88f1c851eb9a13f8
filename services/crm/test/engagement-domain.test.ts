import { DomainError } from '@omni/platform';
import { rfmWindowDays } from '../src/commands/engagement';
import {
  birthdayProblem,
  describeOffer,
  isBirthdayToday,
  isInactive,
  isTimeZone,
  LifecycleKind,
  occasionKey,
  possibleBirthdays,
  renderTemplate,
  unknownPlaceholders,
} from '../src/domain/lifecycle';
import { NO_OLDER_ORDERS, rfmScore, spendWithin, type OrderFact } from '../src/domain/rfm';
import { isMember, validateRule, type CustomerFacts, type SegmentRule } from '../src/domain/segments';

const NOW = new Date('2026-06-15T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const order = (days: number, netCents: number, extra: Partial<OrderFact> = {}): OrderFact => ({
  placedAt: daysAgo(days),
  netCents,
  currency: 'USD',
  channel: 'WEB',
  categories: [],
  ...extra,
});

describe('rfmScore', () => {
  it.each<[string, OrderFact[], [number, number, number] | null]>([
    ['no orders: no score', [], null],
    ['every order cancelled or returned: no score', [order(3, 0)], null],
    ['one small order yesterday', [order(1, 1_000)], [5, 1, 1]],
    ['one order 31 days ago', [order(31, 1_000)], [4, 1, 1]],
    ['one order 100 days ago', [order(100, 1_000)], [3, 1, 1]],
    ['one order 200 days ago', [order(200, 1_000)], [2, 1, 1]],
    ['one order 400 days ago (outside the window)', [order(400, 900_000)], [1, 1, 1]],
    ['two orders: frequency 2', [order(5, 2_500), order(50, 2_500)], [5, 2, 2]],
    ['three orders worth 200.00', [order(5, 10_000), order(10, 5_000), order(20, 5_000)], [5, 3, 3]],
    ['five orders worth 500.00', [1, 2, 3, 4, 5].map((d) => order(d, 10_000)), [5, 4, 4]],
    ['ten orders worth 1,000.00', Array.from({ length: 10 }, (_, i) => order(i + 1, 10_000)), [5, 5, 5]],
    ['a refunded order does not count', [order(5, 10_000), order(6, 0)], [5, 1, 2]],
  ])('%s', (_, orders, expected) => {
    const score = rfmScore(orders, NOW);
    if (!expected) return expect(score).toBeNull();
    expect([score!.recency, score!.frequency, score!.monetary]).toEqual(expected);
    expect(score!.value).toBe(expected[0] + expected[1] + expected[2]);
  });

  it('counts money in the currency most orders were paid in', () => {
    const score = rfmScore([order(1, 50_000, { currency: 'EUR' }), order(2, 1_000), order(3, 1_000)], NOW)!;
    expect(score).toMatchObject({ currency: 'USD', spendCents: 2_000, orders: 3, monetary: 1 });
  });

  it('a window of 30 days leaves older orders out of frequency and money', () => {
    expect(rfmScore([order(1, 10_000), order(40, 90_000)], NOW, 30)).toMatchObject({ orders: 1, spendCents: 10_000 });
  });

  it('spendWithin sums one currency within the window', () => {
    const orders = [order(10, 15_000), order(80, 10_000), order(100, 50_000), order(5, 7_000, { currency: 'EUR' })];
    expect(spendWithin(orders, 'USD', 90, NOW)).toBe(25_000);
    expect(spendWithin(orders, 'EUR', 90, NOW)).toBe(7_000);
  });
});

describe('segment rules', () => {
  const facts = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({
    tier: null,
    orders: [],
    older: NO_OLDER_ORDERS,
    lastActivityAt: daysAgo(1),
    channels: ['WEB'],
    score: null,
    ...over,
  });
  const over200 = { minSpend: { cents: 20_000, currency: 'USD' }, spendWithinDays: 90 };

  it.each<[string, SegmentRule, CustomerFacts, boolean]>([
    ['spent 250.00 in 90 days', over200, facts({ orders: [order(3, 25_000)] }), true],
    ['spent exactly 200.00', over200, facts({ orders: [order(3, 20_000)] }), true],
    ['spent 199.99', over200, facts({ orders: [order(3, 19_999)] }), false],
    ['the order was returned', over200, facts({ orders: [order(3, 0)] }), false],
    ['spent it 100 days ago', over200, facts({ orders: [order(100, 25_000)] }), false],
    ['spent it in another currency', over200, facts({ orders: [order(3, 25_000, { currency: 'EUR' })] }), false],
    ['gold member, rule silver', { minTier: 'SILVER' }, facts({ tier: 'GOLD' }), true],
    ['bronze member, rule silver', { minTier: 'SILVER' }, facts({ tier: 'BRONZE' }), false],
    ['no member, rule bronze', { minTier: 'BRONZE' }, facts(), false],
    ['bought 10 days ago, within 30', { purchasedWithinDays: 30 }, facts({ orders: [order(10, 100)] }), true],
    ['bought 40 days ago, within 30', { purchasedWithinDays: 30 }, facts({ orders: [order(40, 100)] }), false],
    ['inactive 100 days, rule 90', { inactiveForDays: 90 }, facts({ lastActivityAt: daysAgo(100) }), true],
    ['active yesterday, rule 90', { inactiveForDays: 90 }, facts(), false],
    [
      'bought shoes, rule apparel',
      { categoryPath: ['Apparel'] },
      facts({ orders: [order(5, 100, { categories: ['apparel/shoes'] })] }),
      true,
    ],
    [
      'bought Apparel/Shoes, rule apparel/shoes (any case)',
      { categoryPath: ['APPAREL', 'Shoes'] },
      facts({ orders: [order(5, 100, { categories: ['apparel/shoes'] })] }),
      true,
    ],
    [
      'bought apparel-care, rule apparel (no partial word)',
      { categoryPath: ['Apparel'] },
      facts({ orders: [order(5, 100, { categories: ['apparel-care'] })] }),
      false,
    ],
    ['used web and store, rule both', { channels: ['WEB', 'STORE'] }, facts({ channels: ['WEB', 'STORE'] }), true],
    ['used web only, rule both', { channels: ['WEB', 'STORE'] }, facts(), false],
    [
      'an order at the store counts as using it',
      { channels: ['STORE'] },
      facts({ orders: [order(5, 100, { channel: 'STORE' })] }),
      true,
    ],
    ['score 12, rule 12', { minScore: 12 }, facts({ score: 12 }), true],
    ['score 11, rule 12', { minScore: 12 }, facts({ score: 11 }), false],
    ['no score, rule 3', { minScore: 3 }, facts(), false],
    ['every condition must hold', { ...over200, minTier: 'GOLD' }, facts({ orders: [order(3, 25_000)], tier: 'SILVER' }), false],
  ])('%s', (_, rule, customer, member) => {
    expect(
      isMember(
        validateRule(rule, (c) => /^[A-Z]{3}$/.test(c)),
        customer,
        NOW,
      ),
    ).toBe(member);
  });

  it('older orders summed up count as they do one by one', () => {
    const old = [
      order(800, 10_000, { channel: 'STORE', categories: ['garden/tools'] }),
      order(900, 0, { channel: 'APP', categories: ['toys'] }),
    ];
    const recent = [order(20, 5_000)];
    const older = { lastOrderAt: daysAgo(800), channels: ['STORE'], categories: ['garden/tools'] };
    expect(rfmScore(recent, NOW, 365, older)).toEqual(rfmScore([...recent, ...old], NOW, 365));
    expect(rfmScore([], NOW, 365, older)).toEqual(rfmScore(old, NOW, 365));
    const rules: SegmentRule[] = [
      { categoryPath: ['Garden'] },
      { categoryPath: ['Toys'] },
      { channels: ['WEB', 'STORE'] },
      { channels: ['APP'] },
      { purchasedWithinDays: 1_000 },
      { purchasedWithinDays: 700 },
      { minSpend: { cents: 0, currency: 'USD' } },
    ];
    for (const orders of [[], recent]) {
      for (const rule of rules) {
        const all = isMember(rule, facts({ orders: [...orders, ...old] }), NOW);
        expect([rule, isMember(rule, facts({ orders, older }), NOW)]).toEqual([rule, all]);
      }
    }
  });

  it.each<[string, SegmentRule, string]>([
    ['no condition', {}, 'minTier'],
    ['unknown tier', { minTier: 'DIAMOND' }, 'minTier'],
    ['negative spend', { minSpend: { cents: -1, currency: 'USD' } }, 'minSpend'],
    ['bad currency', { minSpend: { cents: 1, currency: 'usd' } }, 'minSpend'],
    ['zero days', { purchasedWithinDays: 0 }, 'purchasedWithinDays'],
    ['too many days', { inactiveForDays: 4000 }, 'inactiveForDays'],
    ['window without amount', { spendWithinDays: 30 }, 'spendWithinDays'],
    ['empty category', { categoryPath: ['Apparel', ' '] }, 'categoryPath'],
    ['null byte in category', { categoryPath: ['App\u0000arel'] }, 'categoryPath'],
    ['score out of range', { minScore: 16 }, 'minScore'],
    ['bought within 90 and inactive for 30', { purchasedWithinDays: 90, inactiveForDays: 30 }, 'inactiveForDays'],
  ])('refuses %s', (_, rule, field) => {
    try {
      validateRule(rule, (c) => /^[A-Z]{3}$/.test(c));
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('INVALID_RULE');
      expect((error as DomainError).field).toEqual(['input', 'rule', field]);
    }
  });
});

describe('lifecycle', () => {
  it.each<[string, { month: number; day: number }, string, string, boolean]>([
    ['her birthday at noon UTC', { month: 6, day: 15 }, 'UTC', '2026-06-15T12:00:00Z', true],
    ['the day before', { month: 6, day: 16 }, 'UTC', '2026-06-15T12:00:00Z', false],
    ['already the 16th in Tokyo', { month: 6, day: 16 }, 'Asia/Tokyo', '2026-06-15T16:00:00Z', true],
    ['still the 14th in Los Angeles', { month: 6, day: 14 }, 'America/Los_Angeles', '2026-06-15T05:00:00Z', true],
    ['not yet the 15th in Los Angeles', { month: 6, day: 15 }, 'America/Los_Angeles', '2026-06-15T05:00:00Z', false],
    ['29 February in a leap year', { month: 2, day: 29 }, 'UTC', '2028-02-29T10:00:00Z', true],
    ['29 February on the 28th of a leap year', { month: 2, day: 29 }, 'UTC', '2028-02-28T10:00:00Z', false],
    ['29 February greeted on the 28th otherwise', { month: 2, day: 29 }, 'UTC', '2027-02-28T10:00:00Z', true],
    ['Kiribati is a day ahead', { month: 1, day: 1 }, 'Pacific/Kiritimati', '2026-12-31T11:00:00Z', true],
  ])('isBirthdayToday: %s', (_, birthday, zone, at, expected) => {
    expect(isBirthdayToday(birthday, zone, new Date(at))).toBe(expected);
  });

  it('possibleBirthdays covers every time zone, and 29 February in a year without it', () => {
    expect(possibleBirthdays(new Date('2026-06-15T12:00:00Z'))).toEqual([
      { month: 6, day: 14 },
      { month: 6, day: 15 },
      { month: 6, day: 16 },
    ]);
    expect(possibleBirthdays(new Date('2027-03-01T00:30:00Z'))).toContainEqual({ month: 2, day: 29 });
    expect(possibleBirthdays(new Date('2028-03-01T00:30:00Z'))).not.toContainEqual({ month: 2, day: 28 });
  });

  it.each<[string, { month: number; day: number; year: number | null }, string | null]>([
    ['a full date', { month: 5, day: 31, year: 1990 }, null],
    ['month and day only', { month: 2, day: 29, year: null }, null],
    ['29 February of a year without one', { month: 2, day: 29, year: 1990 }, 'that month has no such day'],
    ['31 April', { month: 4, day: 31, year: null }, 'that month has no such day'],
    ['month 13', { month: 13, day: 1, year: null }, 'month is 1 to 12'],
    ['day 0', { month: 1, day: 0, year: null }, 'that month has no such day'],
    ['year 1800', { month: 1, day: 1, year: 1800 }, 'year is from 1900 to 2026'],
    ['a future date', { month: 12, day: 1, year: 2026 }, 'a birthday is not in the future'],
  ])('birthdayProblem: %s', (_, birthday, problem) => {
    expect(birthdayProblem(birthday, NOW)).toBe(problem);
  });

  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('isTimeZone(%j) is %s', (zone, ok) => {
    expect(isTimeZone(zone as string)).toBe(ok);
  });

  it.each<[number, number, boolean]>([
    [89, 90, false],
    [90, 90, true],
    [200, 90, true],
  ])('inactive %i days with a threshold of %i: %s', (days, threshold, expected) => {
    expect(isInactive(daysAgo(days), threshold, NOW)).toBe(expected);
  });

  it('occasions: one welcome, one birthday a year, one win-back per period of inactivity', () => {
    expect(occasionKey(LifecycleKind.WELCOME, {})).toBe('WELCOME');
    expect(occasionKey(LifecycleKind.BIRTHDAY, { localYear: 2026 })).toBe('BIRTHDAY:2026');
    expect(occasionKey(LifecycleKind.WIN_BACK, { lastActivityAt: daysAgo(100) })).toBe(`WIN_BACK:${daysAgo(100).toISOString()}`);
  });

  it('renders placeholders and leaves other braces alone', () => {
    const values = { firstName: 'Ada', offer: '15% off', offerEndsOn: '2026-06-22' };
    expect(renderTemplate('Happy birthday, {firstName}! {offer} until {offerEndsOn} {x}', values)).toBe(
      'Happy birthday, Ada! 15% off until 2026-06-22 {x}',
    );
    expect(unknownPlaceholders('Hi {firstname}, {offer}')).toEqual(['firstname']);
    expect(describeOffer({ kind: 'AMOUNT_OFF', value: 1050, currency: 'USD' })).toBe('USD 10.50 off');
  });
});

describe('RFM_WINDOW_DAYS', () => {
  it.each([
    [undefined, 365],
    ['', 365],
    ['90', 90],
    ['3650', 3650],
  ])('%j reads as %i days', (raw, days) => {
    expect(rfmWindowDays({ RFM_WINDOW_DAYS: raw })).toBe(days);
  });

  it.each(['0', '3651', '1.5', 'a year'])('%j stops the start with one line naming it', (raw) => {
    expect(() => rfmWindowDays({ RFM_WINDOW_DAYS: raw })).toThrow(/RFM_WINDOW_DAYS/);
  });
});
