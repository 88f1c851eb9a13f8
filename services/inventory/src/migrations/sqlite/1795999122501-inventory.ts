import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795999122501 implements MigrationInterface {
  name = 'Inventory1795999122501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "stock_transfer_to"`);
    await queryRunner.query(`DROP INDEX "stock_transfer_from"`);
    await queryRunner.query(`CREATE TABLE "temporary_stock_transfer" ("id" varchar(36) PRIMARY KEY NOT NULL, "sku" varchar(64) NOT NULL, "fromLocationId" varchar(36) NOT NULL, "toLocationId" varchar(36) NOT NULL, "quantity" integer NOT NULL, "status" varchar(20) NOT NULL, "createdAt" datetime NOT NULL, "receivedAt" datetime, "orderId" varchar(64), "lineId" varchar(64), "fulfillmentId" varchar(64), "holdForOrder" boolean NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "temporary_stock_transfer"("id", "sku", "fromLocationId", "toLocationId", "quantity", "status", "createdAt", "receivedAt") SELECT "id", "sku", "fromLocationId", "toLocationId", "quantity", "status", "createdAt", "receivedAt" FROM "stock_transfer"`);
    await queryRunner.query(`DROP TABLE "stock_transfer"`);
    await queryRunner.query(`ALTER TABLE "temporary_stock_transfer" RENAME TO "stock_transfer"`);
    await queryRunner.query(`CREATE INDEX "stock_transfer_to" ON "stock_transfer" ("toLocationId", "status") `);
    await queryRunner.query(`CREATE INDEX "stock_transfer_from" ON "stock_transfer" ("fromLocationId", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "stock_transfer_fulfillment" ON "stock_transfer" ("fulfillmentId", "lineId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "stock_transfer_fulfillment"`);
    await queryRunner.query(`DROP INDEX "stock_transfer_from"`);
    await queryRunner.query(`DROP INDEX "stock_transfer_to"`);
    await queryRunner.query(`ALTER TABLE "stock_transfer" RENAME TO "temporary_stock_transfer"`);
    await queryRunner.query(`CREATE TABLE "stock_transfer" ("id" varchar(36) PRIMARY KEY NOT NULL, "sku" varchar(64) NOT NULL, "fromLocationId" varchar(36) NOT NULL, "toLocationId" varchar(36) NOT NULL, "quantity" integer NOT NULL, "status" varchar(20) NOT NULL, "createdAt" datetime NOT NULL, "receivedAt" datetime)`);
    await queryRunner.query(`INSERT INTO "stock_transfer"("id", "sku", "fromLocationId", "toLocationId", "quantity", "status", "createdAt", "receivedAt") SELECT "id", "sku", "fromLocationId", "toLocationId", "quantity", "status", "createdAt", "receivedAt" FROM "temporary_stock_transfer"`);
    await queryRunner.query(`DROP TABLE "temporary_stock_transfer"`);
    await queryRunner.query(`CREATE INDEX "stock_transfer_from" ON "stock_transfer" ("fromLocationId", "status") `);
    await queryRunner.query(`CREATE INDEX "stock_transfer_to" ON "stock_transfer" ("toLocationId", "status") `);
  }
}
