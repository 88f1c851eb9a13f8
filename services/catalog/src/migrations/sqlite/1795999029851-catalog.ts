import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hand-written: the vocabulary of the FTS5 index (one row per word), for the spelling fallback of search. */
export class Catalog1795999029851 implements MigrationInterface {
  name = 'Catalog1795999029851';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE VIRTUAL TABLE "product_fts_vocab" USING fts5vocab("product_fts", 'row')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "product_fts_vocab"`);
  }
}
