import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Loyalty1795432310590 implements MigrationInterface {
  name = 'Loyalty1795432310590';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "loyalty"."earn_rule" ("id" character varying(36) NOT NULL, "name" character varying(120) NOT NULL, "trigger" character varying(20) NOT NULL, "engagementKind" character varying(20), "pointsPerUnitMilli" integer, "fixedPoints" integer, "multiplierMilli" integer, "categoryPath" text, "channels" text, "minTier" character varying(20), "startsAt" TIMESTAMP, "endsAt" TIMESTAMP, "maxPerPeriod" integer, "capPeriod" character varying(10), "active" boolean NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_80d143a56b02b3d962082b9f7b0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "earn_rule_trigger" ON "loyalty"."earn_rule"  ("trigger", "active") `);
    await queryRunner.query(`CREATE TABLE "loyalty"."earned_line" ("id" character varying(36) NOT NULL, "accountId" character varying(36) NOT NULL, "orderId" character varying(36) NOT NULL, "orderLineId" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "quantity" integer NOT NULL, "points" integer NOT NULL, "returnedQuantity" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_43cd264d1c6449b2561d989d4f8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "earned_line_order_line" ON "loyalty"."earned_line"  ("orderId", "orderLineId") `);
    await queryRunner.query(`CREATE TABLE "loyalty"."stored_value_account" ("id" character varying(36) NOT NULL, "kind" character varying(20) NOT NULL, "code" character varying(32), "customerId" character varying(36), "purchaserCustomerId" character varying(36), "currency" character varying(3) NOT NULL, "balanceCents" integer NOT NULL DEFAULT '0', "heldCents" integer NOT NULL DEFAULT '0', "idempotencyKey" character varying(120), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_e49cfe2c662bc7c26769059f6d0" UNIQUE ("code"), CONSTRAINT "UQ_f72798485fc7fe631f646c0acd6" UNIQUE ("idempotencyKey"), CONSTRAINT "PK_f52a3e592c81f2d15d988b6b16f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "stored_value_purchaser" ON "loyalty"."stored_value_account"  ("purchaserCustomerId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "stored_value_wallet" ON "loyalty"."stored_value_account"  ("customerId", "currency") `);
    await queryRunner.query(`CREATE TABLE "loyalty"."stored_value_entry" ("id" character varying(36) NOT NULL, "accountId" character varying(36) NOT NULL, "kind" character varying(20) NOT NULL, "amountCents" integer NOT NULL, "reason" character varying(200) NOT NULL, "channel" character varying(20), "ref" character varying(120), "occurredAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_97c11c3ad537e3cdcaada92b235" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "stored_value_entry_ref" ON "loyalty"."stored_value_entry"  ("ref") `);
    await queryRunner.query(`CREATE INDEX "stored_value_entry_account" ON "loyalty"."stored_value_entry"  ("accountId", "occurredAt") `);
    await queryRunner.query(`CREATE TABLE "loyalty"."hold" ("id" character varying(36) NOT NULL, "target" character varying(20) NOT NULL, "accountId" character varying(36) NOT NULL, "amount" integer NOT NULL, "currency" character varying(3), "status" character varying(20) NOT NULL, "orderRef" character varying(120) NOT NULL, "idempotencyKey" character varying(120) NOT NULL, "createdAt" TIMESTAMP NOT NULL, "expiresAt" TIMESTAMP NOT NULL, "settledAt" TIMESTAMP, CONSTRAINT "UQ_159a27dba4a2f39c1e125bc6a24" UNIQUE ("idempotencyKey"), CONSTRAINT "PK_d955539abc6b1b33382b0d34f1b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "hold_account" ON "loyalty"."hold"  ("accountId") `);
    await queryRunner.query(`CREATE INDEX "hold_open" ON "loyalty"."hold"  ("status", "expiresAt") `);
    await queryRunner.query(`ALTER TABLE "loyalty"."loyalty_account" ADD "heldPoints" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "loyalty"."loyalty_account" ADD "lastActivityAt" TIMESTAMP NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "loyalty"."loyalty_account" ADD "mergedIntoId" character varying(36)`);
    await queryRunner.query(`ALTER TABLE "loyalty"."ledger_entry" ADD "engagementKind" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "loyalty"."ledger_entry" ADD "ref" character varying(120)`);
    await queryRunner.query(`ALTER TABLE "loyalty"."ledger_entry" ADD "ruleIds" character varying(400)`);
    await queryRunner.query(`CREATE INDEX "loyalty_account_activity" ON "loyalty"."loyalty_account"  ("lastActivityAt") `);
    await queryRunner.query(`CREATE INDEX "loyalty_account_merged_into" ON "loyalty"."loyalty_account"  ("mergedIntoId") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_ref" ON "loyalty"."ledger_entry"  ("ref") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_engagement" ON "loyalty"."ledger_entry"  ("accountId", "engagementKind", "occurredAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "loyalty"."ledger_entry_engagement"`);
    await queryRunner.query(`DROP INDEX "loyalty"."ledger_entry_ref"`);
    await queryRunner.query(`DROP INDEX "loyalty"."loyalty_account_merged_into"`);
    await queryRunner.query(`DROP INDEX "loyalty"."loyalty_account_activity"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."ledger_entry" DROP COLUMN "ruleIds"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."ledger_entry" DROP COLUMN "ref"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."ledger_entry" DROP COLUMN "engagementKind"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."loyalty_account" DROP COLUMN "mergedIntoId"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."loyalty_account" DROP COLUMN "lastActivityAt"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."loyalty_account" DROP COLUMN "heldPoints"`);
    await queryRunner.query(`DROP INDEX "loyalty"."hold_open"`);
    await queryRunner.query(`DROP INDEX "loyalty"."hold_account"`);
    await queryRunner.query(`DROP TABLE "loyalty"."hold"`);
    await queryRunner.query(`DROP INDEX "loyalty"."stored_value_entry_account"`);
    await queryRunner.query(`DROP INDEX "loyalty"."stored_value_entry_ref"`);
    await queryRunner.query(`DROP TABLE "loyalty"."stored_value_entry"`);
    await queryRunner.query(`DROP INDEX "loyalty"."stored_value_wallet"`);
    await queryRunner.query(`DROP INDEX "loyalty"."stored_value_purchaser"`);
    await queryRunner.query(`DROP TABLE "loyalty"."stored_value_account"`);
    await queryRunner.query(`DROP INDEX "loyalty"."earned_line_order_line"`);
    await queryRunner.query(`DROP TABLE "loyalty"."earned_line"`);
    await queryRunner.query(`DROP INDEX "loyalty"."earn_rule_trigger"`);
    await queryRunner.query(`DROP TABLE "loyalty"."earn_rule"`);
  }
}
