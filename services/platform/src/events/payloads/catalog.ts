import { z } from 'zod';
import { Channel } from '../../channel';
import { Cents, Currency, Id } from './common';
import { defineEvent } from './definition';

/** The events the catalog publishes, exactly as its producers write them. Consumers parse, never cast. */

const PriceSchema = z.object({ cents: Cents, currency: Currency });

/**
 * `catalog.price.changed`, version 1: a SKU's price in a channel (`channel` null: the base price
 * every channel without its own sells at), or in a market's price list (`market`), changed from
 * `previous` (null: a new SKU, or the SKU's first price in the market) to `price`.
 */
export const PriceChangedSchema = z.object({
  sku: Id,
  channel: z.enum(Channel).nullable(),
  /** The market whose price list changed; absent or null: the variant's own prices. */
  market: Id.nullable().optional(),
  previous: PriceSchema.nullable(),
  price: PriceSchema,
});
export type PriceChanged = z.infer<typeof PriceChangedSchema>;
export const PriceChangedEvent = defineEvent('catalog.price.changed', 1, PriceChangedSchema);

export const CatalogEvents = [PriceChangedEvent] as const;
