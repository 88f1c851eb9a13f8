import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795432691012 implements MigrationInterface {
  name = 'Orders1795432691012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."order_history_order"`);
    await queryRunner.query(`ALTER TABLE "orders"."order_history" ADD "sequence" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders"."order_history" ALTER COLUMN "at" DROP DEFAULT`);
    await queryRunner.query(`CREATE INDEX "order_history_order" ON "orders"."order_history"  ("orderId", "sequence") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."order_history_order"`);
    await queryRunner.query(`ALTER TABLE "orders"."order_history" ALTER COLUMN "at" SET DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "orders"."order_history" DROP COLUMN "sequence"`);
    await queryRunner.query(`CREATE INDEX "order_history_order" ON "orders"."order_history" USING btree ("orderId", "at") `);
  }
}
