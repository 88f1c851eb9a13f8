import {
  CustomerErasedEvent,
  OrderPlacedEvent,
  parsePayload,
  ProductViewedEvent,
  runStatement,
  type ConsumerDefinition,
} from '@omni/platform';
import { In, type EntityManager, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { Product, ProductVariant } from '../entities/product';
import { CustomerTier } from '../entities/customer-tier';
import { CategoryAffinity, CoPurchase, CustomerProductView, CustomerPurchase, ProductSales } from '../entities/recommendation';

/**
 * Adds each row's counter to the stored one, creating missing rows, in one multi-row
 * `INSERT ... ON CONFLICT (key) DO UPDATE SET counter = counter + excluded.counter` (PostgreSQL
 * and SQLite 3.24+): no read, and no lost increment when two consumers count the same row.
 * The keys of `rows` must be distinct (one statement may not update a row twice).
 */
async function increment<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: Partial<E>[],
  keys: (keyof E & string)[],
  counter: keyof E & string,
): Promise<void> {
  if (rows.length === 0) return;
  const driver = manager.connection.driver;
  const meta = manager.connection.getMetadata(entity);
  const quoted = (property: string) => driver.escape(meta.findColumnWithPropertyName(property)!.databaseName);
  const table = driver.escape(meta.tableName);
  const properties = [...keys, counter];
  const params: Record<string, unknown> = {};
  const values = rows.map(
    (row, i) =>
      `(${properties
        .map((property, p) => {
          params[`v${i}_${p}`] = row[property];
          return `:v${i}_${p}`;
        })
        .join(', ')})`,
  );
  const sum = quoted(counter);
  const sql =
    `INSERT INTO ${meta.schema ? `${driver.escape(meta.schema)}.${table}` : table} (${properties.map(quoted).join(', ')}) ` +
    `VALUES ${values.join(', ')} ON CONFLICT (${keys.map(quoted).join(', ')}) DO UPDATE SET ${sum} = ${table}.${sum} + excluded.${sum}`;
  await runStatement(manager, sql, params);
}

/** Each SKU's product and that product's categories (null when the product is gone), in one read. */
async function productsOfSkus(
  manager: EntityManager,
  skus: string[],
): Promise<{ sku: string; productId: string; categoryPath: string[] | null }[]> {
  const rows = await manager
    .createQueryBuilder(ProductVariant, 'v')
    .leftJoin(Product, 'p', 'p.id = v.productId')
    .select('v.sku', 'sku')
    .addSelect('v.productId', 'productId')
    .addSelect('p.categoryPath', 'categoryPath')
    .where('v.sku IN (:...skus)', { skus })
    .getRawMany<{ sku: string; productId: string; categoryPath: string | null }>();
  const categoryPath = manager.connection.getMetadata(Product).findColumnWithPropertyName('categoryPath')!;
  return rows.map((row) => ({
    ...row,
    categoryPath: manager.connection.driver.prepareHydratedValue(row.categoryPath, categoryPath) as string[] | null,
  }));
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
    const variants = await productsOfSkus(manager, skus);
    const productOf = new Map(variants.map((v) => [v.sku, v.productId]));
    const productIds = [...new Set(variants.map((v) => v.productId))];
    const categoriesOf = new Map(variants.flatMap((v) => (v.categoryPath ? [[v.productId, v.categoryPath] as const] : [])));
    const at = new Date(event.occurredAt);

    if (order.customerId) {
      // One INSERT for every line (save() would read each row first); a line stored already is rewritten, as save() did.
      const purchases = order.lines.map((l) => ({
        lineId: l.lineId,
        customerId: order.customerId!,
        orderId: order.orderId,
        sku: l.sku,
        productId: productOf.get(l.sku) ?? null,
        quantity: l.quantity,
        channel: order.channel,
        purchasedAt: at,
      }));
      await manager
        .createQueryBuilder()
        .insert()
        .into(CustomerPurchase)
        .values(purchases)
        .orUpdate(['customerId', 'orderId', 'sku', 'productId', 'quantity', 'channel', 'purchasedAt'], ['lineId'])
        .updateEntity(false)
        .execute();
    }

    const units = new Map<string, number>();
    for (const line of order.lines) {
      const productId = productOf.get(line.sku);
      if (productId) units.set(productId, (units.get(productId) ?? 0) + line.quantity);
    }
    await increment(
      manager,
      ProductSales,
      [...units].map(([productId, sold]) => ({ productId, units: sold })),
      ['productId'],
      'units',
    );
    const pairs = productIds.flatMap((a) =>
      productIds.filter((b) => b !== a).map((b) => ({ productId: a, otherProductId: b, orders: 1 })),
    );
    await increment(manager, CoPurchase, pairs, ['productId', 'otherProductId'], 'orders');

    if (order.customerId) {
      const affinity = new Map<string, number>();
      for (const [productId, categoryPath] of categoriesOf) {
        for (const category of categoryPath) {
          affinity.set(category, (affinity.get(category) ?? 0) + (units.get(productId) ?? 0));
        }
      }
      await increment(
        manager,
        CategoryAffinity,
        [...affinity].map(([category, score]) => ({ customerId: order.customerId!, category, score })),
        ['customerId', 'category'],
        'score',
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
      [...new Set(product.categoryPath)].map((category) => ({ customerId: view.customerId, category, score: 1 })),
      ['customerId', 'category'],
      'score',
    );
  },
};

/**
 * A shopper's erasure: what catalog learned about the person (their purchases, views, category
 * affinities and loyalty tier) goes; the anonymous aggregates (bought together, sales per product) stay.
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
    await manager.delete(CustomerTier, { customerId: ids });
  },
};

export const consumers = [learnFromOrders, learnFromViews, forgetCustomer];
