import { DomainError, inTransaction, isCurrencyCode, recordEvent, type Channel, type PriceChanged } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { ChannelPrice, ChannelPricePolicy, ProductVariant } from '../entities/product';
import { setMarketPrice } from './markets';

export interface SetPriceRequest {
  sku: string;
  price: { cents: number; currency: string };
  /** Null: the base price, which every channel without a price of its own sells at. */
  channel?: Channel | null;
  /** A market's price list (in the market's currency, for every channel of the market); null: the variant's own prices. */
  market?: string | null;
}

function validatePrice(price: { cents: number; currency: string }): void {
  if (!Number.isSafeInteger(price.cents) || price.cents < 0) {
    throw new DomainError('INVALID_PRICE', 'a price is a non-negative amount in cents', ['input', 'price', 'cents']);
  }
  if (!isCurrencyCode(price.currency)) {
    throw new DomainError('INVALID_CURRENCY', `"${price.currency}" is not an ISO 4217 code`, ['input', 'price', 'currency']);
  }
}

/**
 * Sets the base price of a SKU, or a channel's own price. A channel price that differs from the
 * base price needs the retailer's permission for that channel (PRICE_INCONSISTENT otherwise); a
 * channel price equal to the base price simply removes the channel's own price. Every change
 * publishes catalog.price.changed in the same transaction. With a market, the price goes into that
 * market's price list instead (`setMarketPrice`), in the market's currency.
 */
export async function setPrice(db: DataSource, request: SetPriceRequest, caller: Channel | null): Promise<ProductVariant> {
  validatePrice(request.price);
  if (request.market) {
    if (request.channel) {
      throw new DomainError('INVALID_CHANNEL', "a market's price list applies to every channel of the market", [
        'input',
        'channel',
      ]);
    }
    return setMarketPrice(db, { sku: request.sku, market: request.market, price: request.price }, caller);
  }
  return inTransaction(db, async (manager) => {
    const variant = await manager.findOneBy(ProductVariant, { sku: request.sku });
    if (!variant) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${request.sku}`, ['input', 'sku']);
    if (variant.currency !== request.price.currency) {
      throw new DomainError(
        'CURRENCY_MISMATCH',
        `${variant.sku} is priced in ${variant.currency}, not ${request.price.currency}`,
        ['input', 'price', 'currency'],
      );
    }
    const price = { cents: request.price.cents, currency: request.price.currency };
    const channel = request.channel ?? null;
    if (!channel) {
      if (variant.priceCents !== price.cents) {
        const previous = { cents: variant.priceCents, currency: variant.currency };
        await manager.update(ProductVariant, { sku: variant.sku }, { priceCents: price.cents });
        variant.priceCents = price.cents;
        await recordEvent<PriceChanged>(
          manager,
          'catalog.price.changed',
          { sku: variant.sku, channel: null, previous, price },
          caller,
        );
      }
      return variant;
    }
    const own = await manager.findOneBy(ChannelPrice, { sku: variant.sku, channel });
    const previous = own
      ? { cents: own.priceCents, currency: own.currency }
      : { cents: variant.priceCents, currency: variant.currency };
    if (price.cents === variant.priceCents) {
      if (own) await manager.delete(ChannelPrice, { sku: variant.sku, channel });
    } else {
      const policy = await manager.findOneBy(ChannelPricePolicy, { channel });
      if (!policy?.allowDeviation) {
        throw new DomainError(
          'PRICE_INCONSISTENT',
          `${channel} sells at the base price (${variant.priceCents} ${variant.currency}); the retailer has not allowed it a price of its own`,
          ['input', 'price'],
        );
      }
      await manager.save(ChannelPrice, { sku: variant.sku, channel, priceCents: price.cents, currency: price.currency });
    }
    if (previous.cents !== price.cents) {
      await recordEvent<PriceChanged>(manager, 'catalog.price.changed', { sku: variant.sku, channel, previous, price }, caller);
    }
    return variant;
  });
}

/**
 * Allows or forbids a channel to sell at prices of its own. Forbidding it removes the channel's
 * own prices, so it sells at the base prices again (each removal publishes catalog.price.changed).
 */
export async function setChannelPricePolicy(
  db: DataSource,
  channel: Channel,
  allowDeviation: boolean,
  caller: Channel | null,
): Promise<ChannelPricePolicy> {
  return inTransaction(db, async (manager) => {
    const policy = manager.create(ChannelPricePolicy, { channel, allowDeviation });
    await manager.save(ChannelPricePolicy, policy);
    if (!allowDeviation) {
      const own = await manager.findBy(ChannelPrice, { channel });
      if (own.length) {
        const variants = new Map(
          (await manager.getRepository(ProductVariant).findBy(own.map((p) => ({ sku: p.sku })))).map((v) => [v.sku, v]),
        );
        for (const p of own) {
          const base = variants.get(p.sku);
          if (!base) continue;
          await recordEvent<PriceChanged>(
            manager,
            'catalog.price.changed',
            {
              sku: p.sku,
              channel,
              previous: { cents: p.priceCents, currency: p.currency },
              price: { cents: base.priceCents, currency: base.currency },
            },
            caller,
          );
        }
        await manager.delete(ChannelPrice, { channel });
      }
    }
    return policy;
  });
}
