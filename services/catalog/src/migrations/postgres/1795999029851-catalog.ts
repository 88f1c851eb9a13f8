import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: typo-tolerant search. The pg_trgm extension (trusted since PostgreSQL 13: a role
 * with CREATE on the database may create it; on a managed server it must be allowed, see the
 * catalog README) and a trigram index on product search text for its word similarity (`%>`).
 */
export class Catalog1795999029851 implements MigrationInterface {
  name = 'Catalog1795999029851';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "product_search_trgm" ON "catalog"."product" USING GIN ("searchText" gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The extension stays: other schemas of the database may use it.
    await queryRunner.query(`DROP INDEX "catalog"."product_search_trgm"`);
  }
}
