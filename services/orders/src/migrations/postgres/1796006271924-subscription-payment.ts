import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersSubscriptionPayment1796006271924 implements MigrationInterface {
  name = 'OrdersSubscriptionPayment1796006271924';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."replenishment_subscription" ADD "paymentMethodId" character varying(36)`);
    await queryRunner.query(`ALTER TABLE "orders"."replenishment_subscription" ADD "useStoreCredit" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."replenishment_subscription" DROP COLUMN "useStoreCredit"`);
    await queryRunner.query(`ALTER TABLE "orders"."replenishment_subscription" DROP COLUMN "paymentMethodId"`);
  }
}
