import { dialectOf } from '@omni/platform';
import type { EntityManager } from 'typeorm';

/**
 * Keeps the full-text index of a product current, inside the caller's transaction. PostgreSQL
 * indexes `product.searchText` itself (a GIN index on its tsvector); SQLite mirrors it into the
 * FTS5 table `product_fts` (created by a migration).
 */
export async function indexForSearch(manager: EntityManager, productId: string, text: string, existed: boolean): Promise<void> {
  if (dialectOf(manager.connection) === 'postgres') return;
  if (existed) await manager.query(`DELETE FROM "product_fts" WHERE "productId" = ?`, [productId]);
  await manager.query(`INSERT INTO "product_fts" ("productId", "body") VALUES (?, ?)`, [productId, text]);
}
