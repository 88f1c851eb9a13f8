import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795431978155 implements MigrationInterface {
  name = 'Catalog1795431978155';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."product_facet" ("productId" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "value" character varying(200) NOT NULL, CONSTRAINT "PK_058d8d8ee1c296d7a5b98b12cd5" PRIMARY KEY ("productId", "name", "value"))`);
    await queryRunner.query(`CREATE INDEX "product_facet_value" ON "catalog"."product_facet"  ("name", "value", "productId") `);
    await queryRunner.query(`CREATE TABLE "catalog"."channel_price_policy" ("channel" character varying(20) NOT NULL, "allowDeviation" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_1ff98f7866936951bb10f7d2814" PRIMARY KEY ("channel"))`);
    await queryRunner.query(`CREATE TABLE "catalog"."promotion" ("id" character varying(36) NOT NULL, "name" character varying(200) NOT NULL, "code" character varying(40), "kind" character varying(20) NOT NULL, "value" integer NOT NULL, "currency" character varying(3), "channels" text NOT NULL, "minSubtotalCents" integer, "minTier" character varying(20), "startsAt" TIMESTAMP, "endsAt" TIMESTAMP, "active" boolean NOT NULL DEFAULT true, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_fab3630e0789a2002f1cadb7d38" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "promotion_code" ON "catalog"."promotion"  ("code") `);
    await queryRunner.query(`CREATE INDEX "promotion_active_window" ON "catalog"."promotion"  ("active", "startsAt") `);
    await queryRunner.query(`CREATE TABLE "catalog"."customer_purchase" ("lineId" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "orderId" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "productId" character varying(36), "quantity" integer NOT NULL, "channel" character varying(20) NOT NULL, "purchasedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_becd8399b5a559055611814444a" PRIMARY KEY ("lineId"))`);
    await queryRunner.query(`CREATE INDEX "customer_purchase_customer" ON "catalog"."customer_purchase"  ("customerId", "purchasedAt") `);
    await queryRunner.query(`CREATE TABLE "catalog"."co_purchase" ("productId" character varying(36) NOT NULL, "otherProductId" character varying(36) NOT NULL, "orders" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_f5c1639f191f4c0effd419fa1b9" PRIMARY KEY ("productId", "otherProductId"))`);
    await queryRunner.query(`CREATE INDEX "co_purchase_other" ON "catalog"."co_purchase"  ("otherProductId") `);
    await queryRunner.query(`CREATE TABLE "catalog"."product_sales" ("productId" character varying(36) NOT NULL, "units" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_52f4d914ccec1dca35f149f34b7" PRIMARY KEY ("productId"))`);
    await queryRunner.query(`CREATE INDEX "product_sales_units" ON "catalog"."product_sales"  ("units") `);
    await queryRunner.query(`CREATE TABLE "catalog"."category_affinity" ("customerId" character varying(36) NOT NULL, "category" character varying(200) NOT NULL, "score" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_65d9d9e065913251fcef1e61458" PRIMARY KEY ("customerId", "category"))`);
    await queryRunner.query(`CREATE INDEX "category_affinity_customer" ON "catalog"."category_affinity"  ("customerId", "score") `);
    await queryRunner.query(`ALTER TABLE "catalog"."product" ADD "searchText" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`CREATE INDEX "product_name" ON "catalog"."product"  ("name", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."product_name"`);
    await queryRunner.query(`ALTER TABLE "catalog"."product" DROP COLUMN "searchText"`);
    await queryRunner.query(`DROP INDEX "catalog"."category_affinity_customer"`);
    await queryRunner.query(`DROP TABLE "catalog"."category_affinity"`);
    await queryRunner.query(`DROP INDEX "catalog"."product_sales_units"`);
    await queryRunner.query(`DROP TABLE "catalog"."product_sales"`);
    await queryRunner.query(`DROP INDEX "catalog"."co_purchase_other"`);
    await queryRunner.query(`DROP TABLE "catalog"."co_purchase"`);
    await queryRunner.query(`DROP INDEX "catalog"."customer_purchase_customer"`);
    await queryRunner.query(`DROP TABLE "catalog"."customer_purchase"`);
    await queryRunner.query(`DROP INDEX "catalog"."promotion_active_window"`);
    await queryRunner.query(`DROP INDEX "catalog"."promotion_code"`);
    await queryRunner.query(`DROP TABLE "catalog"."promotion"`);
    await queryRunner.query(`DROP TABLE "catalog"."channel_price_policy"`);
    await queryRunner.query(`DROP INDEX "catalog"."product_facet_value"`);
    await queryRunner.query(`DROP TABLE "catalog"."product_facet"`);
  }
}
