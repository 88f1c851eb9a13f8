import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795999461427 implements MigrationInterface {
  name = 'Crm1795999461427';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_merged_into"`);
    await queryRunner.query(`CREATE TABLE "temporary_customer" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "phone" varchar(20), "firstName" varchar(100) NOT NULL, "lastName" varchar(100) NOT NULL, "channels" text NOT NULL, "mergedIntoId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "messageOptOuts" text NOT NULL DEFAULT (''))`);
    await queryRunner.query(`INSERT INTO "temporary_customer"("id", "email", "phone", "firstName", "lastName", "channels", "mergedIntoId", "createdAt", "updatedAt") SELECT "id", "email", "phone", "firstName", "lastName", "channels", "mergedIntoId", "createdAt", "updatedAt" FROM "customer"`);
    await queryRunner.query(`DROP TABLE "customer"`);
    await queryRunner.query(`ALTER TABLE "temporary_customer" RENAME TO "customer"`);
    await queryRunner.query(`CREATE INDEX "customer_merged_into" ON "customer" ("mergedIntoId") `);
    await queryRunner.query(`DROP INDEX "customer_message_customer_time"`);
    await queryRunner.query(`DROP INDEX "customer_message_event_channel"`);
    await queryRunner.query(`DROP INDEX "customer_message_due"`);
    await queryRunner.query(`CREATE TABLE "temporary_customer_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36), "kind" varchar(30) NOT NULL, "channel" varchar(10) NOT NULL, "recipient" varchar(254) NOT NULL, "subject" varchar(200) NOT NULL, "body" text NOT NULL, "orderId" varchar(36), "salesChannel" varchar(20), "sourceEventId" varchar(36) NOT NULL, "status" varchar(10) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" varchar(500), "nextAttemptAt" datetime, "createdAt" datetime NOT NULL, "sentAt" datetime, "providerMessageId" varchar(200), "basis" varchar(20) NOT NULL DEFAULT ('MARKETING_CONSENT'))`);
    await queryRunner.query(`INSERT INTO "temporary_customer_message"("id", "customerId", "kind", "channel", "recipient", "subject", "body", "orderId", "salesChannel", "sourceEventId", "status", "attempts", "lastError", "nextAttemptAt", "createdAt", "sentAt", "providerMessageId") SELECT "id", "customerId", "kind", "channel", "recipient", "subject", "body", "orderId", "salesChannel", "sourceEventId", "status", "attempts", "lastError", "nextAttemptAt", "createdAt", "sentAt", "providerMessageId" FROM "customer_message"`);
    await queryRunner.query(`DROP TABLE "customer_message"`);
    await queryRunner.query(`ALTER TABLE "temporary_customer_message" RENAME TO "customer_message"`);
    await queryRunner.query(`CREATE INDEX "customer_message_customer_time" ON "customer_message" ("customerId", "createdAt", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_message_event_channel" ON "customer_message" ("sourceEventId", "channel") `);
    await queryRunner.query(`CREATE INDEX "customer_message_due" ON "customer_message" ("status", "nextAttemptAt") `);
    // Gift card codes were always sent without consent; every other earlier message had it.
    await queryRunner.query(`UPDATE "customer_message" SET "basis" = 'TRANSACTIONAL' WHERE "kind" = 'GIFT_CARD'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_message_due"`);
    await queryRunner.query(`DROP INDEX "customer_message_event_channel"`);
    await queryRunner.query(`DROP INDEX "customer_message_customer_time"`);
    await queryRunner.query(`ALTER TABLE "customer_message" RENAME TO "temporary_customer_message"`);
    await queryRunner.query(`CREATE TABLE "customer_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36), "kind" varchar(30) NOT NULL, "channel" varchar(10) NOT NULL, "recipient" varchar(254) NOT NULL, "subject" varchar(200) NOT NULL, "body" text NOT NULL, "orderId" varchar(36), "salesChannel" varchar(20), "sourceEventId" varchar(36) NOT NULL, "status" varchar(10) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastError" varchar(500), "nextAttemptAt" datetime, "createdAt" datetime NOT NULL, "sentAt" datetime, "providerMessageId" varchar(200))`);
    await queryRunner.query(`INSERT INTO "customer_message"("id", "customerId", "kind", "channel", "recipient", "subject", "body", "orderId", "salesChannel", "sourceEventId", "status", "attempts", "lastError", "nextAttemptAt", "createdAt", "sentAt", "providerMessageId") SELECT "id", "customerId", "kind", "channel", "recipient", "subject", "body", "orderId", "salesChannel", "sourceEventId", "status", "attempts", "lastError", "nextAttemptAt", "createdAt", "sentAt", "providerMessageId" FROM "temporary_customer_message"`);
    await queryRunner.query(`DROP TABLE "temporary_customer_message"`);
    await queryRunner.query(`CREATE INDEX "customer_message_due" ON "customer_message" ("status", "nextAttemptAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_message_event_channel" ON "customer_message" ("sourceEventId", "channel") `);
    await queryRunner.query(`CREATE INDEX "customer_message_customer_time" ON "customer_message" ("customerId", "createdAt", "id") `);
    await queryRunner.query(`DROP INDEX "customer_merged_into"`);
    await queryRunner.query(`ALTER TABLE "customer" RENAME TO "temporary_customer"`);
    await queryRunner.query(`CREATE TABLE "customer" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "phone" varchar(20), "firstName" varchar(100) NOT NULL, "lastName" varchar(100) NOT NULL, "channels" text NOT NULL, "mergedIntoId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "customer"("id", "email", "phone", "firstName", "lastName", "channels", "mergedIntoId", "createdAt", "updatedAt") SELECT "id", "email", "phone", "firstName", "lastName", "channels", "mergedIntoId", "createdAt", "updatedAt" FROM "temporary_customer"`);
    await queryRunner.query(`DROP TABLE "temporary_customer"`);
    await queryRunner.query(`CREATE INDEX "customer_merged_into" ON "customer" ("mergedIntoId") `);
  }
}
