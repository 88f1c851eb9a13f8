import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FulfillmentKpis1796005247516 implements MigrationInterface {
  name = 'FulfillmentKpis1796005247516';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "fulfillment_location"`);
    await queryRunner.query(`DROP INDEX "fulfillment_order"`);
    await queryRunner.query(`CREATE TABLE "temporary_fulfillment" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "type" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "locationId" varchar(36), "trackingNumber" varchar(60), "promisedDate" varchar(10), "sourceLocationId" varchar(36), "arrivedAt" datetime, "leftAt" datetime, "shippingAddress" text, "readyAt" datetime)`);
    await queryRunner.query(`INSERT INTO "temporary_fulfillment"("id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt", "leftAt", "shippingAddress") SELECT "id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt", "leftAt", "shippingAddress" FROM "fulfillment"`);
    await queryRunner.query(`DROP TABLE "fulfillment"`);
    await queryRunner.query(`ALTER TABLE "temporary_fulfillment" RENAME TO "fulfillment"`);
    await queryRunner.query(`CREATE INDEX "fulfillment_location" ON "fulfillment" ("locationId") `);
    await queryRunner.query(`CREATE INDEX "fulfillment_order" ON "fulfillment" ("orderId") `);
    await queryRunner.query(`CREATE TABLE "temporary_fulfillment_line" ("fulfillmentId" varchar(36) NOT NULL, "orderLineId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "pickedQuantity" integer, "substituteSku" varchar(64), PRIMARY KEY ("fulfillmentId", "orderLineId"))`);
    await queryRunner.query(`INSERT INTO "temporary_fulfillment_line"("fulfillmentId", "orderLineId", "sku", "quantity") SELECT "fulfillmentId", "orderLineId", "sku", "quantity" FROM "fulfillment_line"`);
    await queryRunner.query(`DROP TABLE "fulfillment_line"`);
    await queryRunner.query(`ALTER TABLE "temporary_fulfillment_line" RENAME TO "fulfillment_line"`);
    await queryRunner.query(`CREATE INDEX "customer_order_placed" ON "customer_order" ("placedAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_order_placed"`);
    await queryRunner.query(`ALTER TABLE "fulfillment_line" RENAME TO "temporary_fulfillment_line"`);
    await queryRunner.query(`CREATE TABLE "fulfillment_line" ("fulfillmentId" varchar(36) NOT NULL, "orderLineId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, PRIMARY KEY ("fulfillmentId", "orderLineId"))`);
    await queryRunner.query(`INSERT INTO "fulfillment_line"("fulfillmentId", "orderLineId", "sku", "quantity") SELECT "fulfillmentId", "orderLineId", "sku", "quantity" FROM "temporary_fulfillment_line"`);
    await queryRunner.query(`DROP TABLE "temporary_fulfillment_line"`);
    await queryRunner.query(`DROP INDEX "fulfillment_order"`);
    await queryRunner.query(`DROP INDEX "fulfillment_location"`);
    await queryRunner.query(`ALTER TABLE "fulfillment" RENAME TO "temporary_fulfillment"`);
    await queryRunner.query(`CREATE TABLE "fulfillment" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "type" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "locationId" varchar(36), "trackingNumber" varchar(60), "promisedDate" varchar(10), "sourceLocationId" varchar(36), "arrivedAt" datetime, "leftAt" datetime, "shippingAddress" text)`);
    await queryRunner.query(`INSERT INTO "fulfillment"("id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt", "leftAt", "shippingAddress") SELECT "id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt", "leftAt", "shippingAddress" FROM "temporary_fulfillment"`);
    await queryRunner.query(`DROP TABLE "temporary_fulfillment"`);
    await queryRunner.query(`CREATE INDEX "fulfillment_order" ON "fulfillment" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "fulfillment_location" ON "fulfillment" ("locationId") `);
  }
}
