import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogPromotionAudience1796005187652 implements MigrationInterface {
  name = 'CatalogPromotionAudience1796005187652';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_segment" ("customerId" varchar(36) NOT NULL, "segmentId" varchar(36) NOT NULL, PRIMARY KEY ("customerId", "segmentId"))`);
    await queryRunner.query(`CREATE INDEX "customer_segment_segment" ON "customer_segment" ("segmentId") `);
    await queryRunner.query(`DROP INDEX "promotion_active_window"`);
    await queryRunner.query(`DROP INDEX "promotion_code"`);
    await queryRunner.query(`CREATE TABLE "temporary_promotion" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "code" varchar(40), "kind" varchar(20) NOT NULL, "value" integer NOT NULL, "currency" varchar(3), "channels" text NOT NULL, "minSubtotalCents" integer, "minTier" varchar(20), "startsAt" datetime, "endsAt" datetime, "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "segmentId" varchar(36), "customerId" varchar(36))`);
    await queryRunner.query(`INSERT INTO "temporary_promotion"("id", "name", "code", "kind", "value", "currency", "channels", "minSubtotalCents", "minTier", "startsAt", "endsAt", "active", "createdAt") SELECT "id", "name", "code", "kind", "value", "currency", "channels", "minSubtotalCents", "minTier", "startsAt", "endsAt", "active", "createdAt" FROM "promotion"`);
    await queryRunner.query(`DROP TABLE "promotion"`);
    await queryRunner.query(`ALTER TABLE "temporary_promotion" RENAME TO "promotion"`);
    await queryRunner.query(`CREATE INDEX "promotion_active_window" ON "promotion" ("active", "startsAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "promotion_code" ON "promotion" ("code") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "promotion_code"`);
    await queryRunner.query(`DROP INDEX "promotion_active_window"`);
    await queryRunner.query(`ALTER TABLE "promotion" RENAME TO "temporary_promotion"`);
    await queryRunner.query(`CREATE TABLE "promotion" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "code" varchar(40), "kind" varchar(20) NOT NULL, "value" integer NOT NULL, "currency" varchar(3), "channels" text NOT NULL, "minSubtotalCents" integer, "minTier" varchar(20), "startsAt" datetime, "endsAt" datetime, "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "promotion"("id", "name", "code", "kind", "value", "currency", "channels", "minSubtotalCents", "minTier", "startsAt", "endsAt", "active", "createdAt") SELECT "id", "name", "code", "kind", "value", "currency", "channels", "minSubtotalCents", "minTier", "startsAt", "endsAt", "active", "createdAt" FROM "temporary_promotion"`);
    await queryRunner.query(`DROP TABLE "temporary_promotion"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "promotion_code" ON "promotion" ("code") `);
    await queryRunner.query(`CREATE INDEX "promotion_active_window" ON "promotion" ("active", "startsAt") `);
    await queryRunner.query(`DROP INDEX "customer_segment_segment"`);
    await queryRunner.query(`DROP TABLE "customer_segment"`);
  }
}
