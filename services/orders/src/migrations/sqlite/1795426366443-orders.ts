import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795426366443 implements MigrationInterface {
  name = 'Orders1795426366443';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "processed_event" ("consumer" varchar(80) NOT NULL, "eventId" varchar(36) NOT NULL, "processedAt" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "outbox_event" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "eventId" varchar(36) NOT NULL, "type" varchar(120) NOT NULL, "envelope" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "publishedAt" datetime, "attempts" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "outbox_event" ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"))`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
    await queryRunner.query(`CREATE TABLE "order_line" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "position" integer NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "unitPriceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "status" varchar(20) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "order_line_order" ON "order_line" ("orderId") `);
    await queryRunner.query(`CREATE TABLE "fulfillment" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "type" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "locationId" varchar(36), "trackingNumber" varchar(60), "promisedDate" varchar(10))`);
    await queryRunner.query(`CREATE INDEX "fulfillment_order" ON "fulfillment" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "fulfillment_location" ON "fulfillment" ("locationId") `);
    await queryRunner.query(`CREATE TABLE "fulfillment_line" ("fulfillmentId" varchar(36) NOT NULL, "orderLineId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, PRIMARY KEY ("fulfillmentId", "orderLineId"))`);
    await queryRunner.query(`CREATE TABLE "order_history" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "at" datetime NOT NULL DEFAULT (datetime('now')), "channel" varchar(20), "actor" varchar(100), "event" varchar(200) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "order_history_order" ON "order_history" ("orderId", "at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "order_history_order"`);
    await queryRunner.query(`DROP TABLE "order_history"`);
    await queryRunner.query(`DROP TABLE "fulfillment_line"`);
    await queryRunner.query(`DROP INDEX "fulfillment_location"`);
    await queryRunner.query(`DROP INDEX "fulfillment_order"`);
    await queryRunner.query(`DROP TABLE "fulfillment"`);
    await queryRunner.query(`DROP INDEX "order_line_order"`);
    await queryRunner.query(`DROP TABLE "order_line"`);
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`DROP TABLE "customer_order"`);
    await queryRunner.query(`DROP INDEX "outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
  }
}
