import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795999802740 implements MigrationInterface {
  name = 'Orders1795999802740';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "customer_order_external_ref" ON "customer_order" ("channel", "externalRef") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_order_external_ref"`);
  }
}
