import type { DataSource, EntityManager } from 'typeorm';
import { Promotion, PromotionRevision } from './entities/promotion';
import { tableOf } from './queries/sql';

/**
 * The switched-on promotions, kept per database connection for as long as `promotion_revision`
 * stays where it was. Pricing reads the revision in the statement that reads the cart's prices, so
 * each replica prices with the promotions as of that statement, never older, and reads them again
 * only after a write (one statement then).
 */
const kept = new WeakMap<DataSource, { revision: number; promotions: readonly Promotion[] }>();

export async function activePromotions(db: DataSource, revision: number): Promise<readonly Promotion[]> {
  const cached = kept.get(db);
  if (cached?.revision === revision) return cached.promotions;
  // Read after the revision: what comes back is at least that revision's, so keeping it under that revision is safe.
  const promotions = Object.freeze(await db.getRepository(Promotion).findBy({ active: true }));
  kept.set(db, { revision, promotions });
  return promotions;
}

/**
 * Raises the revision, in the transaction that wrote `promotion`: every replica reads its active
 * promotions again at its next pricing. A write to `promotion` without it is priced with stale promotions.
 */
export async function promotionsChanged(manager: EntityManager): Promise<void> {
  const table = tableOf(manager.connection, PromotionRevision);
  await manager.query(
    `INSERT INTO ${table} ("id", "revision") VALUES (1, 1) ` +
      `ON CONFLICT ("id") DO UPDATE SET "revision" = "promotion_revision"."revision" + 1`,
  );
}
