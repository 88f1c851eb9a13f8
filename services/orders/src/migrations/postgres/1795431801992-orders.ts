import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795431801992 implements MigrationInterface {
  name = 'Orders1795431801992';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" ADD "sourceLocationId" character varying(36)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."fulfillment" DROP COLUMN "sourceLocationId"`);
  }
}
