import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795433732147 implements MigrationInterface {
  name = 'Catalog1795433732147';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_product_view" ("customerId" varchar(36) NOT NULL, "productId" varchar(64) NOT NULL, "views" integer NOT NULL DEFAULT (0), "lastViewedAt" datetime NOT NULL, PRIMARY KEY ("customerId", "productId"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "customer_product_view"`);
  }
}
