import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillReplyTokens } from '../backfill-reply-tokens';

/**
 * The knowledge base (help articles, their per-channel counters, the FTS5 index of their text and
 * its vocabulary for typo tolerance) and inbound messages on cases: the thread table, a case's
 * reply token (backfilled for existing cases), its requester, a case without a customer, and the
 * case a timeline entry belongs to.
 */
export class CrmHelpArticlesInbound1796005185324 implements MigrationInterface {
  name = 'CrmHelpArticlesInbound1796005185324';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "support_case_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "caseId" varchar(36) NOT NULL, "direction" varchar(10) NOT NULL, "channel" varchar(20) NOT NULL, "medium" varchar(30) NOT NULL, "sender" varchar(254) NOT NULL, "subject" varchar(200), "body" text NOT NULL, "quoteStripped" boolean NOT NULL DEFAULT (0), "attachments" text NOT NULL, "externalId" varchar(200), "at" datetime NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "support_case_message_external" ON "support_case_message" ("externalId") `);
    await queryRunner.query(`CREATE INDEX "support_case_message_case_time" ON "support_case_message" ("caseId", "at") `);
    await queryRunner.query(`CREATE TABLE "help_article" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(200) NOT NULL, "answer" text NOT NULL, "tags" text NOT NULL DEFAULT (''), "productIds" text NOT NULL DEFAULT (''), "categories" text NOT NULL DEFAULT (''), "channels" text NOT NULL DEFAULT (''), "published" boolean NOT NULL, "searchText" text NOT NULL, "sourceCaseId" varchar(36), "sourceChannel" varchar(20), "updatedBy" varchar(100), "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "help_article_published_updated" ON "help_article" ("published", "updatedAt") `);
    await queryRunner.query(`CREATE TABLE "help_article_stat" ("articleId" varchar(36) NOT NULL, "channel" varchar(20) NOT NULL, "views" integer NOT NULL DEFAULT (0), "helpful" integer NOT NULL DEFAULT (0), "notHelpful" integer NOT NULL DEFAULT (0), PRIMARY KEY ("articleId", "channel"))`);
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "help_article_fts" USING fts5("articleId" UNINDEXED, "title", "body", tokenize = 'unicode61 remove_diacritics 2')`,
    );
    await queryRunner.query(`CREATE VIRTUAL TABLE "help_article_fts_vocab" USING fts5vocab("help_article_fts", 'row')`);
    await queryRunner.query(`ALTER TABLE "customer_interaction" ADD COLUMN "caseId" varchar(36)`);
    await queryRunner.query(`DROP INDEX "support_case_customer_opened"`);
    await queryRunner.query(`DROP INDEX "support_case_order"`);
    await queryRunner.query(`CREATE TABLE "temporary_support_case" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "subject" varchar(200) NOT NULL, "description" varchar(2000), "orderId" varchar(36), "status" varchar(20) NOT NULL, "assignee" varchar(100), "resolution" varchar(2000), "openedAt" datetime NOT NULL, "resolvedAt" datetime, "replyToken" varchar(32), "requester" varchar(254), "requesterKind" varchar(20))`);
    await queryRunner.query(`INSERT INTO "temporary_support_case"("id", "customerId", "channel", "subject", "description", "orderId", "status", "assignee", "resolution", "openedAt", "resolvedAt") SELECT "id", "customerId", "channel", "subject", "description", "orderId", "status", "assignee", "resolution", "openedAt", "resolvedAt" FROM "support_case"`);
    await queryRunner.query(`DROP TABLE "support_case"`);
    await queryRunner.query(`ALTER TABLE "temporary_support_case" RENAME TO "support_case"`);
    await queryRunner.query(`CREATE INDEX "support_case_order" ON "support_case" ("orderId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "support_case_reply_token" ON "support_case" ("replyToken") `);
    await queryRunner.query(`CREATE INDEX "support_case_customer_opened" ON "support_case" ("customerId", "openedAt") `);
    await backfillReplyTokens(queryRunner, '"support_case"', () => '?');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "support_case" WHERE "customerId" IS NULL`);
    await queryRunner.query(`DROP INDEX "support_case_customer_opened"`);
    await queryRunner.query(`DROP INDEX "support_case_reply_token"`);
    await queryRunner.query(`DROP INDEX "support_case_order"`);
    await queryRunner.query(`ALTER TABLE "support_case" RENAME TO "temporary_support_case"`);
    await queryRunner.query(`CREATE TABLE "support_case" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "channel" varchar(20) NOT NULL, "subject" varchar(200) NOT NULL, "description" varchar(2000), "orderId" varchar(36), "status" varchar(20) NOT NULL, "assignee" varchar(100), "resolution" varchar(2000), "openedAt" datetime NOT NULL, "resolvedAt" datetime)`);
    await queryRunner.query(`INSERT INTO "support_case"("id", "customerId", "channel", "subject", "description", "orderId", "status", "assignee", "resolution", "openedAt", "resolvedAt") SELECT "id", "customerId", "channel", "subject", "description", "orderId", "status", "assignee", "resolution", "openedAt", "resolvedAt" FROM "temporary_support_case"`);
    await queryRunner.query(`DROP TABLE "temporary_support_case"`);
    await queryRunner.query(`CREATE INDEX "support_case_order" ON "support_case" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "support_case_customer_opened" ON "support_case" ("customerId", "openedAt") `);
    await queryRunner.query(`ALTER TABLE "customer_interaction" DROP COLUMN "caseId"`);
    await queryRunner.query(`DROP TABLE "help_article_fts_vocab"`);
    await queryRunner.query(`DROP TABLE "help_article_fts"`);
    await queryRunner.query(`DROP TABLE "help_article_stat"`);
    await queryRunner.query(`DROP INDEX "help_article_published_updated"`);
    await queryRunner.query(`DROP TABLE "help_article"`);
    await queryRunner.query(`DROP INDEX "support_case_message_case_time"`);
    await queryRunner.query(`DROP INDEX "support_case_message_external"`);
    await queryRunner.query(`DROP TABLE "support_case_message"`);
  }
}
