import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillReplyTokens } from '../backfill-reply-tokens';

/**
 * The knowledge base (help articles, their per-channel counters, a GIN index on the tsvector of
 * their text) and inbound messages on cases: the thread table, a case's reply token (backfilled
 * for existing cases), its requester, a case without a customer, and the case a timeline entry
 * belongs to.
 */
export class CrmHelpArticlesInbound1796005186630 implements MigrationInterface {
  name = 'CrmHelpArticlesInbound1796005186630';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "crm"."support_case_message" ("id" character varying(36) NOT NULL, "caseId" character varying(36) NOT NULL, "direction" character varying(10) NOT NULL, "channel" character varying(20) NOT NULL, "medium" character varying(30) NOT NULL, "sender" character varying(254) NOT NULL, "subject" character varying(200), "body" text NOT NULL, "quoteStripped" boolean NOT NULL DEFAULT false, "attachments" text NOT NULL, "externalId" character varying(200), "at" TIMESTAMP NOT NULL, CONSTRAINT "PK_1091fd0dfebac06d52bfeb9d0c3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "support_case_message_external" ON "crm"."support_case_message"  ("externalId") `);
    await queryRunner.query(`CREATE INDEX "support_case_message_case_time" ON "crm"."support_case_message"  ("caseId", "at") `);
    await queryRunner.query(`CREATE TABLE "crm"."help_article" ("id" character varying(36) NOT NULL, "title" character varying(200) NOT NULL, "answer" text NOT NULL, "tags" text NOT NULL DEFAULT '', "productIds" text NOT NULL DEFAULT '', "categories" text NOT NULL DEFAULT '', "channels" text NOT NULL DEFAULT '', "published" boolean NOT NULL, "searchText" text NOT NULL, "sourceCaseId" character varying(36), "sourceChannel" character varying(20), "updatedBy" character varying(100), "createdAt" TIMESTAMP NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_e7224a0c45d3c9203cb689fec65" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "help_article_published_updated" ON "crm"."help_article"  ("published", "updatedAt") `);
    await queryRunner.query(`CREATE TABLE "crm"."help_article_stat" ("articleId" character varying(36) NOT NULL, "channel" character varying(20) NOT NULL, "views" integer NOT NULL DEFAULT '0', "helpful" integer NOT NULL DEFAULT '0', "notHelpful" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_2e92c5a0cbd62181fa78cd52b2a" PRIMARY KEY ("articleId", "channel"))`);
    await queryRunner.query(`CREATE INDEX "help_article_search_fts" ON "crm"."help_article" USING GIN (to_tsvector('simple', "searchText"))`);
    await queryRunner.query(`ALTER TABLE "crm"."customer_interaction" ADD "caseId" character varying(36)`);
    await queryRunner.query(`ALTER TABLE "crm"."support_case" ADD "replyToken" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "crm"."support_case" ADD "requester" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "crm"."support_case" ADD "requesterKind" character varying(20)`);
    await queryRunner.query(`DROP INDEX "crm"."support_case_customer_opened"`);
    await queryRunner.query(`ALTER TABLE "crm"."support_case" ALTER COLUMN "customerId" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "support_case_reply_token" ON "crm"."support_case"  ("replyToken") `);
    await queryRunner.query(`CREATE INDEX "support_case_customer_opened" ON "crm"."support_case"  ("customerId", "openedAt") `);
    await backfillReplyTokens(queryRunner, '"crm"."support_case"', (i) => `$${i}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "crm"."support_case" WHERE "customerId" IS NULL`);
    await queryRunner.query(`DROP INDEX "crm"."support_case_customer_opened"`);
    await queryRunner.query(`DROP INDEX "crm"."support_case_reply_token"`);
    await queryRunner.query(`ALTER TABLE "crm"."support_case" ALTER COLUMN "customerId" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "support_case_customer_opened" ON "crm"."support_case" USING btree ("customerId", "openedAt") `);
    await queryRunner.query(`ALTER TABLE "crm"."support_case" DROP COLUMN "requesterKind"`);
    await queryRunner.query(`ALTER TABLE "crm"."support_case" DROP COLUMN "requester"`);
    await queryRunner.query(`ALTER TABLE "crm"."support_case" DROP COLUMN "replyToken"`);
    await queryRunner.query(`ALTER TABLE "crm"."customer_interaction" DROP COLUMN "caseId"`);
    await queryRunner.query(`DROP INDEX "crm"."help_article_search_fts"`);
    await queryRunner.query(`DROP TABLE "crm"."help_article_stat"`);
    await queryRunner.query(`DROP INDEX "crm"."help_article_published_updated"`);
    await queryRunner.query(`DROP TABLE "crm"."help_article"`);
    await queryRunner.query(`DROP INDEX "crm"."support_case_message_case_time"`);
    await queryRunner.query(`DROP INDEX "crm"."support_case_message_external"`);
    await queryRunner.query(`DROP TABLE "crm"."support_case_message"`);
  }
}
