import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, isCurrencyCode, recordEvent, type Channel, type PriceChanged } from '@omni/platform';
import { In, type DataSource } from 'typeorm';
import { variantMeasures } from '../domain/measures';
import { facetRows, searchText } from '../domain/search';
import { ProductMeasure } from '../entities/measure';
import { Product, ProductFacet, ProductVariant, type Attribute, type GiftCardKind } from '../entities/product';
import { indexForSearch } from '../search-index';

export interface ProductDraft {
  id?: string | null;
  name: string;
  description?: string | null;
  brand?: string | null;
  categoryPath?: string[] | null;
  attributes?: Attribute[] | null;
  variants: {
    sku: string;
    attributes?: Attribute[] | null;
    price: { cents: number; currency: string };
    giftCard?: GiftCardKind | null;
  }[];
}

function validate(draft: ProductDraft): void {
  if (!draft.name.trim()) throw new DomainError('INVALID_NAME', 'a product needs a name', ['input', 'name']);
  if (draft.name.trim().length > 200)
    throw new DomainError('INVALID_NAME', 'a name has at most 200 characters', ['input', 'name']);
  if (draft.variants.length === 0)
    throw new DomainError('NO_VARIANTS', 'a product has at least one variant', ['input', 'variants']);
  const seen = new Set<string>();
  const currencies = new Set<string>();
  draft.variants.forEach((variant, i) => {
    const at = ['input', 'variants', String(i)];
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(variant.sku)) {
      throw new DomainError('INVALID_SKU', `"${variant.sku}" is not a valid SKU`, [...at, 'sku']);
    }
    if (seen.has(variant.sku)) throw new DomainError('DUPLICATE_SKU', `${variant.sku} appears twice`, [...at, 'sku']);
    seen.add(variant.sku);
    if (!Number.isSafeInteger(variant.price.cents) || variant.price.cents < 0) {
      throw new DomainError('INVALID_PRICE', 'a price is a non-negative amount in cents', [...at, 'price', 'cents']);
    }
    if (!isCurrencyCode(variant.price.currency)) {
      throw new DomainError('INVALID_CURRENCY', `"${variant.price.currency}" is not an ISO 4217 code`, [
        ...at,
        'price',
        'currency',
      ]);
    }
    currencies.add(variant.price.currency);
  });
  if (currencies.size > 1) {
    throw new DomainError('CURRENCY_MISMATCH', 'all variants of a product are priced in one currency', ['input', 'variants']);
  }
}

/**
 * Creates or updates a product and its variants in one transaction. A variant left out of an
 * update is discontinued, never deleted: past orders still reference its SKU.
 */
export async function upsertProduct(db: DataSource, draft: ProductDraft, channel: Channel | null): Promise<Product> {
  validate(draft);
  return inTransaction(db, async (manager) => {
    const id = draft.id ?? randomUUID();
    const existing = draft.id ? await manager.findOneBy(Product, { id: draft.id }) : null;
    if (draft.id && !existing) throw new DomainError('UNKNOWN_PRODUCT', `no product ${draft.id}`, ['input', 'id']);
    const skus = draft.variants.map((v) => v.sku);
    const current = skus.length ? await manager.findBy(ProductVariant, { sku: In(skus) }) : [];
    const taken = current.find((v) => v.productId !== id);
    if (taken) throw new DomainError('SKU_TAKEN', `${taken.sku} belongs to another product`, ['input', 'variants']);

    const product = manager.create(Product, {
      ...existing,
      id,
      name: draft.name.trim(),
      description: draft.description?.trim() ?? existing?.description ?? '',
      brand: draft.brand?.trim() || null,
      categoryPath: draft.categoryPath ?? existing?.categoryPath ?? [],
      attributes: draft.attributes ?? existing?.attributes ?? [],
    });
    const variants = draft.variants.map((v) => ({ sku: v.sku, attributes: v.attributes ?? [] }));
    product.searchText = searchText({ ...product, variants });
    await manager.save(Product, product);
    // Facets and the full-text index change in the same transaction as the product.
    await manager.delete(ProductFacet, { productId: id });
    await manager.insert(
      ProductFacet,
      facetRows({ ...product, variants }).map((f) => ({ productId: id, ...f })),
    );
    await indexForSearch(manager, id, product.searchText, existing !== null);
    // Numeric attributes with their unit, per variant (the product's own ones included).
    await manager.delete(ProductMeasure, { productId: id });
    const measures = variantMeasures(product.attributes, variants).map((m) => ({ productId: id, ...m }));
    if (measures.length) await manager.insert(ProductMeasure, measures);

    const before = new Map(current.map((v) => [v.sku, v]));
    for (const variant of draft.variants) {
      const previous = before.get(variant.sku);
      await manager.save(ProductVariant, {
        sku: variant.sku,
        productId: id,
        attributes: variant.attributes ?? [],
        priceCents: variant.price.cents,
        currency: variant.price.currency,
        discontinued: false,
        giftCard: variant.giftCard ?? null,
      });
      if (!previous || previous.priceCents !== variant.price.cents || previous.currency !== variant.price.currency) {
        await recordEvent<PriceChanged>(
          manager,
          'catalog.price.changed',
          {
            sku: variant.sku,
            channel: null,
            previous: previous ? { cents: previous.priceCents, currency: previous.currency } : null,
            price: variant.price,
          },
          channel,
        );
      }
    }
    if (existing) {
      const dropped = (await manager.findBy(ProductVariant, { productId: id })).filter((v) => !skus.includes(v.sku));
      if (dropped.length) await manager.update(ProductVariant, { sku: In(dropped.map((v) => v.sku)) }, { discontinued: true });
    }
    return product;
  });
}
