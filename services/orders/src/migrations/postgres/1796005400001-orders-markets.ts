import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersMarkets1796005400001 implements MigrationInterface {
  name = 'OrdersMarkets1796005400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."cart" ADD "market" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" ADD "market" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "orders"."order_payment" ADD "exchangeRate" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "orders"."order_payment" ADD "tenderCents" integer`);
    await queryRunner.query(`ALTER TABLE "orders"."order_payment" ADD "tenderCurrency" character varying(3)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."order_payment" DROP COLUMN "tenderCurrency"`);
    await queryRunner.query(`ALTER TABLE "orders"."order_payment" DROP COLUMN "tenderCents"`);
    await queryRunner.query(`ALTER TABLE "orders"."order_payment" DROP COLUMN "exchangeRate"`);
    await queryRunner.query(`ALTER TABLE "orders"."customer_order" DROP COLUMN "market"`);
    await queryRunner.query(`ALTER TABLE "orders"."cart" DROP COLUMN "market"`);
  }
}
