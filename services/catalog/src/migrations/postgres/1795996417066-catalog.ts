import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795996417066 implements MigrationInterface {
  name = 'Catalog1795996417066';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."job_run" ("name" character varying(80) NOT NULL, "intervalSeconds" integer NOT NULL DEFAULT '0', "runner" character varying(80), "leaseUntil" TIMESTAMP, "lastStartedAt" TIMESTAMP, "lastFinishedAt" TIMESTAMP, "lastResult" integer, "lastError" character varying(500), CONSTRAINT "PK_a72b11a6ed99e4f8554c29addef" PRIMARY KEY ("name"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."job_run"`);
  }
}
