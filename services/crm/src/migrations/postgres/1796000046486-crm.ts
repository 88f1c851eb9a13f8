import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1796000046486 implements MigrationInterface {
  name = 'Crm1796000046486';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "crm"."privacy_request" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "kind" character varying(10) NOT NULL, "status" character varying(10) NOT NULL, "requestedBy" character varying(200), "channel" character varying(20), "requestedAt" TIMESTAMP NOT NULL, "completedAt" TIMESTAMP, "document" text, "outcome" text, CONSTRAINT "PK_0f0855b007a744a88b91ef3b7b8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "privacy_request_customer_time" ON "crm"."privacy_request"  ("customerId", "requestedAt") `);
    await queryRunner.query(`ALTER TABLE "crm"."customer" ADD "erasedAt" TIMESTAMP`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "crm"."customer" DROP COLUMN "erasedAt"`);
    await queryRunner.query(`DROP INDEX "crm"."privacy_request_customer_time"`);
    await queryRunner.query(`DROP TABLE "crm"."privacy_request"`);
  }
}
