import type { DataSource } from 'typeorm';
import { rankProducts } from '../domain/buy-again';
import { ProductFacet } from '../entities/product';
import { CategoryAffinity, CoPurchase, CustomerProductView, CustomerPurchase, ProductSales } from '../entities/recommendation';
import { run, tableOf } from './sql';

const TOP_CATEGORIES = 3;

/**
 * Product ids to recommend to a customer: products bought together with what they bought or
 * viewed (any channel), strongest first, leaving out what they already own; topped up with best-sellers of
 * the categories they buy most, then best-sellers overall.
 */
export async function recommendedProductIds(db: DataSource, customerId: string, first: number): Promise<string[]> {
  if (first <= 0) return [];
  const purchase = tableOf(db, CustomerPurchase);
  const coPurchase = tableOf(db, CoPurchase);
  const sales = tableOf(db, ProductSales);
  const facet = tableOf(db, ProductFacet);
  const affinity = tableOf(db, CategoryAffinity);
  const owned = new Set(
    (
      await run<{ productId: string }>(
        db,
        `SELECT DISTINCT "productId" AS "productId" FROM ${purchase} WHERE "customerId" = :c AND "productId" IS NOT NULL`,
        { c: customerId },
      )
    ).map((r) => r.productId),
  );
  const viewed = (
    await run<{ productId: string }>(
      db,
      `SELECT "productId" AS "productId" FROM ${tableOf(db, CustomerProductView)} WHERE "customerId" = :c`,
      {
        c: customerId,
      },
    )
  ).map((r) => r.productId);
  const seeds = new Set([...owned, ...viewed]);
  const limit = first + seeds.size;
  const scores = new Map<string, number>();
  if (seeds.size) {
    const rows = await run<{ id: string; score: string | number }>(
      db,
      `SELECT "otherProductId" AS "id", SUM("orders") AS "score" FROM ${coPurchase} WHERE "productId" IN (:...seeds) ` +
        `GROUP BY "otherProductId" ORDER BY SUM("orders") DESC, "otherProductId" LIMIT :limit`,
      { seeds: [...seeds], limit },
    );
    rows.forEach((r) => scores.set(r.id, Number(r.score)));
  }
  const picked = rankProducts(scores, owned, first);
  if (picked.length >= first) return picked;

  const exclude = new Set([...owned, ...picked]);
  const categories = (
    await run<{ category: string }>(
      db,
      `SELECT "category" AS "category" FROM ${affinity} WHERE "customerId" = :c ORDER BY "score" DESC, "category" LIMIT :n`,
      { c: customerId, n: TOP_CATEGORIES },
    )
  ).map((r) => r.category);
  const fallbackLimit = first + exclude.size;
  const bestSellers = categories.length
    ? await run<{ id: string; units: string | number }>(
        db,
        `SELECT s."productId" AS "id", MAX(s."units") AS "units" FROM ${sales} s JOIN ${facet} f ON f."productId" = s."productId" ` +
          `AND f."name" = 'category' AND f."value" IN (:...categories) GROUP BY s."productId" ORDER BY MAX(s."units") DESC, s."productId" LIMIT :limit`,
        { categories, limit: fallbackLimit },
      )
    : await run<{ id: string; units: string | number }>(
        db,
        `SELECT "productId" AS "id", "units" AS "units" FROM ${sales} ORDER BY "units" DESC, "productId" LIMIT :limit`,
        { limit: fallbackLimit },
      );
  const more = rankProducts(new Map(bestSellers.map((r) => [r.id, Number(r.units)])), exclude, first - picked.length);
  return [...picked, ...more];
}
