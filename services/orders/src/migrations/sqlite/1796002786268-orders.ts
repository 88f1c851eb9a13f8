import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1796002786268 implements MigrationInterface {
  name = 'Orders1796002786268';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "webhook_subscription_partner"`);
    await queryRunner.query(`CREATE TABLE "temporary_webhook_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "partnerId" varchar(100) NOT NULL, "url" varchar(2000) NOT NULL, "topics" text NOT NULL, "signingSecret" varchar(100) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL, "allOrders" boolean NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "temporary_webhook_subscription"("id", "partnerId", "url", "topics", "signingSecret", "active", "createdAt") SELECT "id", "partnerId", "url", "topics", "signingSecret", "active", "createdAt" FROM "webhook_subscription"`);
    await queryRunner.query(`DROP TABLE "webhook_subscription"`);
    await queryRunner.query(`ALTER TABLE "temporary_webhook_subscription" RENAME TO "webhook_subscription"`);
    await queryRunner.query(`CREATE INDEX "webhook_subscription_partner" ON "webhook_subscription" ("partnerId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "webhook_subscription_partner"`);
    await queryRunner.query(`ALTER TABLE "webhook_subscription" RENAME TO "temporary_webhook_subscription"`);
    await queryRunner.query(`CREATE TABLE "webhook_subscription" ("id" varchar(36) PRIMARY KEY NOT NULL, "partnerId" varchar(100) NOT NULL, "url" varchar(2000) NOT NULL, "topics" text NOT NULL, "signingSecret" varchar(100) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL)`);
    await queryRunner.query(`INSERT INTO "webhook_subscription"("id", "partnerId", "url", "topics", "signingSecret", "active", "createdAt") SELECT "id", "partnerId", "url", "topics", "signingSecret", "active", "createdAt" FROM "temporary_webhook_subscription"`);
    await queryRunner.query(`DROP TABLE "temporary_webhook_subscription"`);
    await queryRunner.query(`CREATE INDEX "webhook_subscription_partner" ON "webhook_subscription" ("partnerId") `);
  }
}
