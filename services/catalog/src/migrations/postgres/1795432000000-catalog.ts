import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillSearch } from '../backfill';

/** Hand-written: the GIN full-text index over product search text (an expression index on its tsvector). */
export class Catalog1795432000000 implements MigrationInterface {
  name = 'Catalog1795432000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await backfillSearch(queryRunner, 'postgres');
    await queryRunner.query(
      `CREATE INDEX "product_search_fts" ON "catalog"."product" USING GIN (to_tsvector('simple', "searchText"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."product_search_fts"`);
  }
}
