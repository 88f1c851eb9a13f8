import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersShopperApp1796005355647 implements MigrationInterface {
  name = 'OrdersShopperApp1796005355647';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "orders"."wallet_top_up" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "idempotencyScope" character varying(120) NOT NULL, "idempotencyKey" character varying(100) NOT NULL, "requestHash" character varying(64) NOT NULL, "status" character varying(20) NOT NULL, "amountCents" integer NOT NULL, "currency" character varying(3) NOT NULL, "provider" character varying(40) NOT NULL, "paymentMethodId" character varying(36), "reference" character varying(120), "channel" character varying(20), "lastError" character varying(300), "attempts" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP NOT NULL, "settledAt" TIMESTAMP, CONSTRAINT "PK_3becdb41686a1aa5087930de772" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "wallet_top_up_customer" ON "orders"."wallet_top_up"  ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "wallet_top_up_open" ON "orders"."wallet_top_up"  ("status", "createdAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "wallet_top_up_key" ON "orders"."wallet_top_up"  ("idempotencyScope", "idempotencyKey") `);
    await queryRunner.query(`CREATE TABLE "orders"."saved_payment_method" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "provider" character varying(40) NOT NULL, "token" character varying(200) NOT NULL, "brand" character varying(20) NOT NULL, "last4" character varying(4) NOT NULL, "expiresOn" character varying(10), "isDefault" boolean NOT NULL DEFAULT false, "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_1b6b6a390a0c4c6405bcf76f12c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "saved_payment_method_customer" ON "orders"."saved_payment_method"  ("customerId", "createdAt") `);
    await queryRunner.query(`CREATE TABLE "orders"."shopping_list_item" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "quantity" integer NOT NULL, "autoFill" boolean NOT NULL DEFAULT false, "intervalDays" integer, "nextFillOn" character varying(10), "remindedFor" character varying(10), "lastFillOn" character varying(10), "lastOrderId" character varying(36), "lastFailure" character varying(300), "createdAt" TIMESTAMP NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_49653e92ab95247ceaea6700e2c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "shopping_list_item_fill" ON "orders"."shopping_list_item"  ("autoFill", "nextFillOn") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "shopping_list_item_sku" ON "orders"."shopping_list_item"  ("customerId", "sku") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."shopping_list_item_sku"`);
    await queryRunner.query(`DROP INDEX "orders"."shopping_list_item_fill"`);
    await queryRunner.query(`DROP TABLE "orders"."shopping_list_item"`);
    await queryRunner.query(`DROP INDEX "orders"."saved_payment_method_customer"`);
    await queryRunner.query(`DROP TABLE "orders"."saved_payment_method"`);
    await queryRunner.query(`DROP INDEX "orders"."wallet_top_up_key"`);
    await queryRunner.query(`DROP INDEX "orders"."wallet_top_up_open"`);
    await queryRunner.query(`DROP INDEX "orders"."wallet_top_up_customer"`);
    await queryRunner.query(`DROP TABLE "orders"."wallet_top_up"`);
  }
}
