import { CustomerErasedEvent, OrderPlacedEvent, parsePayload, ProductViewedEvent, type ConsumerDefinition } from '@omni/platform';
import { In, type EntityManager, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { Product, ProductVariant } from '../entities/product';
import { CategoryAffinity, CoPurchase, CustomerProductView, CustomerPurchase, ProductSales } from '../entities/recommendation';

/** Adds `delta` to a counter row per key, creating missing rows: one read and one write. */
async function increment<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  keys: Partial<E>[],
  counter: keyof E & string,
  delta: (key: Partial<E>) => number,
  id: (row: Partial<E>) => string,
): Promise<void> {
  if (keys.length === 0) return;
  const existing = new Map((await manager.findBy(entity, keys as never)).map((r) => [id(r), r]));
  const rows = keys.map((key) => {
    const row = existing.get(id(key)) ?? ({ ...key, [counter]: 0 } as unknown as E);
    return { ...row, [counter]: Number(row[counter]) + delta(key) } as E;
  });
  await manager.save(entity, rows);
}

/**
 * Learns from every order in every channel: the customer's purchases (buy again, what they own),
 * co-purchases between products of one order, units sold per product and the customer's
 * category affinity (recommendations).
 */
const learnFromOrders: ConsumerDefinition = {
  name: 'learn-from-orders',
  types: [OrderPlacedEvent.type],
  async handle(manager, event) {
    const order = parsePayload(OrderPlacedEvent, event);
    const skus = [...new Set(order.lines.map((l) => l.sku))];
    if (skus.length === 0) return;
    const variants = await manager.findBy(ProductVariant, { sku: In(skus) });
    const productOf = new Map(variants.map((v) => [v.sku, v.productId]));
    const productIds = [...new Set(variants.map((v) => v.productId))];
    const products = productIds.length ? await manager.findBy(Product, { id: In(productIds) }) : [];
    const at = new Date(event.occurredAt);

    if (order.customerId) {
      await manager.save(
        CustomerPurchase,
        order.lines.map((l) => ({
          lineId: l.lineId,
          customerId: order.customerId!,
          orderId: order.orderId,
          sku: l.sku,
          productId: productOf.get(l.sku) ?? null,
          quantity: l.quantity,
          channel: order.channel,
          purchasedAt: at,
        })),
      );
    }

    const units = new Map<string, number>();
    for (const line of order.lines) {
      const productId = productOf.get(line.sku);
      if (productId) units.set(productId, (units.get(productId) ?? 0) + line.quantity);
    }
    await increment(
      manager,
      ProductSales,
      [...units.keys()].map((productId) => ({ productId })),
      'units',
      (k) => units.get(k.productId!) ?? 0,
      (r) => r.productId!,
    );
    const pairs = productIds.flatMap((a) => productIds.filter((b) => b !== a).map((b) => ({ productId: a, otherProductId: b })));
    await increment(
      manager,
      CoPurchase,
      pairs,
      'orders',
      () => 1,
      (r) => `${r.productId}/${r.otherProductId}`,
    );

    if (order.customerId) {
      const affinity = new Map<string, number>();
      for (const product of products) {
        for (const category of product.categoryPath) {
          affinity.set(category, (affinity.get(category) ?? 0) + (units.get(product.id) ?? 0));
        }
      }
      await increment(
        manager,
        CategoryAffinity,
        [...affinity.keys()].map((category) => ({ customerId: order.customerId!, category })),
        'score',
        (k) => affinity.get(k.category!) ?? 0,
        (r) => `${r.customerId}/${r.category}`,
      );
    }
  },
};

/** A view counts toward recommendations like a weak purchase: a seed, and a little category affinity. */
const learnFromViews: ConsumerDefinition = {
  name: 'learn-from-views',
  types: [ProductViewedEvent.type],
  async handle(manager, event) {
    const view = parsePayload(ProductViewedEvent, event);
    const product = await manager.findOneBy(Product, { id: view.productId });
    if (!product) return;
    const key = { customerId: view.customerId, productId: product.id };
    const seen = await manager.findOneBy(CustomerProductView, key);
    await manager.save(CustomerProductView, { ...key, views: (seen?.views ?? 0) + 1, lastViewedAt: new Date(event.occurredAt) });
    await increment(
      manager,
      CategoryAffinity,
      product.categoryPath.map((category) => ({ customerId: view.customerId, category })),
      'score',
      () => 1,
      (r) => `${r.customerId}/${r.category}`,
    );
  },
};

/**
 * A shopper's erasure: what catalog learned about the person (their purchases, views and category
 * affinities) goes; the anonymous aggregates (bought together, sales per product) stay.
 */
const forgetCustomer: ConsumerDefinition = {
  name: 'customer-erased',
  types: [CustomerErasedEvent.type],
  async handle(manager, event) {
    const { customerId, mergedIds } = parsePayload(CustomerErasedEvent, event);
    const ids = In([customerId, ...mergedIds]);
    await manager.delete(CustomerPurchase, { customerId: ids });
    await manager.delete(CustomerProductView, { customerId: ids });
    await manager.delete(CategoryAffinity, { customerId: ids });
  },
};

export const consumers = [learnFromOrders, learnFromViews, forgetCustomer];
