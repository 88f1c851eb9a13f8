import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1796009957590 implements MigrationInterface {
  name = 'Catalog1796009957590';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."customer_tier" ("customerId" character varying(36) NOT NULL, "tier" character varying(20), "changedAt" TIMESTAMP NOT NULL, "mergedIntoId" character varying(36), CONSTRAINT "PK_b35f95bc5fabba4a70229e345d8" PRIMARY KEY ("customerId"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."customer_tier"`);
  }
}
