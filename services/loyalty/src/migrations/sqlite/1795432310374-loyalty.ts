import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Loyalty1795432310374 implements MigrationInterface {
  name = 'Loyalty1795432310374';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "earn_rule" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(120) NOT NULL, "trigger" varchar(20) NOT NULL, "engagementKind" varchar(20), "pointsPerUnitMilli" integer, "fixedPoints" integer, "multiplierMilli" integer, "categoryPath" text, "channels" text, "minTier" varchar(20), "startsAt" datetime, "endsAt" datetime, "maxPerPeriod" integer, "capPeriod" varchar(10), "active" boolean NOT NULL, "updatedAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "earn_rule_trigger" ON "earn_rule" ("trigger", "active") `);
    await queryRunner.query(`CREATE TABLE "earned_line" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "orderId" varchar(36) NOT NULL, "orderLineId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "points" integer NOT NULL, "returnedQuantity" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "earned_line_order_line" ON "earned_line" ("orderId", "orderLineId") `);
    await queryRunner.query(`CREATE TABLE "stored_value_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(20) NOT NULL, "code" varchar(32), "customerId" varchar(36), "purchaserCustomerId" varchar(36), "currency" varchar(3) NOT NULL, "balanceCents" integer NOT NULL DEFAULT (0), "heldCents" integer NOT NULL DEFAULT (0), "idempotencyKey" varchar(120), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_e49cfe2c662bc7c26769059f6d0" UNIQUE ("code"), CONSTRAINT "UQ_f72798485fc7fe631f646c0acd6" UNIQUE ("idempotencyKey"))`);
    await queryRunner.query(`CREATE INDEX "stored_value_purchaser" ON "stored_value_account" ("purchaserCustomerId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "stored_value_wallet" ON "stored_value_account" ("customerId", "currency") `);
    await queryRunner.query(`CREATE TABLE "stored_value_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "amountCents" integer NOT NULL, "reason" varchar(200) NOT NULL, "channel" varchar(20), "ref" varchar(120), "occurredAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "stored_value_entry_ref" ON "stored_value_entry" ("ref") `);
    await queryRunner.query(`CREATE INDEX "stored_value_entry_account" ON "stored_value_entry" ("accountId", "occurredAt") `);
    await queryRunner.query(`CREATE TABLE "hold" ("id" varchar(36) PRIMARY KEY NOT NULL, "target" varchar(20) NOT NULL, "accountId" varchar(36) NOT NULL, "amount" integer NOT NULL, "currency" varchar(3), "status" varchar(20) NOT NULL, "orderRef" varchar(120) NOT NULL, "idempotencyKey" varchar(120) NOT NULL, "createdAt" datetime NOT NULL, "expiresAt" datetime NOT NULL, "settledAt" datetime, CONSTRAINT "UQ_159a27dba4a2f39c1e125bc6a24" UNIQUE ("idempotencyKey"))`);
    await queryRunner.query(`CREATE INDEX "hold_account" ON "hold" ("accountId") `);
    await queryRunner.query(`CREATE INDEX "hold_open" ON "hold" ("status", "expiresAt") `);
    await queryRunner.query(`CREATE TABLE "temporary_loyalty_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "cardNumber" varchar(19) NOT NULL, "tier" varchar(20) NOT NULL, "pointsBalance" integer NOT NULL DEFAULT (0), "lifetimePoints" integer NOT NULL DEFAULT (0), "enrolledAt" datetime NOT NULL DEFAULT (datetime('now')), "heldPoints" integer NOT NULL DEFAULT (0), "lastActivityAt" datetime NOT NULL DEFAULT (CURRENT_TIMESTAMP), "mergedIntoId" varchar(36), CONSTRAINT "UQ_b79ba3968c2bc466af614985222" UNIQUE ("cardNumber"), CONSTRAINT "UQ_b79050011bf71dd6971c7b3b837" UNIQUE ("customerId"))`);
    await queryRunner.query(`INSERT INTO "temporary_loyalty_account"("id", "customerId", "cardNumber", "tier", "pointsBalance", "lifetimePoints", "enrolledAt") SELECT "id", "customerId", "cardNumber", "tier", "pointsBalance", "lifetimePoints", "enrolledAt" FROM "loyalty_account"`);
    await queryRunner.query(`DROP TABLE "loyalty_account"`);
    await queryRunner.query(`ALTER TABLE "temporary_loyalty_account" RENAME TO "loyalty_account"`);
    await queryRunner.query(`DROP INDEX "ledger_entry_account"`);
    await queryRunner.query(`DROP INDEX "ledger_entry_order"`);
    await queryRunner.query(`CREATE TABLE "temporary_ledger_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "points" integer NOT NULL, "reason" varchar(200) NOT NULL, "channel" varchar(20), "orderId" varchar(36), "occurredAt" datetime NOT NULL, "engagementKind" varchar(20), "ref" varchar(120), "ruleIds" varchar(400))`);
    await queryRunner.query(`INSERT INTO "temporary_ledger_entry"("id", "accountId", "kind", "points", "reason", "channel", "orderId", "occurredAt") SELECT "id", "accountId", "kind", "points", "reason", "channel", "orderId", "occurredAt" FROM "ledger_entry"`);
    await queryRunner.query(`DROP TABLE "ledger_entry"`);
    await queryRunner.query(`ALTER TABLE "temporary_ledger_entry" RENAME TO "ledger_entry"`);
    await queryRunner.query(`CREATE INDEX "ledger_entry_account" ON "ledger_entry" ("accountId", "occurredAt") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_order" ON "ledger_entry" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "loyalty_account_activity" ON "loyalty_account" ("lastActivityAt") `);
    await queryRunner.query(`CREATE INDEX "loyalty_account_merged_into" ON "loyalty_account" ("mergedIntoId") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_ref" ON "ledger_entry" ("ref") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_engagement" ON "ledger_entry" ("accountId", "engagementKind", "occurredAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ledger_entry_engagement"`);
    await queryRunner.query(`DROP INDEX "ledger_entry_ref"`);
    await queryRunner.query(`DROP INDEX "loyalty_account_merged_into"`);
    await queryRunner.query(`DROP INDEX "loyalty_account_activity"`);
    await queryRunner.query(`DROP INDEX "ledger_entry_order"`);
    await queryRunner.query(`DROP INDEX "ledger_entry_account"`);
    await queryRunner.query(`ALTER TABLE "ledger_entry" RENAME TO "temporary_ledger_entry"`);
    await queryRunner.query(`CREATE TABLE "ledger_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "points" integer NOT NULL, "reason" varchar(200) NOT NULL, "channel" varchar(20), "orderId" varchar(36), "occurredAt" datetime NOT NULL)`);
    await queryRunner.query(`INSERT INTO "ledger_entry"("id", "accountId", "kind", "points", "reason", "channel", "orderId", "occurredAt") SELECT "id", "accountId", "kind", "points", "reason", "channel", "orderId", "occurredAt" FROM "temporary_ledger_entry"`);
    await queryRunner.query(`DROP TABLE "temporary_ledger_entry"`);
    await queryRunner.query(`CREATE INDEX "ledger_entry_order" ON "ledger_entry" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_account" ON "ledger_entry" ("accountId", "occurredAt") `);
    await queryRunner.query(`ALTER TABLE "loyalty_account" RENAME TO "temporary_loyalty_account"`);
    await queryRunner.query(`CREATE TABLE "loyalty_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "cardNumber" varchar(19) NOT NULL, "tier" varchar(20) NOT NULL, "pointsBalance" integer NOT NULL DEFAULT (0), "lifetimePoints" integer NOT NULL DEFAULT (0), "enrolledAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_b79ba3968c2bc466af614985222" UNIQUE ("cardNumber"), CONSTRAINT "UQ_b79050011bf71dd6971c7b3b837" UNIQUE ("customerId"))`);
    await queryRunner.query(`INSERT INTO "loyalty_account"("id", "customerId", "cardNumber", "tier", "pointsBalance", "lifetimePoints", "enrolledAt") SELECT "id", "customerId", "cardNumber", "tier", "pointsBalance", "lifetimePoints", "enrolledAt" FROM "temporary_loyalty_account"`);
    await queryRunner.query(`DROP TABLE "temporary_loyalty_account"`);
    await queryRunner.query(`DROP INDEX "hold_open"`);
    await queryRunner.query(`DROP INDEX "hold_account"`);
    await queryRunner.query(`DROP TABLE "hold"`);
    await queryRunner.query(`DROP INDEX "stored_value_entry_account"`);
    await queryRunner.query(`DROP INDEX "stored_value_entry_ref"`);
    await queryRunner.query(`DROP TABLE "stored_value_entry"`);
    await queryRunner.query(`DROP INDEX "stored_value_wallet"`);
    await queryRunner.query(`DROP INDEX "stored_value_purchaser"`);
    await queryRunner.query(`DROP TABLE "stored_value_account"`);
    await queryRunner.query(`DROP INDEX "earned_line_order_line"`);
    await queryRunner.query(`DROP TABLE "earned_line"`);
    await queryRunner.query(`DROP INDEX "earn_rule_trigger"`);
    await queryRunner.query(`DROP TABLE "earn_rule"`);
  }
}
