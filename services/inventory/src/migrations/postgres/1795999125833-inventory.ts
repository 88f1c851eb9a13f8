import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795999125833 implements MigrationInterface {
  name = 'Inventory1795999125833';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory"."stock_transfer" ADD "orderId" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock_transfer" ADD "lineId" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock_transfer" ADD "fulfillmentId" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock_transfer" ADD "holdForOrder" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE UNIQUE INDEX "stock_transfer_fulfillment" ON "inventory"."stock_transfer"  ("fulfillmentId", "lineId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "inventory"."stock_transfer_fulfillment"`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock_transfer" DROP COLUMN "holdForOrder"`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock_transfer" DROP COLUMN "fulfillmentId"`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock_transfer" DROP COLUMN "lineId"`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock_transfer" DROP COLUMN "orderId"`);
  }
}
