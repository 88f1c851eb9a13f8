import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogPromotionAudience1796005188653 implements MigrationInterface {
  name = 'CatalogPromotionAudience1796005188653';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."customer_segment" ("customerId" character varying(36) NOT NULL, "segmentId" character varying(36) NOT NULL, CONSTRAINT "PK_130fedc14e12c4f81483b37a24c" PRIMARY KEY ("customerId", "segmentId"))`);
    await queryRunner.query(`CREATE INDEX "customer_segment_segment" ON "catalog"."customer_segment"  ("segmentId") `);
    await queryRunner.query(`ALTER TABLE "catalog"."promotion" ADD "segmentId" character varying(36)`);
    await queryRunner.query(`ALTER TABLE "catalog"."promotion" ADD "customerId" character varying(36)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."promotion" DROP COLUMN "customerId"`);
    await queryRunner.query(`ALTER TABLE "catalog"."promotion" DROP COLUMN "segmentId"`);
    await queryRunner.query(`DROP INDEX "catalog"."customer_segment_segment"`);
    await queryRunner.query(`DROP TABLE "catalog"."customer_segment"`);
  }
}
