import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795999901013 implements MigrationInterface {
  name = 'Catalog1795999901013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."product_measure" ("sku" character varying(64) NOT NULL, "name" character varying(100) NOT NULL, "productId" character varying(36) NOT NULL, "value" double precision NOT NULL, "unit" character varying(10) NOT NULL, "dimension" character varying(10) NOT NULL, "base" double precision NOT NULL, CONSTRAINT "PK_be6211b356950c2e9931e941a30" PRIMARY KEY ("sku", "name"))`);
    await queryRunner.query(`CREATE INDEX "product_measure_product" ON "catalog"."product_measure"  ("productId") `);
    await queryRunner.query(`CREATE INDEX "product_measure_range" ON "catalog"."product_measure"  ("name", "dimension", "base", "sku") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."product_measure_range"`);
    await queryRunner.query(`DROP INDEX "catalog"."product_measure_product"`);
    await queryRunner.query(`DROP TABLE "catalog"."product_measure"`);
  }
}
