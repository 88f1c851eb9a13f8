import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1796009957195 implements MigrationInterface {
  name = 'Catalog1796009957195';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_tier" ("customerId" varchar(36) PRIMARY KEY NOT NULL, "tier" varchar(20), "changedAt" datetime NOT NULL, "mergedIntoId" varchar(36))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "customer_tier"`);
  }
}
