import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Loyalty1795426366577 implements MigrationInterface {
  name = 'Loyalty1795426366577';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "processed_event" ("consumer" varchar(80) NOT NULL, "eventId" varchar(36) NOT NULL, "processedAt" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "outbox_event" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "eventId" varchar(36) NOT NULL, "type" varchar(120) NOT NULL, "envelope" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "publishedAt" datetime, "attempts" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "outbox_event" ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "loyalty_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "cardNumber" varchar(19) NOT NULL, "tier" varchar(20) NOT NULL, "pointsBalance" integer NOT NULL DEFAULT (0), "lifetimePoints" integer NOT NULL DEFAULT (0), "enrolledAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_b79050011bf71dd6971c7b3b837" UNIQUE ("customerId"), CONSTRAINT "UQ_b79ba3968c2bc466af614985222" UNIQUE ("cardNumber"))`);
    await queryRunner.query(`CREATE TABLE "ledger_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "points" integer NOT NULL, "reason" varchar(200) NOT NULL, "channel" varchar(20), "orderId" varchar(36), "occurredAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "ledger_entry_order" ON "ledger_entry" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_account" ON "ledger_entry" ("accountId", "occurredAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ledger_entry_account"`);
    await queryRunner.query(`DROP INDEX "ledger_entry_order"`);
    await queryRunner.query(`DROP TABLE "ledger_entry"`);
    await queryRunner.query(`DROP TABLE "loyalty_account"`);
    await queryRunner.query(`DROP INDEX "outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
  }
}
