import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An idempotency key is unique per caller's scope, no longer on its own (the table is rebuilt without that constraint). */
export class Orders1795997382793 implements MigrationInterface {
  name = 'Orders1795997382793';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_order_idempotency"`);
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`CREATE TABLE "temporary_customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "partnerId" varchar(100), "balanceDueCents" integer NOT NULL DEFAULT (0), "creditedCents" integer NOT NULL DEFAULT (0), "couponCodes" text NOT NULL DEFAULT ('[]'), "email" varchar(254), "shippingAddress" text, "idempotencyScope" varchar(120) NOT NULL DEFAULT (''), "requestHash" varchar(64) NOT NULL DEFAULT (''), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"))`);
    await queryRunner.query(`INSERT INTO "temporary_customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId", "balanceDueCents", "creditedCents", "couponCodes", "email", "shippingAddress", "idempotencyScope", "requestHash") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "partnerId", "balanceDueCents", "creditedCents", "couponCodes", "email", "shippingAddress", "idempotencyScope", "requestHash" FROM "customer_order"`);
    await queryRunner.query(`DROP TABLE "customer_order"`);
    await queryRunner.query(`ALTER TABLE "temporary_customer_order" RENAME TO "customer_order"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_order_idempotency" ON "customer_order" ("idempotencyScope", "idempotencyKey") `);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
  }

  async down(): Promise<void> {
    throw new Error('irreversible: keys of different callers may now share a value');
  }
}
