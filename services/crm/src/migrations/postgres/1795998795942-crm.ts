import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795998795942 implements MigrationInterface {
  name = 'Crm1795998795942';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "crm"."customer_message_customer_time"`);
    await queryRunner.query(`ALTER TABLE "crm"."customer_message" ALTER COLUMN "customerId" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "customer_message_customer_time" ON "crm"."customer_message"  ("customerId", "createdAt", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "crm"."customer_message_customer_time"`);
    await queryRunner.query(`ALTER TABLE "crm"."customer_message" ALTER COLUMN "customerId" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "customer_message_customer_time" ON "crm"."customer_message" USING btree ("id", "customerId", "createdAt") `);
  }
}
