import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1796000046436 implements MigrationInterface {
  name = 'Orders1796000046436';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."replenishment_subscription" ADD "lines" text NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."replenishment_subscription" DROP COLUMN "lines"`);
  }
}
