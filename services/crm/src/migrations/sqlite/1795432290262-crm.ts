import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795432290262 implements MigrationInterface {
  name = 'Crm1795432290262';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_consent" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "channel" varchar(10) NOT NULL, "granted" boolean NOT NULL, "givenAt" datetime, "withdrawnAt" datetime, "source" varchar(20))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_consent_customer_channel" ON "customer_consent" ("customerId", "channel") `);
    await queryRunner.query(`CREATE TABLE "customer_interaction" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "channel" varchar(20), "kind" varchar(30) NOT NULL, "summary" varchar(2000) NOT NULL, "agent" varchar(100), "orderId" varchar(36), "messageId" varchar(36), "occurredAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_interaction_message" ON "customer_interaction" ("messageId") `);
    await queryRunner.query(`CREATE INDEX "customer_interaction_customer_time" ON "customer_interaction" ("customerId", "occurredAt", "id") `);
    await queryRunner.query(`CREATE TABLE "customer_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "kind" varchar(30) NOT NULL, "channel" varchar(10) NOT NULL, "recipient" varchar(254) NOT NULL, "subject" varchar(200) NOT NULL, "body" text NOT NULL, "orderId" varchar(36), "salesChannel" varchar(20), "sourceEventId" varchar(36) NOT NULL, "status" varchar(10) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" varchar(500), "nextAttemptAt" datetime, "createdAt" datetime NOT NULL, "sentAt" datetime, "providerMessageId" varchar(200))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_message_event_channel" ON "customer_message" ("sourceEventId", "channel") `);
    await queryRunner.query(`CREATE INDEX "customer_message_due" ON "customer_message" ("status", "nextAttemptAt") `);
    await queryRunner.query(`CREATE INDEX "customer_message_customer_time" ON "customer_message" ("customerId", "createdAt", "id") `);
    await queryRunner.query(`CREATE TABLE "known_order" ("orderId" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(40) NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "product_view" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "productId" varchar(64) NOT NULL, "channel" varchar(20) NOT NULL, "viewedAt" datetime NOT NULL, "viewCount" integer NOT NULL DEFAULT (1))`);
    await queryRunner.query(`CREATE INDEX "product_view_customer_time" ON "product_view" ("customerId", "viewedAt", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "product_view_customer_product" ON "product_view" ("customerId", "productId") `);
    await queryRunner.query(`CREATE TABLE "support_case" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "channel" varchar(20) NOT NULL, "subject" varchar(200) NOT NULL, "description" varchar(2000), "orderId" varchar(36), "status" varchar(20) NOT NULL, "assignee" varchar(100), "resolution" varchar(2000), "openedAt" datetime NOT NULL, "resolvedAt" datetime)`);
    await queryRunner.query(`CREATE INDEX "support_case_order" ON "support_case" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "support_case_customer_opened" ON "support_case" ("customerId", "openedAt") `);
    await queryRunner.query(`CREATE TABLE "support_case_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "caseId" varchar(36) NOT NULL, "position" integer NOT NULL, "action" varchar(20) NOT NULL, "at" datetime NOT NULL, "actor" varchar(100), "note" varchar(2000), "channel" varchar(20))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "support_case_event_case_position" ON "support_case_event" ("caseId", "position") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "support_case_event_case_position"`);
    await queryRunner.query(`DROP TABLE "support_case_event"`);
    await queryRunner.query(`DROP INDEX "support_case_customer_opened"`);
    await queryRunner.query(`DROP INDEX "support_case_order"`);
    await queryRunner.query(`DROP TABLE "support_case"`);
    await queryRunner.query(`DROP INDEX "product_view_customer_product"`);
    await queryRunner.query(`DROP INDEX "product_view_customer_time"`);
    await queryRunner.query(`DROP TABLE "product_view"`);
    await queryRunner.query(`DROP TABLE "known_order"`);
    await queryRunner.query(`DROP INDEX "customer_message_customer_time"`);
    await queryRunner.query(`DROP INDEX "customer_message_due"`);
    await queryRunner.query(`DROP INDEX "customer_message_event_channel"`);
    await queryRunner.query(`DROP TABLE "customer_message"`);
    await queryRunner.query(`DROP INDEX "customer_interaction_customer_time"`);
    await queryRunner.query(`DROP INDEX "customer_interaction_message"`);
    await queryRunner.query(`DROP TABLE "customer_interaction"`);
    await queryRunner.query(`DROP INDEX "customer_consent_customer_channel"`);
    await queryRunner.query(`DROP TABLE "customer_consent"`);
  }
}
