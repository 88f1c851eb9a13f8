import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795999900130 implements MigrationInterface {
  name = 'Catalog1795999900130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "product_measure" ("sku" varchar(64) NOT NULL, "name" varchar(100) NOT NULL, "productId" varchar(36) NOT NULL, "value" double precision NOT NULL, "unit" varchar(10) NOT NULL, "dimension" varchar(10) NOT NULL, "base" double precision NOT NULL, PRIMARY KEY ("sku", "name"))`);
    await queryRunner.query(`CREATE INDEX "product_measure_product" ON "product_measure" ("productId") `);
    await queryRunner.query(`CREATE INDEX "product_measure_range" ON "product_measure" ("name", "dimension", "base", "sku") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "product_measure_range"`);
    await queryRunner.query(`DROP INDEX "product_measure_product"`);
    await queryRunner.query(`DROP TABLE "product_measure"`);
  }
}
