import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CrmCustomerCreatedIndex1796006878141 implements MigrationInterface {
  name = 'CrmCustomerCreatedIndex1796006878141';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "customer_created" ON "customer" ("createdAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "customer_created"`);
  }
}
