import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillSearch } from '../backfill';

/** Hand-written: the FTS5 index of product search text (kept in sync by upsertProduct). */
export class Catalog1795432000000 implements MigrationInterface {
  name = 'Catalog1795432000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "product_fts" USING fts5("productId" UNINDEXED, "body", tokenize = 'unicode61 remove_diacritics 2')`,
    );
    await backfillSearch(queryRunner, 'sqlite');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "product_fts"`);
  }
}
