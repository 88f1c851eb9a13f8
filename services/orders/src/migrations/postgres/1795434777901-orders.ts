import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795434777901 implements MigrationInterface {
  name = 'Orders1795434777901';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" ADD "leftAt" TIMESTAMP`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" DROP COLUMN "leftAt"`);
  }
}
