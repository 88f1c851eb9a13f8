import { ANONYMOUS, ConfigError } from '@omni/platform';
import { GraphQLError } from 'graphql';
import { BalanceEnquiryLimiter, enquirerKey } from '../src/balance-limiter';
import {
  giftCardHash,
  giftCardLast4,
  holdableAmount,
  isWellFormedGiftCardCode,
  maskGiftCardCode,
  unitsRemovedByChange,
} from '../src/domain/stored-value';
import {
  DEFAULT_GIFT_CARD_BALANCE_RATE,
  DEFAULT_HOLD_TTL_SECONDS,
  DEV_GIFT_CARD_SECRET,
  readLoyaltySettings,
} from '../src/settings';

describe('holdableAmount', () => {
  it.each([
    // available, requested, upTo, held
    [5000, 3000, false, 3000],
    [5000, 3000, true, 3000],
    [3000, 3000, false, 3000],
    [2000, 3000, false, null],
    [2000, 3000, true, 2000],
    [1, 3000, true, 1],
    [0, 3000, true, null],
    [-5, 3000, true, null],
    [5000, 0, true, null],
  ])('%i available, %i asked (upTo %s): holds %s', (available, requested, upTo, held) => {
    expect(holdableAmount(available, requested, upTo)).toBe(held);
  });
});

describe('unitsRemovedByChange', () => {
  const change = (quantity: number, sku = 'A') => ({ fromSku: 'A', sku, quantity });
  it.each([
    // change, units still earning, units removed
    [change(1), 4, 3],
    [change(4), 4, 0],
    [change(6), 4, 0],
    [change(0), 4, 4],
    [change(4, 'B'), 4, 4],
    [change(2), 2, 0], // raised earlier to 5, lowered to 2: the 2 that earned are still there
    [change(1), 0, 0], // everything already returned or cancelled
  ])('%o with %i earning units removes %i', (c, earning, removed) => {
    expect(unitsRemovedByChange(c, earning)).toBe(removed);
  });
});

describe('gift card codes at rest', () => {
  const code = 'ABCD-2345-EFGH-7K3Q';

  it('hash the normalized code under the secret: any typed form matches, another secret does not', () => {
    const hash = giftCardHash(code, 'secret-one-of-at-least-thirty-two-chars');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(giftCardHash(' abcd 2345 efgh 7k3q', 'secret-one-of-at-least-thirty-two-chars')).toBe(hash);
    expect(giftCardHash(code, 'secret-two-of-at-least-thirty-two-chars')).not.toBe(hash);
    expect(giftCardHash('ABCD-2345-EFGH-7K3R', 'secret-one-of-at-least-thirty-two-chars')).not.toBe(hash);
  });

  it('keep the last four symbols for display', () => {
    expect(giftCardLast4(code)).toBe('7K3Q');
    expect(maskGiftCardCode('7K3Q')).toBe('•••• 7K3Q');
  });

  it('are looked up only when well formed', () => {
    expect(isWellFormedGiftCardCode('ABCD2345EFGH7K3Q')).toBe(true);
    expect(isWellFormedGiftCardCode('ABC')).toBe(false);
    expect(isWellFormedGiftCardCode("ABCD2345'; --")).toBe(false);
  });
});

describe('loyalty settings', () => {
  const strong = 'x'.repeat(40);

  it('fall back to the public development secret in the embedded mode', () => {
    expect(readLoyaltySettings({}, { distributed: false })).toEqual({
      giftCardSecret: DEV_GIFT_CARD_SECRET,
      development: true,
      balanceRatePerMinute: DEFAULT_GIFT_CARD_BALANCE_RATE,
      holdTtlSeconds: DEFAULT_HOLD_TTL_SECONDS,
    });
    expect(
      readLoyaltySettings({ GIFT_CARD_SECRET: strong, GIFT_CARD_BALANCE_RATE: '5', LOYALTY_HOLD_TTL_SECONDS: '120' }),
    ).toEqual({
      giftCardSecret: strong,
      development: false,
      balanceRatePerMinute: 5,
      holdTtlSeconds: 120,
    });
    expect(() => readLoyaltySettings({ LOYALTY_HOLD_TTL_SECONDS: '0' })).toThrow(/LOYALTY_HOLD_TTL_SECONDS/);
  });

  it('require GIFT_CARD_SECRET in the distributed mode, and 32 characters of it everywhere, never printing it', () => {
    expect(() => readLoyaltySettings({}, { distributed: true })).toThrow(ConfigError);
    expect(() => readLoyaltySettings({}, { distributed: true })).toThrow(/GIFT_CARD_SECRET is required/);
    expect(readLoyaltySettings({ GIFT_CARD_SECRET: strong }, { distributed: true }).development).toBe(false);
    for (const distributed of [true, false]) {
      let error: Error | undefined;
      try {
        readLoyaltySettings({ GIFT_CARD_SECRET: 'short-secret' }, { distributed });
      } catch (e) {
        error = e as Error;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(error!.message).toMatch(/GIFT_CARD_SECRET has an invalid value \(not shown\)/);
      expect(error!.message).not.toContain('short-secret');
    }
  });

  it('refuse a balance rate that is not a whole number above zero', () => {
    expect(() => readLoyaltySettings({ GIFT_CARD_BALANCE_RATE: '0' })).toThrow(/GIFT_CARD_BALANCE_RATE/);
    expect(() => readLoyaltySettings({ GIFT_CARD_BALANCE_RATE: 'lots' })).toThrow(/GIFT_CARD_BALANCE_RATE/);
  });
});

describe('BalanceEnquiryLimiter', () => {
  it('lets perMinute enquiries through per caller, then answers RATE_LIMITED with the seconds to wait', async () => {
    const limiter = new BalanceEnquiryLimiter(3);
    for (let i = 0; i < 3; i++) await limiter.check('subject:a', `code-${i}`);
    const error = await limiter.check('subject:a', 'code-9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const seconds = (error as GraphQLError).extensions.retryAfterSeconds as number;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    // Another caller is not held back by the first one.
    await expect(limiter.check('subject:b', 'code-9')).resolves.toBeUndefined();
  });

  it('limits one code however many callers ask', async () => {
    const limiter = new BalanceEnquiryLimiter(2);
    await limiter.check('subject:a', 'code');
    await limiter.check('subject:b', 'code');
    await expect(limiter.check('subject:c', 'code')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
  });

  it('counts signed-in callers by subject and anonymous ones per channel', () => {
    expect(enquirerKey({ ...ANONYMOUS, subject: 'alice' }, 'WEB')).toBe('subject:alice');
    expect(enquirerKey(ANONYMOUS, 'WEB')).toBe('anonymous:WEB');
    expect(enquirerKey(ANONYMOUS, null)).toBe('anonymous:none');
  });
});
