import type { MigrationInterface, QueryRunner } from 'typeorm';
import { giftCardHash, giftCardLast4 } from '../../domain/stored-value';
import { loyaltySettings } from '../../settings';

export class Loyalty1795996666258 implements MigrationInterface {
  name = 'Loyalty1795996666258';

  /**
   * Gift card codes become a keyed hash (GIFT_CARD_SECRET) and their last four symbols; the
   * plain column goes (read first, hashed after the table is rebuilt). Also: merged wallets and
   * the order of a stored-value entry.
   */
  async up(queryRunner: QueryRunner): Promise<void> {
    const cards: { id: string; code: string }[] = await queryRunner.query(
      `SELECT "id", "code" FROM "stored_value_account" WHERE "code" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "stored_value_wallet"`);
    await queryRunner.query(`DROP INDEX "stored_value_purchaser"`);
    await queryRunner.query(`CREATE TABLE "temporary_stored_value_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(20) NOT NULL, "customerId" varchar(36), "purchaserCustomerId" varchar(36), "currency" varchar(3) NOT NULL, "balanceCents" integer NOT NULL DEFAULT (0), "heldCents" integer NOT NULL DEFAULT (0), "idempotencyKey" varchar(120), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_f72798485fc7fe631f646c0acd6" UNIQUE ("idempotencyKey"))`);
    await queryRunner.query(`INSERT INTO "temporary_stored_value_account"("id", "kind", "customerId", "purchaserCustomerId", "currency", "balanceCents", "heldCents", "idempotencyKey", "createdAt") SELECT "id", "kind", "customerId", "purchaserCustomerId", "currency", "balanceCents", "heldCents", "idempotencyKey", "createdAt" FROM "stored_value_account"`);
    await queryRunner.query(`DROP TABLE "stored_value_account"`);
    await queryRunner.query(`ALTER TABLE "temporary_stored_value_account" RENAME TO "stored_value_account"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "stored_value_wallet" ON "stored_value_account" ("customerId", "currency") `);
    await queryRunner.query(`CREATE INDEX "stored_value_purchaser" ON "stored_value_account" ("purchaserCustomerId") `);
    await queryRunner.query(`DROP INDEX "stored_value_wallet"`);
    await queryRunner.query(`DROP INDEX "stored_value_purchaser"`);
    await queryRunner.query(`CREATE TABLE "temporary_stored_value_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(20) NOT NULL, "customerId" varchar(36), "purchaserCustomerId" varchar(36), "currency" varchar(3) NOT NULL, "balanceCents" integer NOT NULL DEFAULT (0), "heldCents" integer NOT NULL DEFAULT (0), "idempotencyKey" varchar(120), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "codeHash" varchar(64), "codeLast4" varchar(4), "mergedIntoId" varchar(36), CONSTRAINT "UQ_f72798485fc7fe631f646c0acd6" UNIQUE ("idempotencyKey"), CONSTRAINT "UQ_a513f9bb6b6ecffc09ef53e7ef7" UNIQUE ("codeHash"))`);
    await queryRunner.query(`INSERT INTO "temporary_stored_value_account"("id", "kind", "customerId", "purchaserCustomerId", "currency", "balanceCents", "heldCents", "idempotencyKey", "createdAt") SELECT "id", "kind", "customerId", "purchaserCustomerId", "currency", "balanceCents", "heldCents", "idempotencyKey", "createdAt" FROM "stored_value_account"`);
    await queryRunner.query(`DROP TABLE "stored_value_account"`);
    await queryRunner.query(`ALTER TABLE "temporary_stored_value_account" RENAME TO "stored_value_account"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "stored_value_wallet" ON "stored_value_account" ("customerId", "currency") `);
    await queryRunner.query(`CREATE INDEX "stored_value_purchaser" ON "stored_value_account" ("purchaserCustomerId") `);
    const { giftCardSecret } = loyaltySettings();
    for (const card of cards) {
      await queryRunner.query(`UPDATE "stored_value_account" SET "codeHash" = ?, "codeLast4" = ? WHERE "id" = ?`, [
        giftCardHash(card.code, giftCardSecret),
        giftCardLast4(card.code),
        card.id,
      ]);
    }
    await queryRunner.query(`DROP INDEX "stored_value_entry_account"`);
    await queryRunner.query(`DROP INDEX "stored_value_entry_ref"`);
    await queryRunner.query(`CREATE TABLE "temporary_stored_value_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "amountCents" integer NOT NULL, "reason" varchar(200) NOT NULL, "channel" varchar(20), "ref" varchar(120), "occurredAt" datetime NOT NULL, "orderId" varchar(36))`);
    await queryRunner.query(`INSERT INTO "temporary_stored_value_entry"("id", "accountId", "kind", "amountCents", "reason", "channel", "ref", "occurredAt") SELECT "id", "accountId", "kind", "amountCents", "reason", "channel", "ref", "occurredAt" FROM "stored_value_entry"`);
    await queryRunner.query(`DROP TABLE "stored_value_entry"`);
    await queryRunner.query(`ALTER TABLE "temporary_stored_value_entry" RENAME TO "stored_value_entry"`);
    await queryRunner.query(`CREATE INDEX "stored_value_entry_account" ON "stored_value_entry" ("accountId", "occurredAt") `);
    await queryRunner.query(`CREATE INDEX "stored_value_entry_ref" ON "stored_value_entry" ("ref") `);
  }

