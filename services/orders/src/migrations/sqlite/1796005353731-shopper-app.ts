import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersShopperApp1796005353731 implements MigrationInterface {
  name = 'OrdersShopperApp1796005353731';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "wallet_top_up" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "idempotencyScope" varchar(120) NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "requestHash" varchar(64) NOT NULL, "status" varchar(20) NOT NULL, "amountCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "provider" varchar(40) NOT NULL, "paymentMethodId" varchar(36), "reference" varchar(120), "channel" varchar(20), "lastError" varchar(300), "attempts" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL, "settledAt" datetime)`);
    await queryRunner.query(`CREATE INDEX "wallet_top_up_customer" ON "wallet_top_up" ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "wallet_top_up_open" ON "wallet_top_up" ("status", "createdAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "wallet_top_up_key" ON "wallet_top_up" ("idempotencyScope", "idempotencyKey") `);
    await queryRunner.query(`CREATE TABLE "saved_payment_method" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "provider" varchar(40) NOT NULL, "token" varchar(200) NOT NULL, "brand" varchar(20) NOT NULL, "last4" varchar(4) NOT NULL, "expiresOn" varchar(10), "isDefault" boolean NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "saved_payment_method_customer" ON "saved_payment_method" ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE TABLE "shopping_list_item" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "autoFill" boolean NOT NULL DEFAULT (0), "intervalDays" integer, "nextFillOn" varchar(10), "remindedFor" varchar(10), "lastFillOn" varchar(10), "lastOrderId" varchar(36), "lastFailure" varchar(300), "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "shopping_list_item_fill" ON "shopping_list_item" ("autoFill", "nextFillOn") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "shopping_list_item_sku" ON "shopping_list_item" ("customerId", "sku") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "shopping_list_item_sku"`);
    await queryRunner.query(`DROP INDEX "shopping_list_item_fill"`);
    await queryRunner.query(`DROP TABLE "shopping_list_item"`);
    await queryRunner.query(`DROP INDEX "saved_payment_method_customer"`);
    await queryRunner.query(`DROP TABLE "saved_payment_method"`);
    await queryRunner.query(`DROP INDEX "wallet_top_up_key"`);
    await queryRunner.query(`DROP INDEX "wallet_top_up_open"`);
    await queryRunner.query(`DROP INDEX "wallet_top_up_customer"`);
    await queryRunner.query(`DROP TABLE "wallet_top_up"`);
  }
}
