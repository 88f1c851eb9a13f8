import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795996554773 implements MigrationInterface {
  name = 'Inventory1795996554773';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory"."stock_reservation" ADD "expiresAt" TIMESTAMP`);
    await queryRunner.query(`CREATE INDEX "stock_reservation_expiry" ON "inventory"."stock_reservation"  ("status", "expiresAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "inventory"."stock_reservation_expiry"`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock_reservation" DROP COLUMN "expiresAt"`);
  }
}
