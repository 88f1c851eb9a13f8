import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795432234435 implements MigrationInterface {
  name = 'Inventory1795432234435';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "stock_movement" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sku" varchar(64) NOT NULL, "locationId" varchar(36) NOT NULL, "kind" varchar(24) NOT NULL, "reason" varchar(200), "reference" varchar(120), "onHandChange" integer NOT NULL DEFAULT (0), "reservedChange" integer NOT NULL DEFAULT (0), "inTransitChange" integer NOT NULL DEFAULT (0), "safetyStockChange" integer NOT NULL DEFAULT (0), "onHandAfter" integer NOT NULL, "reservedAfter" integer NOT NULL, "availableAfter" integer NOT NULL, "channel" varchar(20), "actor" varchar(120), "occurredAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "stock_movement_reference" ON "stock_movement" ("reference") `);
    await queryRunner.query(`CREATE INDEX "stock_movement_sku_location" ON "stock_movement" ("sku", "locationId", "sequence") `);
    await queryRunner.query(`CREATE TABLE "stock_reservation" ("orderId" varchar(64) NOT NULL, "lineId" varchar(64) NOT NULL, "locationId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "shippedQuantity" integer NOT NULL DEFAULT (0), "status" varchar(20) NOT NULL, "requestKey" varchar(120), "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, PRIMARY KEY ("orderId", "lineId", "locationId"))`);
    await queryRunner.query(`CREATE INDEX "stock_reservation_stock" ON "stock_reservation" ("locationId", "sku", "status") `);
    await queryRunner.query(`CREATE INDEX "stock_reservation_request" ON "stock_reservation" ("orderId", "requestKey") `);
    await queryRunner.query(`CREATE TABLE "stock_transfer" ("id" varchar(36) PRIMARY KEY NOT NULL, "sku" varchar(64) NOT NULL, "fromLocationId" varchar(36) NOT NULL, "toLocationId" varchar(36) NOT NULL, "quantity" integer NOT NULL, "status" varchar(20) NOT NULL, "createdAt" datetime NOT NULL, "receivedAt" datetime)`);
    await queryRunner.query(`CREATE INDEX "stock_transfer_from" ON "stock_transfer" ("fromLocationId", "status") `);
    await queryRunner.query(`CREATE INDEX "stock_transfer_to" ON "stock_transfer" ("toLocationId", "status") `);
    await queryRunner.query(`DROP INDEX "stock_sku"`);
    await queryRunner.query(`CREATE TABLE "temporary_stock" ("locationId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "onHand" integer NOT NULL DEFAULT (0), "reserved" integer NOT NULL DEFAULT (0), "safetyStock" integer NOT NULL DEFAULT (0), "inTransit" integer NOT NULL DEFAULT (0), "updatedAt" datetime, PRIMARY KEY ("locationId", "sku"))`);
    await queryRunner.query(`INSERT INTO "temporary_stock"("locationId", "sku", "onHand", "reserved", "safetyStock") SELECT "locationId", "sku", "onHand", "reserved", "safetyStock" FROM "stock"`);
    await queryRunner.query(`DROP TABLE "stock"`);
    await queryRunner.query(`ALTER TABLE "temporary_stock" RENAME TO "stock"`);
    await queryRunner.query(`CREATE INDEX "stock_sku" ON "stock" ("sku") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "stock_sku"`);
    await queryRunner.query(`ALTER TABLE "stock" RENAME TO "temporary_stock"`);
    await queryRunner.query(`CREATE TABLE "stock" ("locationId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "onHand" integer NOT NULL DEFAULT (0), "reserved" integer NOT NULL DEFAULT (0), "safetyStock" integer NOT NULL DEFAULT (0), PRIMARY KEY ("locationId", "sku"))`);
    await queryRunner.query(`INSERT INTO "stock"("locationId", "sku", "onHand", "reserved", "safetyStock") SELECT "locationId", "sku", "onHand", "reserved", "safetyStock" FROM "temporary_stock"`);
    await queryRunner.query(`DROP TABLE "temporary_stock"`);
    await queryRunner.query(`CREATE INDEX "stock_sku" ON "stock" ("sku") `);
    await queryRunner.query(`DROP INDEX "stock_transfer_to"`);
    await queryRunner.query(`DROP INDEX "stock_transfer_from"`);
    await queryRunner.query(`DROP TABLE "stock_transfer"`);
    await queryRunner.query(`DROP INDEX "stock_reservation_request"`);
    await queryRunner.query(`DROP INDEX "stock_reservation_stock"`);
    await queryRunner.query(`DROP TABLE "stock_reservation"`);
    await queryRunner.query(`DROP INDEX "stock_movement_sku_location"`);
    await queryRunner.query(`DROP INDEX "stock_movement_reference"`);
    await queryRunner.query(`DROP TABLE "stock_movement"`);
  }
}
