import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795998438222 implements MigrationInterface {
  name = 'Catalog1795998438222';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."product_variant" ADD "giftCard" character varying(10)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."product_variant" DROP COLUMN "giftCard"`);
  }
}
