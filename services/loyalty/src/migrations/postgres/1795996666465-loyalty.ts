import type { MigrationInterface, QueryRunner } from 'typeorm';
import { giftCardHash, giftCardLast4 } from '../../domain/stored-value';
import { loyaltySettings } from '../../settings';

export class Loyalty1795996666465 implements MigrationInterface {
  name = 'Loyalty1795996666465';

  /**
   * Gift card codes become a keyed hash (GIFT_CARD_SECRET) and their last four symbols; the
   * plain column goes. Also: merged wallets and the order of a stored-value entry.
   */
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" ADD "codeHash" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" ADD CONSTRAINT "UQ_332465673b2fac7353a0d952958" UNIQUE ("codeHash")`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" ADD "codeLast4" character varying(4)`);
    const { giftCardSecret } = loyaltySettings();
    const cards: { id: string; code: string }[] = await queryRunner.query(
      `SELECT "id", "code" FROM "loyalty"."stored_value_account" WHERE "code" IS NOT NULL`,
    );
    for (const card of cards) {
      await queryRunner.query(`UPDATE "loyalty"."stored_value_account" SET "codeHash" = $1, "codeLast4" = $2 WHERE "id" = $3`, [
        giftCardHash(card.code, giftCardSecret),
        giftCardLast4(card.code),
        card.id,
      ]);
    }
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" DROP CONSTRAINT "UQ_e49cfe2c662bc7c26769059f6d0"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" DROP COLUMN "code"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" ADD "mergedIntoId" character varying(36)`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_entry" ADD "orderId" character varying(36)`);
  }

  /** The codes cannot come back from their hashes: the cards keep their value but need new codes. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_entry" DROP COLUMN "orderId"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" DROP COLUMN "mergedIntoId"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" DROP COLUMN "codeLast4"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" DROP CONSTRAINT "UQ_332465673b2fac7353a0d952958"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" DROP COLUMN "codeHash"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" ADD "code" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "loyalty"."stored_value_account" ADD CONSTRAINT "UQ_e49cfe2c662bc7c26769059f6d0" UNIQUE ("code")`);
  }
}
