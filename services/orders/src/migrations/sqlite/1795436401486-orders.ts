import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795436401486 implements MigrationInterface {
  name = 'Orders1795436401486';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`CREATE TABLE "temporary_customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "redeemedPoints" integer NOT NULL DEFAULT (0), "pointsCents" integer NOT NULL DEFAULT (0), "storeCreditCents" integer NOT NULL DEFAULT (0), "partnerId" varchar(100), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"))`);
    await queryRunner.query(`INSERT INTO "temporary_customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "redeemedPoints", "pointsCents", "storeCreditCents") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "redeemedPoints", "pointsCents", "storeCreditCents" FROM "customer_order"`);
    await queryRunner.query(`DROP TABLE "customer_order"`);
    await queryRunner.query(`ALTER TABLE "temporary_customer_order" RENAME TO "customer_order"`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_order_customer_placed"`);
    await queryRunner.query(`ALTER TABLE "customer_order" RENAME TO "temporary_customer_order"`);
    await queryRunner.query(`CREATE TABLE "customer_order" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "status" varchar(30) NOT NULL, "placedAt" datetime NOT NULL, "currency" varchar(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "totalCents" integer NOT NULL, "idempotencyKey" varchar(100) NOT NULL, "externalRef" varchar(100), "redeemedPoints" integer NOT NULL DEFAULT (0), "pointsCents" integer NOT NULL DEFAULT (0), "storeCreditCents" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"))`);
    await queryRunner.query(`INSERT INTO "customer_order"("id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "redeemedPoints", "pointsCents", "storeCreditCents") SELECT "id", "number", "customerId", "channel", "status", "placedAt", "currency", "subtotalCents", "discountCents", "totalCents", "idempotencyKey", "externalRef", "redeemedPoints", "pointsCents", "storeCreditCents" FROM "temporary_customer_order"`);
    await queryRunner.query(`DROP TABLE "temporary_customer_order"`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "customer_order" ("customerId", "placedAt") `);
  }
}
