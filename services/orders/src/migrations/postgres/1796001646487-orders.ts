import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1796001646487 implements MigrationInterface {
  name = 'Orders1796001646487';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "orders"."api_client" ("id" character varying(36) NOT NULL, "clientId" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "partnerId" character varying(100) NOT NULL, "scopes" text NOT NULL, "secretHash" character varying(64) NOT NULL, "revokedAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_82a5ec6981d2be903a9eb1d9b9a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_client_client_id" ON "orders"."api_client"  ("clientId") `);
    await queryRunner.query(`CREATE TABLE "orders"."webhook_subscription" ("id" character varying(36) NOT NULL, "partnerId" character varying(100) NOT NULL, "url" character varying(2000) NOT NULL, "topics" text NOT NULL, "signingSecret" character varying(100) NOT NULL, "active" boolean NOT NULL DEFAULT true, "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_b52cb4811c5ada4f42896c37ba8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_subscription_partner" ON "orders"."webhook_subscription"  ("partnerId") `);
    await queryRunner.query(`CREATE TABLE "orders"."webhook_delivery" ("id" character varying(36) NOT NULL, "subscriptionId" character varying(36) NOT NULL, "eventId" character varying(36) NOT NULL, "topic" character varying(40) NOT NULL, "status" character varying(20) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "responseStatus" integer, "lastError" character varying(500), "latencyMs" integer, "body" text NOT NULL, "nextAttemptAt" TIMESTAMP NOT NULL, "createdAt" TIMESTAMP NOT NULL, "deliveredAt" TIMESTAMP, CONSTRAINT "webhook_delivery_event" UNIQUE ("eventId", "subscriptionId"), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_delivery_subscription" ON "orders"."webhook_delivery"  ("subscriptionId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "webhook_delivery_due" ON "orders"."webhook_delivery"  ("status", "nextAttemptAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."webhook_delivery_due"`);
    await queryRunner.query(`DROP INDEX "orders"."webhook_delivery_subscription"`);
    await queryRunner.query(`DROP TABLE "orders"."webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "orders"."webhook_subscription_partner"`);
    await queryRunner.query(`DROP TABLE "orders"."webhook_subscription"`);
    await queryRunner.query(`DROP INDEX "orders"."api_client_client_id"`);
    await queryRunner.query(`DROP TABLE "orders"."api_client"`);
  }
}
