import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795432234638 implements MigrationInterface {
  name = 'Inventory1795432234638';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inventory"."stock_movement" ("sequence" SERIAL NOT NULL, "sku" character varying(64) NOT NULL, "locationId" character varying(36) NOT NULL, "kind" character varying(24) NOT NULL, "reason" character varying(200), "reference" character varying(120), "onHandChange" integer NOT NULL DEFAULT '0', "reservedChange" integer NOT NULL DEFAULT '0', "inTransitChange" integer NOT NULL DEFAULT '0', "safetyStockChange" integer NOT NULL DEFAULT '0', "onHandAfter" integer NOT NULL, "reservedAfter" integer NOT NULL, "availableAfter" integer NOT NULL, "channel" character varying(20), "actor" character varying(120), "occurredAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_5fd086ae71a54296e74df64b520" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "stock_movement_reference" ON "inventory"."stock_movement"  ("reference") `);
    await queryRunner.query(`CREATE INDEX "stock_movement_sku_location" ON "inventory"."stock_movement"  ("sku", "locationId", "sequence") `);
    await queryRunner.query(`CREATE TABLE "inventory"."stock_reservation" ("orderId" character varying(64) NOT NULL, "lineId" character varying(64) NOT NULL, "locationId" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "quantity" integer NOT NULL, "shippedQuantity" integer NOT NULL DEFAULT '0', "status" character varying(20) NOT NULL, "requestKey" character varying(120), "createdAt" TIMESTAMP NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_bf1b0de0a090b40d4d4a6da309a" PRIMARY KEY ("orderId", "lineId", "locationId"))`);
    await queryRunner.query(`CREATE INDEX "stock_reservation_stock" ON "inventory"."stock_reservation"  ("locationId", "sku", "status") `);
    await queryRunner.query(`CREATE INDEX "stock_reservation_request" ON "inventory"."stock_reservation"  ("orderId", "requestKey") `);
    await queryRunner.query(`CREATE TABLE "inventory"."stock_transfer" ("id" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "fromLocationId" character varying(36) NOT NULL, "toLocationId" character varying(36) NOT NULL, "quantity" integer NOT NULL, "status" character varying(20) NOT NULL, "createdAt" TIMESTAMP NOT NULL, "receivedAt" TIMESTAMP, CONSTRAINT "PK_b6165ea3cc5b8062e7eaa1bd44d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "stock_transfer_from" ON "inventory"."stock_transfer"  ("fromLocationId", "status") `);
    await queryRunner.query(`CREATE INDEX "stock_transfer_to" ON "inventory"."stock_transfer"  ("toLocationId", "status") `);
    await queryRunner.query(`ALTER TABLE "inventory"."stock" ADD "inTransit" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock" ADD "updatedAt" TIMESTAMP`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory"."stock" DROP COLUMN "updatedAt"`);
    await queryRunner.query(`ALTER TABLE "inventory"."stock" DROP COLUMN "inTransit"`);
    await queryRunner.query(`DROP INDEX "inventory"."stock_transfer_to"`);
    await queryRunner.query(`DROP INDEX "inventory"."stock_transfer_from"`);
    await queryRunner.query(`DROP TABLE "inventory"."stock_transfer"`);
    await queryRunner.query(`DROP INDEX "inventory"."stock_reservation_request"`);
    await queryRunner.query(`DROP INDEX "inventory"."stock_reservation_stock"`);
    await queryRunner.query(`DROP TABLE "inventory"."stock_reservation"`);
    await queryRunner.query(`DROP INDEX "inventory"."stock_movement_sku_location"`);
    await queryRunner.query(`DROP INDEX "inventory"."stock_movement_reference"`);
    await queryRunner.query(`DROP TABLE "inventory"."stock_movement"`);
  }
}
