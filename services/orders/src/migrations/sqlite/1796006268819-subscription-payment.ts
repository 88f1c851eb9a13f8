import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersSubscriptionPayment1796006268819 implements MigrationInterface {
  name = 'OrdersSubscriptionPayment1796006268819';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "replenishment_subscription_customer"`);
    await queryRunner.query(`DROP INDEX "replenishment_subscription_due"`);
    await queryRunner.query(`CREATE TABLE "temporary_replenishment_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "channel" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "intervalDays" integer NOT NULL, "nextRunOn" varchar(10) NOT NULL, "fulfillmentType" varchar(20) NOT NULL, "pickupLocationId" varchar(36), "address" varchar(500), "lastRunOn" varchar(10), "lastOrderId" varchar(36), "lastFailure" varchar(300), "createdAt" datetime NOT NULL, "lines" text NOT NULL DEFAULT ('[]'), "paymentMethodId" varchar(36), "useStoreCredit" boolean NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "temporary_replenishment_subscription"("id", "customerId", "channel", "status", "sku", "quantity", "intervalDays", "nextRunOn", "fulfillmentType", "pickupLocationId", "address", "lastRunOn", "lastOrderId", "lastFailure", "createdAt", "lines") SELECT "id", "customerId", "channel", "status", "sku", "quantity", "intervalDays", "nextRunOn", "fulfillmentType", "pickupLocationId", "address", "lastRunOn", "lastOrderId", "lastFailure", "createdAt", "lines" FROM "replenishment_subscription"`);
    await queryRunner.query(`DROP TABLE "replenishment_subscription"`);
    await queryRunner.query(`ALTER TABLE "temporary_replenishment_subscription" RENAME TO "replenishment_subscription"`);
    await queryRunner.query(`CREATE INDEX "replenishment_subscription_customer" ON "replenishment_subscription" ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "replenishment_subscription_due" ON "replenishment_subscription" ("status", "nextRunOn") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "replenishment_subscription_due"`);
    await queryRunner.query(`DROP INDEX "replenishment_subscription_customer"`);
    await queryRunner.query(`ALTER TABLE "replenishment_subscription" RENAME TO "temporary_replenishment_subscription"`);
    await queryRunner.query(`CREATE TABLE "replenishment_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "channel" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "intervalDays" integer NOT NULL, "nextRunOn" varchar(10) NOT NULL, "fulfillmentType" varchar(20) NOT NULL, "pickupLocationId" varchar(36), "address" varchar(500), "lastRunOn" varchar(10), "lastOrderId" varchar(36), "lastFailure" varchar(300), "createdAt" datetime NOT NULL, "lines" text NOT NULL DEFAULT ('[]'))`);
    await queryRunner.query(`INSERT INTO "replenishment_subscription"("id", "customerId", "channel", "status", "sku", "quantity", "intervalDays", "nextRunOn", "fulfillmentType", "pickupLocationId", "address", "lastRunOn", "lastOrderId", "lastFailure", "createdAt", "lines") SELECT "id", "customerId", "channel", "status", "sku", "quantity", "intervalDays", "nextRunOn", "fulfillmentType", "pickupLocationId", "address", "lastRunOn", "lastOrderId", "lastFailure", "createdAt", "lines" FROM "temporary_replenishment_subscription"`);
    await queryRunner.query(`DROP TABLE "temporary_replenishment_subscription"`);
    await queryRunner.query(`CREATE INDEX "replenishment_subscription_due" ON "replenishment_subscription" ("status", "nextRunOn") `);
    await queryRunner.query(`CREATE INDEX "replenishment_subscription_customer" ON "replenishment_subscription" ("customerId", "createdAt") `);
  }
}
