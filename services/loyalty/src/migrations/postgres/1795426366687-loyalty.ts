import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Loyalty1795426366687 implements MigrationInterface {
  name = 'Loyalty1795426366687';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "loyalty"."processed_event" ("consumer" character varying(80) NOT NULL, "eventId" character varying(36) NOT NULL, "processedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_8a502ed7a9a0719b8562ddd8636" PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "loyalty"."outbox_event" ("sequence" SERIAL NOT NULL, "eventId" character varying(36) NOT NULL, "type" character varying(120) NOT NULL, "envelope" text NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "publishedAt" TIMESTAMP, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"), CONSTRAINT "PK_e641558a111824af2541a82d915" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "loyalty"."outbox_event"  ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "loyalty"."loyalty_account" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "cardNumber" character varying(19) NOT NULL, "tier" character varying(20) NOT NULL, "pointsBalance" integer NOT NULL DEFAULT '0', "lifetimePoints" integer NOT NULL DEFAULT '0', "enrolledAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_b79050011bf71dd6971c7b3b837" UNIQUE ("customerId"), CONSTRAINT "UQ_b79ba3968c2bc466af614985222" UNIQUE ("cardNumber"), CONSTRAINT "PK_bd121d8ceceb2b6c13a013d6a1b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "loyalty"."ledger_entry" ("id" character varying(36) NOT NULL, "accountId" character varying(36) NOT NULL, "kind" character varying(20) NOT NULL, "points" integer NOT NULL, "reason" character varying(200) NOT NULL, "channel" character varying(20), "orderId" character varying(36), "occurredAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_04e9d274911f909a5848a15cd74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ledger_entry_order" ON "loyalty"."ledger_entry"  ("orderId") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_account" ON "loyalty"."ledger_entry"  ("accountId", "occurredAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "loyalty"."ledger_entry_account"`);
    await queryRunner.query(`DROP INDEX "loyalty"."ledger_entry_order"`);
    await queryRunner.query(`DROP TABLE "loyalty"."ledger_entry"`);
    await queryRunner.query(`DROP TABLE "loyalty"."loyalty_account"`);
    await queryRunner.query(`DROP INDEX "loyalty"."outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "loyalty"."outbox_event"`);
    await queryRunner.query(`DROP TABLE "loyalty"."processed_event"`);
  }
}
