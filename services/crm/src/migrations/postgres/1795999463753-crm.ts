import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795999463753 implements MigrationInterface {
  name = 'Crm1795999463753';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "crm"."customer" ADD "messageOptOuts" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "crm"."customer_message" ADD "basis" character varying(20) NOT NULL DEFAULT 'MARKETING_CONSENT'`);
    // Gift card codes were always sent without consent; every other earlier message had it.
    await queryRunner.query(`UPDATE "crm"."customer_message" SET "basis" = 'TRANSACTIONAL' WHERE "kind" = 'GIFT_CARD'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "crm"."customer_message" DROP COLUMN "basis"`);
    await queryRunner.query(`ALTER TABLE "crm"."customer" DROP COLUMN "messageOptOuts"`);
  }
}
