import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1796011971700 implements MigrationInterface {
  name = 'Crm1796011971700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "crm"."customer_engagement" ADD "tierAt" TIMESTAMP`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "crm"."customer_engagement" DROP COLUMN "tierAt"`);
  }
}
