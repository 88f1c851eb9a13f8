import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795433058481 implements MigrationInterface {
  name = 'Orders1795433058481';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "order_return" ("id" varchar(36) PRIMARY KEY NOT NULL, "rmaNumber" varchar(20) NOT NULL, "orderId" varchar(36) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "method" varchar(20) NOT NULL, "resolution" varchar(20) NOT NULL, "locationId" varchar(36), "labelCarrier" varchar(20), "labelTrackingNumber" varchar(40), "labelUrl" varchar(200), "idempotencyKey" varchar(100) NOT NULL, "refundCents" integer NOT NULL DEFAULT (0), "currency" varchar(3) NOT NULL, "exchangeFulfillment" varchar(500), "exchangeOrderId" varchar(36), "createdAt" datetime NOT NULL, "receivedAt" datetime, CONSTRAINT "UQ_d1f8cb336c60ee4e30eb842aa5c" UNIQUE ("rmaNumber"), CONSTRAINT "UQ_349b22480f7cc001a446ffa2778" UNIQUE ("idempotencyKey"))`);
    await queryRunner.query(`CREATE INDEX "order_return_order" ON "order_return" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "order_return_customer_created" ON "order_return" ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE TABLE "order_return_line" ("id" varchar(36) PRIMARY KEY NOT NULL, "returnId" varchar(36) NOT NULL, "orderLineId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "receivedQuantity" integer NOT NULL DEFAULT (0), "reason" varchar(200) NOT NULL, "exchangeSku" varchar(64))`);
    await queryRunner.query(`CREATE INDEX "order_return_line_return" ON "order_return_line" ("returnId") `);
    await queryRunner.query(`CREATE INDEX "order_return_line_order_line" ON "order_return_line" ("orderLineId") `);
    await queryRunner.query(`CREATE TABLE "replenishment_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "channel" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "intervalDays" integer NOT NULL, "nextRunOn" varchar(10) NOT NULL, "fulfillmentType" varchar(20) NOT NULL, "pickupLocationId" varchar(36), "address" varchar(500), "lastRunOn" varchar(10), "lastOrderId" varchar(36), "lastFailure" varchar(300), "createdAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "replenishment_subscription_customer" ON "replenishment_subscription" ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "replenishment_subscription_due" ON "replenishment_subscription" ("status", "nextRunOn") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "replenishment_subscription_due"`);
    await queryRunner.query(`DROP INDEX "replenishment_subscription_customer"`);
    await queryRunner.query(`DROP TABLE "replenishment_subscription"`);
    await queryRunner.query(`DROP INDEX "order_return_line_order_line"`);
    await queryRunner.query(`DROP INDEX "order_return_line_return"`);
    await queryRunner.query(`DROP TABLE "order_return_line"`);
    await queryRunner.query(`DROP INDEX "order_return_customer_created"`);
    await queryRunner.query(`DROP INDEX "order_return_order"`);
    await queryRunner.query(`DROP TABLE "order_return"`);
  }
}
