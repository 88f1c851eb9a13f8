import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CrmEngagement1796005187553 implements MigrationInterface {
  name = 'CrmEngagement1796005187553';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "crm"."customer_engagement" ("customerId" character varying(36) NOT NULL, "birthMonth" integer, "birthDay" integer, "birthYear" integer, "timeZone" character varying(64), "tier" character varying(20), "lastActivityAt" TIMESTAMP NOT NULL, "recency" integer, "frequency" integer, "monetary" integer, "scoreValue" integer, "scoredOrders" integer NOT NULL DEFAULT '0', "spendCents" integer NOT NULL DEFAULT '0', "spendCurrency" character varying(3), "lastOrderAt" TIMESTAMP, "evaluatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_70f911cad408eebb7ddaaeae1ef" PRIMARY KEY ("customerId"))`);
    await queryRunner.query(`CREATE INDEX "customer_engagement_evaluated" ON "crm"."customer_engagement"  ("evaluatedAt") `);
    await queryRunner.query(`CREATE INDEX "customer_engagement_activity" ON "crm"."customer_engagement"  ("lastActivityAt") `);
    await queryRunner.query(`CREATE INDEX "customer_engagement_birthday" ON "crm"."customer_engagement"  ("birthMonth", "birthDay") `);
    await queryRunner.query(`CREATE TABLE "crm"."crm_order_fact" ("orderId" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "channel" character varying(20) NOT NULL, "currency" character varying(3) NOT NULL, "placedAt" TIMESTAMP NOT NULL, "totalCents" integer NOT NULL, "refundedCents" integer NOT NULL DEFAULT '0', "categories" text NOT NULL, CONSTRAINT "PK_6b3d1124c87d83347a1dfb7dc47" PRIMARY KEY ("orderId"))`);
    await queryRunner.query(`CREATE INDEX "crm_order_fact_customer" ON "crm"."crm_order_fact"  ("customerId", "placedAt") `);
    await queryRunner.query(`CREATE TABLE "crm"."segment" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "nameKey" character varying(100) NOT NULL, "rule" text NOT NULL, "size" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_d648ac58d8e0532689dfb8ad7ef" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "segment_name_key" ON "crm"."segment"  ("nameKey") `);
    await queryRunner.query(`CREATE TABLE "crm"."segment_member" ("segmentId" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "since" TIMESTAMP NOT NULL, CONSTRAINT "PK_22de8b0f5d741d2018f398cb0e2" PRIMARY KEY ("segmentId", "customerId"))`);
    await queryRunner.query(`CREATE INDEX "segment_member_customer" ON "crm"."segment_member"  ("customerId") `);
    await queryRunner.query(`CREATE TABLE "crm"."lifecycle_template" ("kind" character varying(20) NOT NULL, "subject" character varying(200) NOT NULL, "body" character varying(2000) NOT NULL, "active" boolean NOT NULL DEFAULT true, "inactiveDays" integer, "offerKind" character varying(20), "offerValue" integer, "offerCurrency" character varying(3), "offerValidDays" integer, "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_2db7cddc369744b7a929e077275" PRIMARY KEY ("kind"))`);
    // The lifecycle messages' texts are data ADMIN edits (setLifecycleTemplate); these are the defaults.
    await queryRunner.query(
      `INSERT INTO "crm"."lifecycle_template" ("kind", "subject", "body", "active", "inactiveDays", "offerKind", "offerValue", "offerCurrency", "offerValidDays", "updatedAt") VALUES ('WELCOME', 'Welcome, {firstName}', 'Thanks for joining us. Your account is the same online, in the app and in our stores: your orders, points and returns follow you everywhere.', true, NULL, NULL, NULL, NULL, NULL, now())`,
    );
    await queryRunner.query(
      `INSERT INTO "crm"."lifecycle_template" ("kind", "subject", "body", "active", "inactiveDays", "offerKind", "offerValue", "offerCurrency", "offerValidDays", "updatedAt") VALUES ('BIRTHDAY', 'Happy birthday, {firstName}!', 'Happy birthday from all of us! Our gift: {offer} your next purchase, online, in the app or in any of our stores, until {offerEndsOn}.', true, NULL, 'PERCENT_OFF', 15, NULL, 7, now())`,
    );
    await queryRunner.query(
      `INSERT INTO "crm"."lifecycle_template" ("kind", "subject", "body", "active", "inactiveDays", "offerKind", "offerValue", "offerCurrency", "offerValidDays", "updatedAt") VALUES ('WIN_BACK', 'We miss you, {firstName}', 'It has been a while since we last saw you. Come and see what is new, online, in the app or in any of our stores.', true, 90, NULL, NULL, NULL, NULL, now())`,
    );
    await queryRunner.query(`CREATE TABLE "crm"."lifecycle_occasion" ("customerId" character varying(36) NOT NULL, "occasion" character varying(60) NOT NULL, "kind" character varying(20) NOT NULL, "messageRef" character varying(36) NOT NULL, "sentAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_e6d8a07181c037d2cf849cf8077" PRIMARY KEY ("customerId", "occasion"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "crm"."lifecycle_occasion"`);
    await queryRunner.query(`DROP TABLE "crm"."lifecycle_template"`);
    await queryRunner.query(`DROP INDEX "crm"."segment_member_customer"`);
    await queryRunner.query(`DROP TABLE "crm"."segment_member"`);
    await queryRunner.query(`DROP INDEX "crm"."segment_name_key"`);
    await queryRunner.query(`DROP TABLE "crm"."segment"`);
    await queryRunner.query(`DROP INDEX "crm"."crm_order_fact_customer"`);
    await queryRunner.query(`DROP TABLE "crm"."crm_order_fact"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_engagement_birthday"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_engagement_activity"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_engagement_evaluated"`);
    await queryRunner.query(`DROP TABLE "crm"."customer_engagement"`);
  }
}
