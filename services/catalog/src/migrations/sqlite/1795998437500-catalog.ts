import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795998437500 implements MigrationInterface {
  name = 'Catalog1795998437500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "product_variant_product"`);
    await queryRunner.query(`CREATE TABLE "temporary_product_variant" ("sku" varchar(64) PRIMARY KEY NOT NULL, "productId" varchar(36) NOT NULL, "attributes" text NOT NULL, "priceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "discontinued" boolean NOT NULL DEFAULT (0), "giftCard" varchar(10))`);
    await queryRunner.query(`INSERT INTO "temporary_product_variant"("sku", "productId", "attributes", "priceCents", "currency", "discontinued") SELECT "sku", "productId", "attributes", "priceCents", "currency", "discontinued" FROM "product_variant"`);
    await queryRunner.query(`DROP TABLE "product_variant"`);
    await queryRunner.query(`ALTER TABLE "temporary_product_variant" RENAME TO "product_variant"`);
    await queryRunner.query(`CREATE INDEX "product_variant_product" ON "product_variant" ("productId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "product_variant_product"`);
    await queryRunner.query(`ALTER TABLE "product_variant" RENAME TO "temporary_product_variant"`);
    await queryRunner.query(`CREATE TABLE "product_variant" ("sku" varchar(64) PRIMARY KEY NOT NULL, "productId" varchar(36) NOT NULL, "attributes" text NOT NULL, "priceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "discontinued" boolean NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "product_variant"("sku", "productId", "attributes", "priceCents", "currency", "discontinued") SELECT "sku", "productId", "attributes", "priceCents", "currency", "discontinued" FROM "temporary_product_variant"`);
    await queryRunner.query(`DROP TABLE "temporary_product_variant"`);
    await queryRunner.query(`CREATE INDEX "product_variant_product" ON "product_variant" ("productId") `);
  }
}
