import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795433059459 implements MigrationInterface {
  name = 'Orders1795433059459';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "orders"."order_return" ("id" character varying(36) NOT NULL, "rmaNumber" character varying(20) NOT NULL, "orderId" character varying(36) NOT NULL, "customerId" character varying(36), "channel" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "method" character varying(20) NOT NULL, "resolution" character varying(20) NOT NULL, "locationId" character varying(36), "labelCarrier" character varying(20), "labelTrackingNumber" character varying(40), "labelUrl" character varying(200), "idempotencyKey" character varying(100) NOT NULL, "refundCents" integer NOT NULL DEFAULT '0', "currency" character varying(3) NOT NULL, "exchangeFulfillment" character varying(500), "exchangeOrderId" character varying(36), "createdAt" TIMESTAMP NOT NULL, "receivedAt" TIMESTAMP, CONSTRAINT "UQ_d1f8cb336c60ee4e30eb842aa5c" UNIQUE ("rmaNumber"), CONSTRAINT "UQ_349b22480f7cc001a446ffa2778" UNIQUE ("idempotencyKey"), CONSTRAINT "PK_36413fb3df0d9d66ae67cbdcb9a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "order_return_order" ON "orders"."order_return"  ("orderId") `);
    await queryRunner.query(`CREATE INDEX "order_return_customer_created" ON "orders"."order_return"  ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE TABLE "orders"."order_return_line" ("id" character varying(36) NOT NULL, "returnId" character varying(36) NOT NULL, "orderLineId" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "quantity" integer NOT NULL, "receivedQuantity" integer NOT NULL DEFAULT '0', "reason" character varying(200) NOT NULL, "exchangeSku" character varying(64), CONSTRAINT "PK_49402b020a9dc896bfb025a1257" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "order_return_line_return" ON "orders"."order_return_line"  ("returnId") `);
    await queryRunner.query(`CREATE INDEX "order_return_line_order_line" ON "orders"."order_return_line"  ("orderLineId") `);
    await queryRunner.query(`CREATE TABLE "orders"."replenishment_subscription" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "channel" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "sku" character varying(64) NOT NULL, "quantity" integer NOT NULL, "intervalDays" integer NOT NULL, "nextRunOn" character varying(10) NOT NULL, "fulfillmentType" character varying(20) NOT NULL, "pickupLocationId" character varying(36), "address" character varying(500), "lastRunOn" character varying(10), "lastOrderId" character varying(36), "lastFailure" character varying(300), "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_4e79e5a8f85f4f2ccf80cd08029" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "replenishment_subscription_customer" ON "orders"."replenishment_subscription"  ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "replenishment_subscription_due" ON "orders"."replenishment_subscription"  ("status", "nextRunOn") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."replenishment_subscription_due"`);
    await queryRunner.query(`DROP INDEX "orders"."replenishment_subscription_customer"`);
    await queryRunner.query(`DROP TABLE "orders"."replenishment_subscription"`);
    await queryRunner.query(`DROP INDEX "orders"."order_return_line_order_line"`);
    await queryRunner.query(`DROP INDEX "orders"."order_return_line_return"`);
    await queryRunner.query(`DROP TABLE "orders"."order_return_line"`);
    await queryRunner.query(`DROP INDEX "orders"."order_return_customer_created"`);
    await queryRunner.query(`DROP INDEX "orders"."order_return_order"`);
    await queryRunner.query(`DROP TABLE "orders"."order_return"`);
  }
}
