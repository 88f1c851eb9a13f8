import { detailsProblem, expiresOn, isExpired } from '../src/domain/payment-methods';
import {
  fillOnAfterPurchase,
  firstFillOn,
  fillOrderKey,
  isDueOn,
  needsReminder,
  purchaseRhythm,
  readyToFill,
  type Purchase,
} from '../src/domain/shopping-list';
import { isSettled, topUpAmountProblem, TopUpStatus } from '../src/domain/wallet';

const days = (...list: string[]): Purchase[] => list.map((day) => ({ day, quantity: 1 }));

describe('purchaseRhythm', () => {
  const asOf = '2026-06-30';
  it.each([
    {
      who: 'a regular buyer every 14 days',
      purchases: days('2026-05-19', '2026-06-02', '2026-06-16'),
      expected: { intervalDays: 14, purchaseDays: 3, lastPurchasedOn: '2026-06-16', nextDueOn: '2026-06-30', regular: true },
    },
    {
      who: 'a regular buyer a day early or late',
      purchases: days('2026-06-01', '2026-06-08', '2026-06-14', '2026-06-22', '2026-06-29'),
      expected: { intervalDays: 7, purchaseDays: 5, lastPurchasedOn: '2026-06-29', nextDueOn: '2026-07-06', regular: true },
    },
    {
      who: 'an irregular buyer: the median gap, not regular',
      purchases: days('2026-03-01', '2026-03-04', '2026-04-20', '2026-04-29', '2026-06-28'),
      expected: { intervalDays: 28, purchaseDays: 5, lastPurchasedOn: '2026-06-28', nextDueOn: '2026-07-26', regular: false },
    },
    {
      who: 'two purchases: an interval, not yet a habit',
      purchases: days('2026-06-01', '2026-06-11'),
      expected: { intervalDays: 10, purchaseDays: 2, lastPurchasedOn: '2026-06-11', nextDueOn: '2026-06-21', regular: false },
    },
    {
      who: 'one late purchase does not move a regular median',
      purchases: days('2026-05-01', '2026-05-15', '2026-05-29', '2026-06-26'),
      expected: { intervalDays: 14, purchaseDays: 4, lastPurchasedOn: '2026-06-26', nextDueOn: '2026-07-10', regular: false },
    },
    {
      who: 'a lapsed buyer (nothing for three intervals): no due date',
      purchases: days('2026-01-01', '2026-01-08', '2026-01-15'),
      expected: { intervalDays: 7, purchaseDays: 3, lastPurchasedOn: '2026-01-15', nextDueOn: null, regular: true },
    },
  ])('$who', ({ purchases, expected }) => {
    expect(purchaseRhythm(purchases, asOf)).toMatchObject(expected);
  });

  it.each([
    { who: 'nothing bought', purchases: [] as Purchase[] },
    { who: 'a one-off purchase', purchases: days('2026-06-01') },
    { who: 'several orders on one day count once', purchases: days('2026-06-01', '2026-06-01', '2026-06-01') },
    { who: 'purchases after asOf are not known yet', purchases: days('2026-06-01', '2026-07-15') },
  ])('ignores $who', ({ purchases }) => {
    expect(purchaseRhythm(purchases, asOf)).toBeNull();
  });

  it('counts the units of the last purchase day (two orders that day add up)', () => {
    const rhythm = purchaseRhythm(
      [
        { day: '2026-06-01', quantity: 1 },
        { day: '2026-06-15', quantity: 2 },
        { day: '2026-06-15', quantity: 1 },
      ],
      asOf,
    );
    expect(rhythm).toMatchObject({ intervalDays: 14, lastQuantity: 3 });
  });

  it('never gives an interval under one day', () => {
    expect(purchaseRhythm(days('2026-06-28', '2026-06-29', '2026-06-30'), asOf)?.intervalDays).toBe(1);
  });
});

