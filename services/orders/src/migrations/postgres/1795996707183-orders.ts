import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795996707183 implements MigrationInterface {
  name = 'Orders1795996707183';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "orders"."order_payment" ("id" character varying(36) NOT NULL, "orderId" character varying(36) NOT NULL, "sequence" integer NOT NULL, "method" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "currency" character varying(3) NOT NULL, "amountCents" integer NOT NULL, "refundedCents" integer NOT NULL DEFAULT '0', "points" integer NOT NULL DEFAULT '0', "refundedPoints" integer NOT NULL DEFAULT '0', "provider" character varying(40), "reference" character varying(120), "giftCardLast4" character varying(4), "capturedAt" TIMESTAMP, "captureAttempts" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_28c756d4fd41223fedfbd2750e1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "order_payment_uncaptured" ON "orders"."order_payment"  ("capturedAt", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "order_payment_order" ON "orders"."order_payment"  ("orderId", "sequence") `);
    await queryRunner.query(`CREATE TABLE "orders"."payment_refund" ("id" character varying(36) NOT NULL, "orderId" character varying(36) NOT NULL, "paymentId" character varying(36) NOT NULL, "amountCents" integer NOT NULL, "points" integer NOT NULL DEFAULT '0', "reason" character varying(20) NOT NULL, "status" character varying(10) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "lastError" character varying(300), "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_9bcd6c17fe1fce78631fdb79633" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "payment_refund_pending" ON "orders"."payment_refund"  ("status", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "payment_refund_order" ON "orders"."payment_refund"  ("orderId") `);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "redeemedPoints"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "pointsCents"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "storeCreditCents"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "balanceDueCents" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "creditedCents" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "couponCodes" text NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "email" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "shippingAddress" text`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "idempotencyScope" character varying(120) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "requestHash" character varying(64) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "orders"."order_line" ADD "discountCents" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."order_line" ADD "settledQuantity" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" ADD "shippingAddress" text`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_order_idempotency" ON "orders"."customer_order"  ("idempotencyScope", "idempotencyKey") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."customer_order_idempotency"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey")`);
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" DROP COLUMN "shippingAddress"`);
    await queryRunner.query(`ALTER TABLE "orders"."order_line" DROP COLUMN "settledQuantity"`);
    await queryRunner.query(`ALTER TABLE "orders"."order_line" DROP COLUMN "discountCents"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "requestHash"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "idempotencyScope"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "shippingAddress"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "couponCodes"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "creditedCents"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "balanceDueCents"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "storeCreditCents" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "pointsCents" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "redeemedPoints" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`DROP INDEX "orders"."payment_refund_order"`);
    await queryRunner.query(`DROP INDEX "orders"."payment_refund_pending"`);
    await queryRunner.query(`DROP TABLE "orders"."payment_refund"`);
    await queryRunner.query(`DROP INDEX "orders"."order_payment_order"`);
    await queryRunner.query(`DROP INDEX "orders"."order_payment_uncaptured"`);
    await queryRunner.query(`DROP TABLE "orders"."order_payment"`);
  }
}
