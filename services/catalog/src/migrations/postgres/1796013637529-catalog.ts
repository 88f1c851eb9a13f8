import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1796013637529 implements MigrationInterface {
  name = 'Catalog1796013637529';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."promotion_revision" ("id" integer NOT NULL, "revision" integer NOT NULL, CONSTRAINT "PK_806d960c27b7ca96cb39c831fea" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."promotion_revision"`);
  }
}
