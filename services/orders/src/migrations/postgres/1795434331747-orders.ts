import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795434331747 implements MigrationInterface {
  name = 'Orders1795434331747';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" ADD "arrivedAt" TIMESTAMP`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" DROP COLUMN "arrivedAt"`);
  }
}
