import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795996416919 implements MigrationInterface {
  name = 'Crm1795996416919';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "crm"."job_run" ("name" character varying(80) NOT NULL, "intervalSeconds" integer NOT NULL DEFAULT '0', "runner" character varying(80), "leaseUntil" TIMESTAMP, "lastStartedAt" TIMESTAMP, "lastFinishedAt" TIMESTAMP, "lastResult" integer, "lastError" character varying(500), CONSTRAINT "PK_a72b11a6ed99e4f8554c29addef" PRIMARY KEY ("name"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "crm"."job_run"`);
  }
}
