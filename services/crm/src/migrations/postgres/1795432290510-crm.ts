import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795432290510 implements MigrationInterface {
  name = 'Crm1795432290510';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "crm"."customer_consent" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "channel" character varying(10) NOT NULL, "granted" boolean NOT NULL, "givenAt" TIMESTAMP, "withdrawnAt" TIMESTAMP, "source" character varying(20), CONSTRAINT "PK_4d910b56add7a1df69bc44bef54" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_consent_customer_channel" ON "crm"."customer_consent"  ("customerId", "channel") `);
    await queryRunner.query(`CREATE TABLE "crm"."customer_interaction" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "channel" character varying(20), "kind" character varying(30) NOT NULL, "summary" character varying(2000) NOT NULL, "agent" character varying(100), "orderId" character varying(36), "messageId" character varying(36), "occurredAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_a5943b5b5928077be158a0fba35" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_interaction_message" ON "crm"."customer_interaction"  ("messageId") `);
    await queryRunner.query(`CREATE INDEX "customer_interaction_customer_time" ON "crm"."customer_interaction"  ("customerId", "occurredAt", "id") `);
    await queryRunner.query(`CREATE TABLE "crm"."customer_message" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "kind" character varying(30) NOT NULL, "channel" character varying(10) NOT NULL, "recipient" character varying(254) NOT NULL, "subject" character varying(200) NOT NULL, "body" text NOT NULL, "orderId" character varying(36), "salesChannel" character varying(20), "sourceEventId" character varying(36) NOT NULL, "status" character varying(10) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "lastError" character varying(500), "nextAttemptAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL, "sentAt" TIMESTAMP, "providerMessageId" character varying(200), CONSTRAINT "PK_ed433e36f469e0846adba5e162b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_message_event_channel" ON "crm"."customer_message"  ("sourceEventId", "channel") `);
    await queryRunner.query(`CREATE INDEX "customer_message_due" ON "crm"."customer_message"  ("status", "nextAttemptAt") `);
    await queryRunner.query(`CREATE INDEX "customer_message_customer_time" ON "crm"."customer_message"  ("customerId", "createdAt", "id") `);
    await queryRunner.query(`CREATE TABLE "crm"."known_order" ("orderId" character varying(36) NOT NULL, "number" character varying(40) NOT NULL, CONSTRAINT "PK_2465f17ea467fd658ee6aee6b8f" PRIMARY KEY ("orderId"))`);
    await queryRunner.query(`CREATE TABLE "crm"."product_view" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "productId" character varying(64) NOT NULL, "channel" character varying(20) NOT NULL, "viewedAt" TIMESTAMP NOT NULL, "viewCount" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_50e6c922384f998e22aeed9d26f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "product_view_customer_time" ON "crm"."product_view"  ("customerId", "viewedAt", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "product_view_customer_product" ON "crm"."product_view"  ("customerId", "productId") `);
    await queryRunner.query(`CREATE TABLE "crm"."support_case" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "channel" character varying(20) NOT NULL, "subject" character varying(200) NOT NULL, "description" character varying(2000), "orderId" character varying(36), "status" character varying(20) NOT NULL, "assignee" character varying(100), "resolution" character varying(2000), "openedAt" TIMESTAMP NOT NULL, "resolvedAt" TIMESTAMP, CONSTRAINT "PK_bb49f208672f180300c95fed180" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "support_case_order" ON "crm"."support_case"  ("orderId") `);
    await queryRunner.query(`CREATE INDEX "support_case_customer_opened" ON "crm"."support_case"  ("customerId", "openedAt") `);
    await queryRunner.query(`CREATE TABLE "crm"."support_case_event" ("id" character varying(36) NOT NULL, "caseId" character varying(36) NOT NULL, "position" integer NOT NULL, "action" character varying(20) NOT NULL, "at" TIMESTAMP NOT NULL, "actor" character varying(100), "note" character varying(2000), "channel" character varying(20), CONSTRAINT "PK_09bec88ed0c10d7a52794a85d35" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "support_case_event_case_position" ON "crm"."support_case_event"  ("caseId", "position") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "crm"."support_case_event_case_position"`);
    await queryRunner.query(`DROP TABLE "crm"."support_case_event"`);
    await queryRunner.query(`DROP INDEX "crm"."support_case_customer_opened"`);
    await queryRunner.query(`DROP INDEX "crm"."support_case_order"`);
    await queryRunner.query(`DROP TABLE "crm"."support_case"`);
    await queryRunner.query(`DROP INDEX "crm"."product_view_customer_product"`);
    await queryRunner.query(`DROP INDEX "crm"."product_view_customer_time"`);
    await queryRunner.query(`DROP TABLE "crm"."product_view"`);
    await queryRunner.query(`DROP TABLE "crm"."known_order"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_message_customer_time"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_message_due"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_message_event_channel"`);
    await queryRunner.query(`DROP TABLE "crm"."customer_message"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_interaction_customer_time"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_interaction_message"`);
    await queryRunner.query(`DROP TABLE "crm"."customer_interaction"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_consent_customer_channel"`);
    await queryRunner.query(`DROP TABLE "crm"."customer_consent"`);
  }
}
