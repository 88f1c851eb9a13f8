import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1796002788989 implements MigrationInterface {
  name = 'Orders1796002788989';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."webhook_subscription" ADD "allOrders" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."webhook_subscription" DROP COLUMN "allOrders"`);
  }
}
