import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersMarkets1796005400000 implements MigrationInterface {
  name = 'OrdersMarkets1796005400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cart" ADD COLUMN "market" varchar(20)`);
    await queryRunner.query(`ALTER TABLE "customer_order" ADD COLUMN "market" varchar(20)`);
    await queryRunner.query(`ALTER TABLE "order_payment" ADD COLUMN "exchangeRate" varchar(20)`);
    await queryRunner.query(`ALTER TABLE "order_payment" ADD COLUMN "tenderCents" integer`);
    await queryRunner.query(`ALTER TABLE "order_payment" ADD COLUMN "tenderCurrency" varchar(3)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order_payment" DROP COLUMN "tenderCurrency"`);
    await queryRunner.query(`ALTER TABLE "order_payment" DROP COLUMN "tenderCents"`);
    await queryRunner.query(`ALTER TABLE "order_payment" DROP COLUMN "exchangeRate"`);
    await queryRunner.query(`ALTER TABLE "customer_order" DROP COLUMN "market"`);
    await queryRunner.query(`ALTER TABLE "cart" DROP COLUMN "market"`);
  }
}
