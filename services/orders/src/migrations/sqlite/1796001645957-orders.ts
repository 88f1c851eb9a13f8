import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1796001645957 implements MigrationInterface {
  name = 'Orders1796001645957';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_client" ("id" varchar(36) PRIMARY KEY NOT NULL, "clientId" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "partnerId" varchar(100) NOT NULL, "scopes" text NOT NULL, "secretHash" varchar(64) NOT NULL, "revokedAt" datetime, "createdAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_client_client_id" ON "api_client" ("clientId") `);
    await queryRunner.query(`CREATE TABLE "webhook_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "partnerId" varchar(100) NOT NULL, "url" varchar(2000) NOT NULL, "topics" text NOT NULL, "signingSecret" varchar(100) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "webhook_subscription_partner" ON "webhook_subscription" ("partnerId") `);
    await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" varchar(36) PRIMARY KEY NOT NULL, "subscriptionId" varchar(36) NOT NULL, "eventId" varchar(36) NOT NULL, "topic" varchar(40) NOT NULL, "status" varchar(20) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "responseStatus" integer, "lastError" varchar(500), "latencyMs" integer, "body" text NOT NULL, "nextAttemptAt" datetime NOT NULL, "createdAt" datetime NOT NULL, "deliveredAt" datetime, CONSTRAINT "webhook_delivery_event" UNIQUE ("eventId", "subscriptionId"))`);
    await queryRunner.query(`CREATE INDEX "webhook_delivery_subscription" ON "webhook_delivery" ("subscriptionId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "webhook_delivery_due" ON "webhook_delivery" ("status", "nextAttemptAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "webhook_delivery_due"`);
    await queryRunner.query(`DROP INDEX "webhook_delivery_subscription"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "webhook_subscription_partner"`);
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
    await queryRunner.query(`DROP INDEX "api_client_client_id"`);
    await queryRunner.query(`DROP TABLE "api_client"`);
  }
}
