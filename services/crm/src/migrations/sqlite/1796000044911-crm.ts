import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1796000044911 implements MigrationInterface {
  name = 'Crm1796000044911';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "privacy_request" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "kind" varchar(10) NOT NULL, "status" varchar(10) NOT NULL, "requestedBy" varchar(200), "channel" varchar(20), "requestedAt" datetime NOT NULL, "completedAt" datetime, "document" text, "outcome" text)`);
    await queryRunner.query(`CREATE INDEX "privacy_request_customer_time" ON "privacy_request" ("customerId", "requestedAt") `);
    await queryRunner.query(`DROP INDEX "customer_merged_into"`);
    await queryRunner.query(`CREATE TABLE "temporary_customer" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "phone" varchar(20), "firstName" varchar(100) NOT NULL, "lastName" varchar(100) NOT NULL, "channels" text NOT NULL, "mergedIntoId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "messageOptOuts" text NOT NULL DEFAULT (''), "erasedAt" datetime)`);
    await queryRunner.query(`INSERT INTO "temporary_customer"("id", "email", "phone", "firstName", "lastName", "channels", "mergedIntoId", "createdAt", "updatedAt", "messageOptOuts") SELECT "id", "email", "phone", "firstName", "lastName", "channels", "mergedIntoId", "createdAt", "updatedAt", "messageOptOuts" FROM "customer"`);
    await queryRunner.query(`DROP TABLE "customer"`);
    await queryRunner.query(`ALTER TABLE "temporary_customer" RENAME TO "customer"`);
    await queryRunner.query(`CREATE INDEX "customer_merged_into" ON "customer" ("mergedIntoId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_merged_into"`);
    await queryRunner.query(`ALTER TABLE "customer" RENAME TO "temporary_customer"`);
    await queryRunner.query(`CREATE TABLE "customer" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "phone" varchar(20), "firstName" varchar(100) NOT NULL, "lastName" varchar(100) NOT NULL, "channels" text NOT NULL, "mergedIntoId" varchar(36), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "messageOptOuts" text NOT NULL DEFAULT (''))`);
    await queryRunner.query(`INSERT INTO "customer"("id", "email", "phone", "firstName", "lastName", "channels", "mergedIntoId", "createdAt", "updatedAt", "messageOptOuts") SELECT "id", "email", "phone", "firstName", "lastName", "channels", "mergedIntoId", "createdAt", "updatedAt", "messageOptOuts" FROM "temporary_customer"`);
    await queryRunner.query(`DROP TABLE "temporary_customer"`);
    await queryRunner.query(`CREATE INDEX "customer_merged_into" ON "customer" ("mergedIntoId") `);
    await queryRunner.query(`DROP INDEX "privacy_request_customer_time"`);
    await queryRunner.query(`DROP TABLE "privacy_request"`);
  }
}