describe('auto-fill schedule', () => {
  it.each([
    { nextDueOn: '2026-07-04', interval: 14, today: '2026-06-30', expected: '2026-07-04' },
    { nextDueOn: '2026-06-20', interval: 14, today: '2026-06-30', expected: '2026-06-30' },
    { nextDueOn: null, interval: 10, today: '2026-06-30', expected: '2026-07-10' },
  ])('first fill of an item due $nextDueOn is $expected', ({ nextDueOn, interval, today, expected }) => {
    expect(firstFillOn(nextDueOn, interval, today)).toBe(expected);
  });

  it.each([
    { planned: '2026-07-10', bought: '2026-07-05', interval: 14, expected: '2026-07-19' },
    { planned: '2026-07-10', bought: '2026-06-20', interval: 14, expected: '2026-07-10' },
  ])('a purchase on $bought moves $planned to $expected', ({ planned, bought, interval, expected }) => {
    expect(fillOnAfterPurchase(planned, bought, interval)).toBe(expected);
  });

  it.each([
    { fillOn: '2026-07-02', remindedFor: null, asOf: '2026-06-30', remind: true, ready: false },
    { fillOn: '2026-07-03', remindedFor: null, asOf: '2026-06-30', remind: false, ready: false },
    { fillOn: '2026-07-02', remindedFor: '2026-07-02', asOf: '2026-06-30', remind: false, ready: false },
    { fillOn: '2026-06-30', remindedFor: null, asOf: '2026-06-30', remind: true, ready: false },
    { fillOn: '2026-06-30', remindedFor: '2026-06-30', asOf: '2026-06-30', remind: false, ready: true },
    { fillOn: '2026-06-30', remindedFor: '2026-06-16', asOf: '2026-06-30', remind: true, ready: false },
  ])('fill $fillOn reminded for $remindedFor on $asOf: remind $remind, place $ready', (c) => {
    expect(needsReminder(c.fillOn, c.remindedFor, c.asOf)).toBe(c.remind);
    expect(readyToFill(c.fillOn, c.remindedFor, c.asOf)).toBe(c.ready);
  });

  it('is due on its date and after, and one key per item and date', () => {
    expect([isDueOn('2026-06-30', '2026-06-30'), isDueOn('2026-07-01', '2026-06-30'), isDueOn(null, '2026-06-30')]).toEqual([
      true,
      false,
      false,
    ]);
    expect(fillOrderKey('item-1', '2026-06-30')).toBe('list-item-1-2026-06-30');
  });
});

describe('saved payment method details', () => {
  const valid = { token: 'pm_123', brand: 'visa', last4: '4242', expiryMonth: 12, expiryYear: 2030 };
  it.each([
    { change: {}, code: null },
    { change: { expiryMonth: null, expiryYear: null }, code: null },
    { change: { token: ' ' }, code: 'INVALID_PAYMENT_TOKEN' },
    { change: { token: 'pm_\u0000' }, code: 'INVALID_PAYMENT_TOKEN' },
    { change: { token: 'x'.repeat(201) }, code: 'INVALID_PAYMENT_TOKEN' },
    { change: { token: '4242 4242 4242 4242' }, code: 'CARD_NUMBER_REFUSED' },
    { change: { token: '4000056655665556' }, code: 'CARD_NUMBER_REFUSED' },
    { change: { brand: '' }, code: 'INVALID_BRAND' },
    { change: { last4: '42a2' }, code: 'INVALID_LAST4' },
    { change: { last4: '42424' }, code: 'INVALID_LAST4' },
    { change: { expiryMonth: 13 }, code: 'INVALID_EXPIRY' },
    { change: { expiryYear: null }, code: 'INVALID_EXPIRY' },
    { change: { expiryMonth: 5, expiryYear: 2026 }, code: 'CARD_EXPIRED' },
    { change: { expiryMonth: 6, expiryYear: 2026 }, code: null },
  ])('$change: $code', ({ change, code }) => {
    expect(detailsProblem({ ...valid, ...change }, '2026-06-30')?.code ?? null).toBe(code);
  });

  it('expires at the end of its expiry month', () => {
    expect(expiresOn(2, 2028)).toBe('2028-02-29');
    expect(expiresOn(12, 2030)).toBe('2030-12-31');
    expect(expiresOn(null, 2030)).toBeNull();
    expect(isExpired({ expiresOn: '2026-06-30' }, '2026-06-30')).toBe(false);
    expect(isExpired({ expiresOn: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isExpired({ expiresOn: null }, '2099-01-01')).toBe(false);
  });
});

describe('wallet top-ups', () => {
  it.each([
    [99, false],
    [100, true],
    [100_000, true],
    [100_001, false],
    [150.5, false],
    [Number.MAX_SAFE_INTEGER + 1, false],
  ])('%d minor units can be topped up: %s', (cents, ok) => {
    expect(topUpAmountProblem(cents) === null).toBe(ok);
  });

  it('is settled once credited, declined or refunded', () => {
    expect(Object.values(TopUpStatus).filter(isSettled)).toEqual([
      TopUpStatus.CREDITED,
      TopUpStatus.DECLINED,
      TopUpStatus.REFUNDED,
    ]);
  });
});
