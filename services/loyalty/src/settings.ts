import { env, MIN_SECRET_LENGTH, readConfig, type Logger } from '@omni/platform';
import { z } from 'zod';

/** Public, so it protects nothing: the embedded mode and development only. */
export const DEV_GIFT_CARD_SECRET = 'omni-development-gift-card-secret-not-for-production';

/**
 * A hold whose checkout never came back (its orders process died before the commit) is released
 * after this: short, because a committed order's event spends its holds even after they expired.
 */
export const DEFAULT_HOLD_TTL_SECONDS = 600;

/** Balance enquiries per minute, per caller and per code. */
export const DEFAULT_GIFT_CARD_BALANCE_RATE = 30;

export interface LoyaltySettings {
  /** Keys the hash gift card codes are stored as (GIFT_CARD_SECRET). */
  giftCardSecret: string;
  /** True when running on the public development secret. */
  development: boolean;
  /** GIFT_CARD_BALANCE_RATE: balance enquiries a minute, per caller and per code. */
  balanceRatePerMinute: number;
  /** LOYALTY_HOLD_TTL_SECONDS: how long a checkout's hold waits for its order before it is released. */
  holdTtlSeconds: number;
}

/**
 * Loyalty's settings from the environment; a malformed value is a `ConfigError` naming the
 * variable. Like SUBGRAPH_SECRET (platform `process.ts`): the distributed mode requires
 * GIFT_CARD_SECRET, the embedded mode falls back to the public development secret.
 */
export function readLoyaltySettings(
  environment: NodeJS.ProcessEnv = process.env,
  options: { distributed: boolean } = { distributed: false },
): LoyaltySettings {
  const secret = z.string().min(MIN_SECRET_LENGTH);
  const config = readConfig(
    {
      GIFT_CARD_SECRET: options.distributed ? secret : secret.optional(),
      GIFT_CARD_BALANCE_RATE: env.positiveInt(DEFAULT_GIFT_CARD_BALANCE_RATE),
      LOYALTY_HOLD_TTL_SECONDS: env.positiveInt(DEFAULT_HOLD_TTL_SECONDS),
    },
    environment,
  );
  return {
    giftCardSecret: config.GIFT_CARD_SECRET ?? DEV_GIFT_CARD_SECRET,
    development: !config.GIFT_CARD_SECRET,
    balanceRatePerMinute: config.GIFT_CARD_BALANCE_RATE,
    holdTtlSeconds: config.LOYALTY_HOLD_TTL_SECONDS,
  };
}

let current: LoyaltySettings | null = null;
let warned = false;

/**
 * The settings in force: those the process set (`useLoyaltySettings`), else read from the
 * environment on first use (the embedded mode). Warns once, through `log`, on the development secret.
 */
export function loyaltySettings(log?: Logger): LoyaltySettings {
  current ??= readLoyaltySettings();
  if (current.development && log && !warned) {
    warned = true;
    log.warn('GIFT_CARD_SECRET is not set: gift card codes are hashed with the public development secret');
  }
  return current;
}

/** Sets the settings for this process (the distributed entry point, tests). */
export function useLoyaltySettings(settings: LoyaltySettings): void {
  current = settings;
}
