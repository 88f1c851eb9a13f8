import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CrmCustomerCreatedIndex1796006880435 implements MigrationInterface {
  name = 'CrmCustomerCreatedIndex1796006880435';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "customer_created" ON "crm"."customer"  ("createdAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "crm"."customer_created"`);
  }
}
