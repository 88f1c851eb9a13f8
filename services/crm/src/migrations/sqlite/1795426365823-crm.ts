import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795426365823 implements MigrationInterface {
  name = 'Crm1795426365823';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "processed_event" ("consumer" varchar(80) NOT NULL, "eventId" varchar(36) NOT NULL, "processedAt" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "outbox_event" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "eventId" varchar(36) NOT NULL, "type" varchar(120) NOT NULL, "envelope" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "publishedAt" datetime, "attempts" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "outbox_event" ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "customer_address" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "line1" varchar(200) NOT NULL, "city" varchar(100) NOT NULL, "postalCode" varchar(20) NOT NULL, "country" varchar(2) NOT NULL, "lat" double precision, "lng" double precision)`);
    await queryRunner.query(`CREATE INDEX "customer_address_customer" ON "customer_address" ("customerId") `);
    await queryRunner.query(`CREATE TABLE "customer" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "phone" varchar(20), "firstName" varchar(100) NOT NULL, "lastName" varchar(100) NOT NULL, "channels" text NOT NULL, "mergedIntoId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE INDEX "customer_merged_into" ON "customer" ("mergedIntoId") `);
    await queryRunner.query(`CREATE TABLE "customer_identity" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "value" varchar(254) NOT NULL, "channel" varchar(20), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE INDEX "customer_identity_customer" ON "customer_identity" ("customerId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_identity_kind_value" ON "customer_identity" ("kind", "value") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_identity_kind_value"`);
    await queryRunner.query(`DROP INDEX "customer_identity_customer"`);
    await queryRunner.query(`DROP TABLE "customer_identity"`);
    await queryRunner.query(`DROP INDEX "customer_merged_into"`);
    await queryRunner.query(`DROP TABLE "customer"`);
    await queryRunner.query(`DROP INDEX "customer_address_customer"`);
    await queryRunner.query(`DROP TABLE "customer_address"`);
    await queryRunner.query(`DROP INDEX "outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
  }
}
