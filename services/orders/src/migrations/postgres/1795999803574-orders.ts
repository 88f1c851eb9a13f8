import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795999803574 implements MigrationInterface {
  name = 'Orders1795999803574';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "customer_order_external_ref" ON "orders"."customer_order"  ("channel", "externalRef") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."customer_order_external_ref"`);
  }
}
