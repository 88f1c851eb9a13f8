import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795426366300 implements MigrationInterface {
  name = 'Inventory1795426366300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "processed_event" ("consumer" varchar(80) NOT NULL, "eventId" varchar(36) NOT NULL, "processedAt" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "outbox_event" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "eventId" varchar(36) NOT NULL, "type" varchar(120) NOT NULL, "envelope" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "publishedAt" datetime, "attempts" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "outbox_event" ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "location" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "type" varchar(20) NOT NULL, "lat" double precision NOT NULL, "lng" double precision NOT NULL, "fulfillsOnline" boolean NOT NULL DEFAULT (1), "pickupEnabled" boolean NOT NULL DEFAULT (0), "open" boolean NOT NULL DEFAULT (1))`);
    await queryRunner.query(`CREATE TABLE "stock" ("locationId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "onHand" integer NOT NULL DEFAULT (0), "reserved" integer NOT NULL DEFAULT (0), "safetyStock" integer NOT NULL DEFAULT (0), PRIMARY KEY ("locationId", "sku"))`);
    await queryRunner.query(`CREATE INDEX "stock_sku" ON "stock" ("sku") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "stock_sku"`);
    await queryRunner.query(`DROP TABLE "stock"`);
    await queryRunner.query(`DROP TABLE "location"`);
    await queryRunner.query(`DROP INDEX "outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
  }
}
