import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795433732713 implements MigrationInterface {
  name = 'Catalog1795433732713';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."customer_product_view" ("customerId" character varying(36) NOT NULL, "productId" character varying(64) NOT NULL, "views" integer NOT NULL DEFAULT '0', "lastViewedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_c0127b965c399a084a60a444873" PRIMARY KEY ("customerId", "productId"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."customer_product_view"`);
  }
}
