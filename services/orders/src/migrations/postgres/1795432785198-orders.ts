import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795432785198 implements MigrationInterface {
  name = 'Orders1795432785198';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "redeemedPoints" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "pointsCents" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "storeCreditCents" integer NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "storeCreditCents"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "pointsCents"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "redeemedPoints"`);
  }
}
