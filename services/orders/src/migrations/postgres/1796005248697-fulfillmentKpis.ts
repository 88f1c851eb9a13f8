import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FulfillmentKpis1796005248697 implements MigrationInterface {
  name = 'FulfillmentKpis1796005248697';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" ADD "readyAt" TIMESTAMP`);
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment_line" ADD "pickedQuantity" integer`);
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment_line" ADD "substituteSku" character varying(64)`);
    await queryRunner.query(`CREATE INDEX "customer_order_placed" ON "orders"."customer_order"  ("placedAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."customer_order_placed"`);
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment_line" DROP COLUMN "substituteSku"`);
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment_line" DROP COLUMN "pickedQuantity"`);
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" DROP COLUMN "readyAt"`);
  }
}
