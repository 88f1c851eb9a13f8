import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795996706866 implements MigrationInterface {
  name = 'Orders1795996706866';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "order_payment" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "sequence" integer NOT NULL, "method" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "currency" varchar(3) NOT NULL, "amountCents" integer NOT NULL, "refundedCents" integer NOT NULL DEFAULT (0), "points" integer NOT NULL DEFAULT (0), "refundedPoints" integer NOT NULL DEFAULT (0), "provider" varchar(40), "reference" varchar(120), "giftCardLast4" varchar(4), "capturedAt" datetime, "captureAttempts" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "order_payment_uncaptured" ON "order_payment" ("capturedAt", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "order_payment_order" ON "order_payment" ("orderId", "sequence") `);
    await queryRunner.query(`CREATE TABLE "payment_refund" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "paymentId" varchar(36) NOT NULL, "amountCents" integer NOT NULL, "points" integer NOT NULL DEFAULT (0), "reason" varchar(20) NOT NULL, "status" varchar(10) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" varchar(300), "createdAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "payment_refund_pending" ON "payment_refund" ("status", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "payment_refund_order" ON "payment_refund" ("orderId") `);
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`CREATE TABLE "temporary_customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "partnerId" varchar(100), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"))`);
    await queryRunner.query(`INSERT INTO "temporary_customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId" FROM "customer_order"`);
    await queryRunner.query(`DROP TABLE "customer_order"`);
    await queryRunner.query(`ALTER TABLE "temporary_customer_order" RENAME TO "customer_order"`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`CREATE TABLE "temporary_customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "partnerId" varchar(100), "balanceDueCents" integer NOT NULL DEFAULT (0), "creditedCents" integer NOT NULL DEFAULT (0), "couponCodes" text NOT NULL DEFAULT ('[]'), "email" varchar(254), "shippingAddress" text, "idempotencyScope" varchar(120) NOT NULL DEFAULT (''), "requestHash" varchar(64) NOT NULL DEFAULT (''), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"))`);
    await queryRunner.query(`INSERT INTO "temporary_customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId" FROM "customer_order"`);
    await queryRunner.query(`DROP TABLE "customer_order"`);
    await queryRunner.query(`ALTER TABLE "temporary_customer_order" RENAME TO "customer_order"`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
    await queryRunner.query(`DROP INDEX "order_line_order"`);
    await queryRunner.query(`CREATE TABLE "temporary_order_line" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "position" integer NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "unitPriceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "status" varchar(20) NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "settledQuantity" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "temporary_order_line"("id", "orderId", "position", "sku", "quantity", "unitPriceCents", "currency", "status") SELECT "id", "orderId", "position", "sku", "quantity", "unitPriceCents", "currency", "status" FROM "order_line"`);
    await queryRunner.query(`DROP TABLE "order_line"`);
    await queryRunner.query(`ALTER TABLE "temporary_order_line" RENAME TO "order_line"`);
    await queryRunner.query(`CREATE INDEX "order_line_order" ON "order_line" ("orderId") `);
    await queryRunner.query(`DROP INDEX "fulfillment_order"`);
    await queryRunner.query(`DROP INDEX "fulfillment_location"`);
    await queryRunner.query(`CREATE TABLE "temporary_fulfillment" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "type" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "locationId" varchar(36), "trackingNumber" varchar(60), "promisedDate" varchar(10), "sourceLocationId" varchar(36), "arrivedAt" datetime, "leftAt" datetime, "shippingAddress" text)`);
    await queryRunner.query(`INSERT INTO "temporary_fulfillment"("id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt", "leftAt") SELECT "id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt", "leftAt" FROM "fulfillment"`);
    await queryRunner.query(`DROP TABLE "fulfillment"`);
    await queryRunner.query(`ALTER TABLE "temporary_fulfillment" RENAME TO "fulfillment"`);
    await queryRunner.query(`CREATE INDEX "fulfillment_order" ON "fulfillment" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "fulfillment_location" ON "fulfillment" ("locationId") `);
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`CREATE TABLE "temporary_customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "partnerId" varchar(100), "balanceDueCents" integer NOT NULL DEFAULT (0), "creditedCents" integer NOT NULL DEFAULT (0), "couponCodes" text NOT NULL DEFAULT ('[]'), "email" varchar(254), "shippingAddress" text, "idempotencyScope" varchar(120) NOT NULL DEFAULT (''), "requestHash" varchar(64) NOT NULL DEFAULT (''), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"))`);
    await queryRunner.query(`INSERT INTO "temporary_customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId", "balanceDueCents", "creditedCents", "couponCodes", "email", "shippingAddress", "idempotencyScope", "requestHash") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId", "balanceDueCents", "creditedCents", "couponCodes", "email", "shippingAddress", "idempotencyScope", "requestHash" FROM "customer_order"`);
    await queryRunner.query(`DROP TABLE "customer_order"`);
    await queryRunner.query(`ALTER TABLE "temporary_customer_order" RENAME TO "customer_order"`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_order_idempotency" ON "customer_order" ("idempotencyScope", "idempotencyKey") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_order_idempotency"`);
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`ALTER TABLE "customer_order" RENAME TO "temporary_customer_order"`);
    await queryRunner.query(`CREATE TABLE "customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "partnerId" varchar(100), "balanceDueCents" integer NOT NULL DEFAULT (0), "creditedCents" integer NOT NULL DEFAULT (0), "couponCodes" text NOT NULL DEFAULT ('[]'), "email" varchar(254), "shippingAddress" text, "idempotencyScope" varchar(120) NOT NULL DEFAULT (''), "requestHash" varchar(64) NOT NULL DEFAULT (''), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"))`);
    await queryRunner.query(`INSERT INTO "customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId", "balanceDueCents", "creditedCents", "couponCodes", "email", "shippingAddress", "idempotencyScope", "requestHash") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId", "balanceDueCents", "creditedCents", "couponCodes", "email", "shippingAddress", "idempotencyScope", "requestHash" FROM "temporary_customer_order"`);
    await queryRunner.query(`DROP TABLE "temporary_customer_order"`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
    await queryRunner.query(`DROP INDEX "fulfillment_location"`);
    await queryRunner.query(`DROP INDEX "fulfillment_order"`);
    await queryRunner.query(`ALTER TABLE "fulfillment" RENAME TO "temporary_fulfillment"`);
    await queryRunner.query(`CREATE TABLE "fulfillment" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "type" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "locationId" varchar(36), "trackingNumber" varchar(60), "promisedDate" varchar(10), "sourceLocationId" varchar(36), "arrivedAt" datetime, "leftAt" datetime)`);
    await queryRunner.query(`INSERT INTO "fulfillment"("id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt", "leftAt") SELECT "id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt", "leftAt" FROM "temporary_fulfillment"`);
    await queryRunner.query(`DROP TABLE "temporary_fulfillment"`);
    await queryRunner.query(`CREATE INDEX "fulfillment_location" ON "fulfillment" ("locationId") `);
    await queryRunner.query(`CREATE INDEX "fulfillment_order" ON "fulfillment" ("orderId") `);
    await queryRunner.query(`DROP INDEX "order_line_order"`);
    await queryRunner.query(`ALTER TABLE "order_line" RENAME TO "temporary_order_line"`);
    await queryRunner.query(`CREATE TABLE "order_line" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "position" integer NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "unitPriceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "status" varchar(20) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "order_line"("id", "orderId", "position", "sku", "quantity", "unitPriceCents", "currency", "status") SELECT "id", "orderId", "position", "sku", "quantity", "unitPriceCents", "currency", "status" FROM "temporary_order_line"`);
    await queryRunner.query(`DROP TABLE "temporary_order_line"`);
    await queryRunner.query(`CREATE INDEX "order_line_order" ON "order_line" ("orderId") `);
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`ALTER TABLE "customer_order" RENAME TO "temporary_customer_order"`);
    await queryRunner.query(`CREATE TABLE "customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "partnerId" varchar(100), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"))`);
    await queryRunner.query(`INSERT INTO "customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId" FROM "temporary_customer_order"`);
    await queryRunner.query(`DROP TABLE "temporary_customer_order"`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`ALTER TABLE "customer_order" RENAME TO "temporary_customer_order"`);
    await queryRunner.query(`CREATE TABLE "customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "redeemedPoints" integer NOT NULL DEFAULT (0), "pointsCents" integer NOT NULL DEFAULT (0), "storeCreditCents" integer NOT NULL DEFAULT (0), "partnerId" varchar(100), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"))`);
    await queryRunner.query(`INSERT INTO "customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId" FROM "temporary_customer_order"`);
    await queryRunner.query(`DROP TABLE "temporary_customer_order"`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
    await queryRunner.query(`DROP INDEX "payment_refund_order"`);
    await queryRunner.query(`DROP INDEX "payment_refund_pending"`);
    await queryRunner.query(`DROP TABLE "payment_refund"`);
    await queryRunner.query(`DROP INDEX "order_payment_order"`);
    await queryRunner.query(`DROP INDEX "order_payment_uncaptured"`);
    await queryRunner.query(`DROP TABLE "order_payment"`);
  }
}
