import { env, readConfig } from '@omni/platform';
import { DEFAULT_ABANDON_AFTER_HOURS } from './domain/cart';

let cached: { CART_ABANDON_AFTER_HOURS: number } | null = null;

/** The retailer's order settings, read from the environment once (validated like all configuration). */
export function orderSettings(): { CART_ABANDON_AFTER_HOURS: number } {
  cached ??= readConfig({ CART_ABANDON_AFTER_HOURS: env.positiveInt(DEFAULT_ABANDON_AFTER_HOURS) });
  return cached;
}
