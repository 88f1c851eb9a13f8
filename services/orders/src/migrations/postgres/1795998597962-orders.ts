import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795998597962 implements MigrationInterface {
  name = 'Orders1795998597962';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."order_line" ADD "giftCardKind" character varying(10)`);
    await queryRunner.query(`ALTER TABLE "orders"."order_line" ADD "giftCardRecipientEmail" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "orders"."order_line" ADD "giftCardsActivatedAt" TIMESTAMP`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders"."order_line" DROP COLUMN "giftCardsActivatedAt"`);
    await queryRunner.query(`ALTER TABLE "orders"."order_line" DROP COLUMN "giftCardRecipientEmail"`);
    await queryRunner.query(`ALTER TABLE "orders"."order_line" DROP COLUMN "giftCardKind"`);
  }
}
