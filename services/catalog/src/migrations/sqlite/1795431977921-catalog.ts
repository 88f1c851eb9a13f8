import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795431977921 implements MigrationInterface {
  name = 'Catalog1795431977921';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "product_facet" ("productId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "value" varchar(200) NOT NULL, PRIMARY KEY ("productId", "name", "value"))`);
    await queryRunner.query(`CREATE INDEX "product_facet_value" ON "product_facet" ("name", "value", "productId") `);
    await queryRunner.query(`CREATE TABLE "channel_price_policy" ("channel" varchar(20) PRIMARY KEY NOT NULL, "allowDeviation" boolean NOT NULL DEFAULT (0))`);
    await queryRunner.query(`CREATE TABLE "promotion" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "code" varchar(40), "kind" varchar(20) NOT NULL, "value" integer NOT NULL, "currency" varchar(3), "channels" text NOT NULL, "minSubtotalCents" integer, "minTier" varchar(20), "startsAt" datetime, "endsAt" datetime, "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "promotion_code" ON "promotion" ("code") `);
    await queryRunner.query(`CREATE INDEX "promotion_active_window" ON "promotion" ("active", "startsAt") `);
    await queryRunner.query(`CREATE TABLE "customer_purchase" ("lineId" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "orderId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "productId" varchar(36), "quantity" integer NOT NULL, "channel" varchar(20) NOT NULL, "purchasedAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "customer_purchase_customer" ON "customer_purchase" ("customerId", "purchasedAt") `);
    await queryRunner.query(`CREATE TABLE "co_purchase" ("productId" varchar(36) NOT NULL, "otherProductId" varchar(36) NOT NULL, "orders" integer NOT NULL DEFAULT (0), PRIMARY KEY ("productId", "otherProductId"))`);
    await queryRunner.query(`CREATE INDEX "co_purchase_other" ON "co_purchase" ("otherProductId") `);
    await queryRunner.query(`CREATE TABLE "product_sales" ("productId" varchar(36) PRIMARY KEY NOT NULL, "units" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`CREATE INDEX "product_sales_units" ON "product_sales" ("units") `);
    await queryRunner.query(`CREATE TABLE "category_affinity" ("customerId" varchar(36) NOT NULL, "category" varchar(200) NOT NULL, "score" integer NOT NULL DEFAULT (0), PRIMARY KEY ("customerId", "category"))`);
    await queryRunner.query(`CREATE INDEX "category_affinity_customer" ON "category_affinity" ("customerId", "score") `);
    await queryRunner.query(`CREATE TABLE "temporary_product" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "description" text NOT NULL DEFAULT (''), "brand" varchar(100), "categoryPath" text NOT NULL, "attributes" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "searchText" text NOT NULL DEFAULT (''))`);
    await queryRunner.query(`INSERT INTO "temporary_product"("id", "name", "description", "brand", "categoryPath", "attributes", "createdAt", "updatedAt") SELECT "id", "name", "description", "brand", "categoryPath", "attributes", "createdAt", "updatedAt" FROM "product"`);
    await queryRunner.query(`DROP TABLE "product"`);
    await queryRunner.query(`ALTER TABLE "temporary_product" RENAME TO "product"`);
    await queryRunner.query(`CREATE INDEX "product_name" ON "product" ("name", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "product_name"`);
    await queryRunner.query(`ALTER TABLE "product" RENAME TO "temporary_product"`);
    await queryRunner.query(`CREATE TABLE "product" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "description" text NOT NULL DEFAULT (''), "brand" varchar(100), "categoryPath" text NOT NULL, "attributes" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "product"("id", "name", "description", "brand", "categoryPath", "attributes", "createdAt", "updatedAt") SELECT "id", "name", "description", "brand", "categoryPath", "attributes", "createdAt", "updatedAt" FROM "temporary_product"`);
    await queryRunner.query(`DROP TABLE "temporary_product"`);
    await queryRunner.query(`DROP INDEX "category_affinity_customer"`);
    await queryRunner.query(`DROP TABLE "category_affinity"`);
    await queryRunner.query(`DROP INDEX "product_sales_units"`);
    await queryRunner.query(`DROP TABLE "product_sales"`);
    await queryRunner.query(`DROP INDEX "co_purchase_other"`);
    await queryRunner.query(`DROP TABLE "co_purchase"`);
    await queryRunner.query(`DROP INDEX "customer_purchase_customer"`);
    await queryRunner.query(`DROP TABLE "customer_purchase"`);
    await queryRunner.query(`DROP INDEX "promotion_active_window"`);
    await queryRunner.query(`DROP INDEX "promotion_code"`);
    await queryRunner.query(`DROP TABLE "promotion"`);
    await queryRunner.query(`DROP TABLE "channel_price_policy"`);
    await queryRunner.query(`DROP INDEX "product_facet_value"`);
    await queryRunner.query(`DROP TABLE "product_facet"`);
  }
}
