import { Channel, env, readConfig, z } from '@omni/platform';
import { DEFAULT_ABANDON_AFTER_HOURS } from './domain/cart';

const channelList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  )
  .refine((list) => list.every((c) => (Object.values(Channel) as string[]).includes(c)), {
    message: `a comma-separated list of channels (${Object.values(Channel).join(', ')})`,
  })
  .transform((list) => list as Channel[]);

const schema = {
  CART_ABANDON_AFTER_HOURS: env.positiveInt(DEFAULT_ABANDON_AFTER_HOURS),
  /** Channels whose orders must be paid in full when placed (else PAYMENT_REQUIRED); default none. */
  PAYMENT_REQUIRED_CHANNELS: channelList,
  /**
   * The code of the catalog promotion that prices subscribe-and-save: every subscription order is
   * priced with it (when its rules accept the order), and no shopper may type it. Default: none.
   */
  SUBSCRIBE_AND_SAVE_COUPON: z
    .string()
    .default('')
    .transform((v) => v.trim().toUpperCase()),
};

export interface OrderSettings {
  CART_ABANDON_AFTER_HOURS: number;
  PAYMENT_REQUIRED_CHANNELS: Channel[];
  SUBSCRIBE_AND_SAVE_COUPON: string;
}

let cached: OrderSettings | null = null;

/** The retailer's order settings, read from the environment once (validated like all configuration). */
export function orderSettings(): OrderSettings {
  cached ??= readConfig(schema);
  return cached;
}

/** Tests change a setting and read it again. */
export function resetOrderSettings(): void {
  cached = null;
}
