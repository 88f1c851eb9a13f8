import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795996417073 implements MigrationInterface {
  name = 'Inventory1795996417073';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "job_run" ("name" varchar(80) PRIMARY KEY NOT NULL, "intervalSeconds" integer NOT NULL DEFAULT (0), "runner" varchar(80), "leaseUntil" datetime, "lastStartedAt" datetime, "lastFinishedAt" datetime, "lastResult" integer, "lastError" varchar(500))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_run"`);
  }
}