  /** The codes cannot come back from their hashes: the cards keep their value but need new codes. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "stored_value_entry_ref"`);
    await queryRunner.query(`DROP INDEX "stored_value_entry_account"`);
    await queryRunner.query(`ALTER TABLE "stored_value_entry" RENAME TO "temporary_stored_value_entry"`);
    await queryRunner.query(`CREATE TABLE "stored_value_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "amountCents" integer NOT NULL, "reason" varchar(200) NOT NULL, "channel" varchar(20), "ref" varchar(120), "occurredAt" datetime NOT NULL)`);
    await queryRunner.query(`INSERT INTO "stored_value_entry"("id", "accountId", "kind", "amountCents", "reason", "channel", "ref", "occurredAt") SELECT "id", "accountId", "kind", "amountCents", "reason", "channel", "ref", "occurredAt" FROM "temporary_stored_value_entry"`);
    await queryRunner.query(`DROP TABLE "temporary_stored_value_entry"`);
    await queryRunner.query(`CREATE INDEX "stored_value_entry_ref" ON "stored_value_entry" ("ref") `);
    await queryRunner.query(`CREATE INDEX "stored_value_entry_account" ON "stored_value_entry" ("accountId", "occurredAt") `);
    await queryRunner.query(`DROP INDEX "stored_value_purchaser"`);
    await queryRunner.query(`DROP INDEX "stored_value_wallet"`);
    await queryRunner.query(`ALTER TABLE "stored_value_account" RENAME TO "temporary_stored_value_account"`);
    await queryRunner.query(`CREATE TABLE "stored_value_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(20) NOT NULL, "customerId" varchar(36), "purchaserCustomerId" varchar(36), "currency" varchar(3) NOT NULL, "balanceCents" integer NOT NULL DEFAULT (0), "heldCents" integer NOT NULL DEFAULT (0), "idempotencyKey" varchar(120), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_f72798485fc7fe631f646c0acd6" UNIQUE ("idempotencyKey"))`);
    await queryRunner.query(`INSERT INTO "stored_value_account"("id", "kind", "customerId", "purchaserCustomerId", "currency", "balanceCents", "heldCents", "idempotencyKey", "createdAt") SELECT "id", "kind", "customerId", "purchaserCustomerId", "currency", "balanceCents", "heldCents", "idempotencyKey", "createdAt" FROM "temporary_stored_value_account"`);
    await queryRunner.query(`DROP TABLE "temporary_stored_value_account"`);
    await queryRunner.query(`CREATE INDEX "stored_value_purchaser" ON "stored_value_account" ("purchaserCustomerId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "stored_value_wallet" ON "stored_value_account" ("customerId", "currency") `);
    await queryRunner.query(`DROP INDEX "stored_value_purchaser"`);
    await queryRunner.query(`DROP INDEX "stored_value_wallet"`);
    await queryRunner.query(`ALTER TABLE "stored_value_account" RENAME TO "temporary_stored_value_account"`);
    await queryRunner.query(`CREATE TABLE "stored_value_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(20) NOT NULL, "code" varchar(32), "customerId" varchar(36), "purchaserCustomerId" varchar(36), "currency" varchar(3) NOT NULL, "balanceCents" integer NOT NULL DEFAULT (0), "heldCents" integer NOT NULL DEFAULT (0), "idempotencyKey" varchar(120), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_f72798485fc7fe631f646c0acd6" UNIQUE ("idempotencyKey"), CONSTRAINT "UQ_e49cfe2c662bc7c26769059f6d0" UNIQUE ("code"))`);
    await queryRunner.query(`INSERT INTO "stored_value_account"("id", "kind", "customerId", "purchaserCustomerId", "currency", "balanceCents", "heldCents", "idempotencyKey", "createdAt") SELECT "id", "kind", "customerId", "purchaserCustomerId", "currency", "balanceCents", "heldCents", "idempotencyKey", "createdAt" FROM "temporary_stored_value_account"`);
    await queryRunner.query(`DROP TABLE "temporary_stored_value_account"`);
    await queryRunner.query(`CREATE INDEX "stored_value_purchaser" ON "stored_value_account" ("purchaserCustomerId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "stored_value_wallet" ON "stored_value_account" ("customerId", "currency") `);
  }
}
