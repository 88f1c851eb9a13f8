import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CrmEngagement1796005186336 implements MigrationInterface {
  name = 'CrmEngagement1796005186336';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_engagement" ("customerId" varchar(36) PRIMARY KEY NOT NULL, "birthMonth" integer, "birthDay" integer, "birthYear" integer, "timeZone" varchar(64), "tier" varchar(20), "lastActivityAt" datetime NOT NULL, "recency" integer, "frequency" integer, "monetary" integer, "scoreValue" integer, "scoredOrders" integer NOT NULL DEFAULT (0), "spendCents" integer NOT NULL DEFAULT (0), "spendCurrency" varchar(3), "lastOrderAt" datetime, "evaluatedAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "customer_engagement_evaluated" ON "customer_engagement" ("evaluatedAt") `);
    await queryRunner.query(`CREATE INDEX "customer_engagement_activity" ON "customer_engagement" ("lastActivityAt") `);
    await queryRunner.query(`CREATE INDEX "customer_engagement_birthday" ON "customer_engagement" ("birthMonth", "birthDay") `);
    await queryRunner.query(`CREATE TABLE "crm_order_fact" ("orderId" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "channel" varchar(20) NOT NULL, "currency" varchar(3) NOT NULL, "placedAt" datetime NOT NULL, "totalCents" integer NOT NULL, "refundedCents" integer NOT NULL DEFAULT (0), "categories" text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "crm_order_fact_customer" ON "crm_order_fact" ("customerId", "placedAt") `);
    await queryRunner.query(`CREATE TABLE "segment" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "nameKey" varchar(100) NOT NULL, "rule" text NOT NULL, "size" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "segment_name_key" ON "segment" ("nameKey") `);
    await queryRunner.query(`CREATE TABLE "segment_member" ("segmentId" varchar(36) NOT NULL, "customerId" varchar(36) NOT NULL, "since" datetime NOT NULL, PRIMARY KEY ("segmentId", "customerId"))`);
    await queryRunner.query(`CREATE INDEX "segment_member_customer" ON "segment_member" ("customerId") `);
    await queryRunner.query(`CREATE TABLE "lifecycle_template" ("kind" varchar(20) PRIMARY KEY NOT NULL, "subject" varchar(200) NOT NULL, "body" varchar(2000) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "inactiveDays" integer, "offerKind" varchar(20), "offerValue" integer, "offerCurrency" varchar(3), "offerValidDays" integer, "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    // The lifecycle messages' texts are data ADMIN edits (setLifecycleTemplate); these are the defaults.
    await queryRunner.query(
      `INSERT INTO "lifecycle_template" ("kind", "subject", "body", "active", "inactiveDays", "offerKind", "offerValue", "offerCurrency", "offerValidDays", "updatedAt") VALUES ('WELCOME', 'Welcome, {firstName}', 'Thanks for joining us. Your account is the same online, in the app and in our stores: your orders, points and returns follow you everywhere.', 1, NULL, NULL, NULL, NULL, NULL, datetime('now'))`,
    );
    await queryRunner.query(
      `INSERT INTO "lifecycle_template" ("kind", "subject", "body", "active", "inactiveDays", "offerKind", "offerValue", "offerCurrency", "offerValidDays", "updatedAt") VALUES ('BIRTHDAY', 'Happy birthday, {firstName}!', 'Happy birthday from all of us! Our gift: {offer} your next purchase, online, in the app or in any of our stores, until {offerEndsOn}.', 1, NULL, 'PERCENT_OFF', 15, NULL, 7, datetime('now'))`,
    );
    await queryRunner.query(
      `INSERT INTO "lifecycle_template" ("kind", "subject", "body", "active", "inactiveDays", "offerKind", "offerValue", "offerCurrency", "offerValidDays", "updatedAt") VALUES ('WIN_BACK', 'We miss you, {firstName}', 'It has been a while since we last saw you. Come and see what is new, online, in the app or in any of our stores.', 1, 90, NULL, NULL, NULL, NULL, datetime('now'))`,
    );
    await queryRunner.query(`CREATE TABLE "lifecycle_occasion" ("customerId" varchar(36) NOT NULL, "occasion" varchar(60) NOT NULL, "kind" varchar(20) NOT NULL, "messageRef" varchar(36) NOT NULL, "sentAt" datetime NOT NULL, PRIMARY KEY ("customerId", "occasion"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "lifecycle_occasion"`);
    await queryRunner.query(`DROP TABLE "lifecycle_template"`);
    await queryRunner.query(`DROP INDEX "segment_member_customer"`);
    await queryRunner.query(`DROP TABLE "segment_member"`);
    await queryRunner.query(`DROP INDEX "segment_name_key"`);
    await queryRunner.query(`DROP TABLE "segment"`);
    await queryRunner.query(`DROP INDEX "crm_order_fact_customer"`);
    await queryRunner.query(`DROP TABLE "crm_order_fact"`);
    await queryRunner.query(`DROP INDEX "customer_engagement_birthday"`);
    await queryRunner.query(`DROP INDEX "customer_engagement_activity"`);
    await queryRunner.query(`DROP INDEX "customer_engagement_evaluated"`);
    await queryRunner.query(`DROP TABLE "customer_engagement"`);
  }
}
