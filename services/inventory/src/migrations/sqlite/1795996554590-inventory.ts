import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795996554590 implements MigrationInterface {
  name = 'Inventory1795996554590';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "stock_reservation_request"`);
    await queryRunner.query(`DROP INDEX "stock_reservation_stock"`);
    await queryRunner.query(`CREATE TABLE "temporary_stock_reservation" ("orderId" varchar(64) NOT NULL, "lineId" varchar(64) NOT NULL, "locationId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "shippedQuantity" integer NOT NULL DEFAULT (0), "status" varchar(20) NOT NULL, "requestKey" varchar(120), "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, "expiresAt" datetime, PRIMARY KEY ("orderId", "lineId", "locationId"))`);
    await queryRunner.query(`INSERT INTO "temporary_stock_reservation"("orderId", "lineId", "locationId", "sku", "quantity", "shippedQuantity", "status", "requestKey", "createdAt", "updatedAt") SELECT "orderId", "lineId", "locationId", "sku", "quantity", "shippedQuantity", "status", "requestKey", "createdAt", "updatedAt" FROM "stock_reservation"`);
    await queryRunner.query(`DROP TABLE "stock_reservation"`);
    await queryRunner.query(`ALTER TABLE "temporary_stock_reservation" RENAME TO "stock_reservation"`);
    await queryRunner.query(`CREATE INDEX "stock_reservation_request" ON "stock_reservation" ("orderId", "requestKey") `);
    await queryRunner.query(`CREATE INDEX "stock_reservation_stock" ON "stock_reservation" ("locationId", "sku", "status") `);
    await queryRunner.query(`CREATE INDEX "stock_reservation_expiry" ON "stock_reservation" ("status", "expiresAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "stock_reservation_expiry"`);
    await queryRunner.query(`DROP INDEX "stock_reservation_stock"`);
    await queryRunner.query(`DROP INDEX "stock_reservation_request"`);
    await queryRunner.query(`ALTER TABLE "stock_reservation" RENAME TO "temporary_stock_reservation"`);
    await queryRunner.query(`CREATE TABLE "stock_reservation" ("orderId" varchar(64) NOT NULL, "lineId" varchar(64) NOT NULL, "locationId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "shippedQuantity" integer NOT NULL DEFAULT (0), "status" varchar(20) NOT NULL, "requestKey" varchar(120), "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, PRIMARY KEY ("orderId", "lineId", "locationId"))`);
    await queryRunner.query(`INSERT INTO "stock_reservation"("orderId", "lineId", "locationId", "sku", "quantity", "shippedQuantity", "status", "requestKey", "createdAt", "updatedAt") SELECT "orderId", "lineId", "locationId", "sku", "quantity", "shippedQuantity", "status", "requestKey", "createdAt", "updatedAt" FROM "temporary_stock_reservation"`);
    await queryRunner.query(`DROP TABLE "temporary_stock_reservation"`);
    await queryRunner.query(`CREATE INDEX "stock_reservation_stock" ON "stock_reservation" ("locationId", "sku", "status") `);
    await queryRunner.query(`CREATE INDEX "stock_reservation_request" ON "stock_reservation" ("orderId", "requestKey") `);
  }
}
