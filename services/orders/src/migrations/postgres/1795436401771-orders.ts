import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795436401771 implements MigrationInterface {
  name = 'Orders1795436401771';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "partnerId" character varying(100)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "partnerId"`);
  }
}
