import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1796011971369 implements MigrationInterface {
  name = 'Crm1796011971369';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_engagement" ADD COLUMN "tierAt" datetime`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_engagement" DROP COLUMN "tierAt"`);
  }
}
