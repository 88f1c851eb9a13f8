import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795426366160 implements MigrationInterface {
  name = 'Catalog1795426366160';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "processed_event" ("consumer" varchar(80) NOT NULL, "eventId" varchar(36) NOT NULL, "processedAt" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "outbox_event" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "eventId" varchar(36) NOT NULL, "type" varchar(120) NOT NULL, "envelope" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "publishedAt" datetime, "attempts" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "outbox_event" ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "product" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "description" text NOT NULL DEFAULT (''), "brand" varchar(100), "categoryPath" text NOT NULL, "attributes" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE TABLE "product_variant" ("sku" varchar(64) PRIMARY KEY NOT NULL, "productId" varchar(36) NOT NULL, "attributes" text NOT NULL, "priceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "discontinued" boolean NOT NULL DEFAULT (0))`);
    await queryRunner.query(`CREATE INDEX "product_variant_product" ON "product_variant" ("productId") `);
    await queryRunner.query(`CREATE TABLE "channel_price" ("sku" varchar(64) NOT NULL, "channel" varchar(20) NOT NULL, "priceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, PRIMARY KEY ("sku", "channel"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "channel_price"`);
    await queryRunner.query(`DROP INDEX "product_variant_product"`);
    await queryRunner.query(`DROP TABLE "product_variant"`);
    await queryRunner.query(`DROP TABLE "product"`);
    await queryRunner.query(`DROP INDEX "outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
  }
}
