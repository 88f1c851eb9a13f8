import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, recordEvent, type Channel, type ProductViewed, isUniqueViolation } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { boundedText } from '../domain/interaction';
import { ProductView } from '../entities/product-view';
import { requireCustomer, touchChannel } from './customers';

export interface ProductViewRequest {
  customerId: string;
  productId: string;
  channel: Channel;
}

async function record(db: DataSource, customerId: string, productId: string, channel: Channel): Promise<ProductView> {
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, customerId, ['input', 'customerId']);
    const viewedAt = new Date();
    const seen = await manager.findOneBy(ProductView, { customerId: customer.id, productId });
    let view: ProductView;
    if (seen) {
      view = Object.assign(seen, { viewedAt, channel, viewCount: seen.viewCount + 1 });
      await manager.update(ProductView, { id: seen.id }, { viewedAt, channel, viewCount: view.viewCount });
    } else {
      view = manager.create(ProductView, {
        id: randomUUID(),
        customerId: customer.id,
        productId,
        channel,
        viewedAt,
        viewCount: 1,
      });
      await manager.insert(ProductView, view);
    }
    await touchChannel(manager, customer, channel);
    await recordEvent<ProductViewed>(manager, 'crm.product.viewed', { customerId: customer.id, productId, channel }, channel);
    return view;
  });
}

/**
 * Remembers that the customer looked at a product (web, app, kiosk...): one row per customer and
 * product holding the latest view, so `recentlyViewed` is newest first with no repeats.
 */
export async function recordProductView(db: DataSource, request: ProductViewRequest): Promise<ProductView> {
  const productId = boundedText(request.productId, 64);
  if (!productId) throw new DomainError('INVALID_PRODUCT', 'a product id is 1 to 64 characters', ['input', 'productId']);
  try {
    return await record(db, request.customerId, productId, request.channel);
  } catch (error) {
    // Two first views of the same product at once: the second becomes an update of the first.
    if (isUniqueViolation(error)) return record(db, request.customerId, productId, request.channel);
    throw error;
  }
}
