import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: help search on PostgreSQL reads a stored tsvector per article (title weight A,
 * the rest B) from `help_article_vector` with its GIN index, instead of computing the tsvector of
 * every matching article for its rank (and of every article for the typo vocabulary). Not an
 * entity: `upsertHelpArticle` keeps it, as it keeps SQLite's FTS5 table. Existing articles are
 * indexed here.
 */
export class CrmHelpArticleVectors1796007122383 implements MigrationInterface {
  name = 'CrmHelpArticleVectors1796007122383';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "crm"."help_article_search_fts"`);
    await queryRunner.query(
      `CREATE TABLE "crm"."help_article_vector" ("articleId" character varying(36) NOT NULL, "vector" tsvector NOT NULL, CONSTRAINT "PK_help_article_vector" PRIMARY KEY ("articleId"))`,
    );
    await queryRunner.query(`CREATE INDEX "help_article_vector_search" ON "crm"."help_article_vector" USING GIN ("vector")`);
    await queryRunner.query(
      `INSERT INTO "crm"."help_article_vector" ("articleId", "vector") SELECT "id", setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', "searchText"), 'B') FROM "crm"."help_article"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "crm"."help_article_vector"`);
    await queryRunner.query(`CREATE INDEX "help_article_search_fts" ON "crm"."help_article" USING GIN (to_tsvector('simple', "searchText"))`);
  }
}
