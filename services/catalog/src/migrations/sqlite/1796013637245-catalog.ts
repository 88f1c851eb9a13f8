import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1796013637245 implements MigrationInterface {
  name = 'Catalog1796013637245';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "promotion_revision" ("id" integer PRIMARY KEY NOT NULL, "revision" integer NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "promotion_revision"`);
  }
}
