import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795434776591 implements MigrationInterface {
  name = 'Orders1795434776591';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "fulfillment_location"`);
    await queryRunner.query(`DROP INDEX "fulfillment_order"`);
    await queryRunner.query(`CREATE TABLE "temporary_fulfillment" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "type" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "locationId" varchar(36), "trackingNumber" varchar(60), "promisedDate" varchar(10), "sourceLocationId" varchar(36), "arrivedAt" datetime, "leftAt" datetime)`);
    await queryRunner.query(`INSERT INTO "temporary_fulfillment"("id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt") SELECT "id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt" FROM "fulfillment"`);
    await queryRunner.query(`DROP TABLE "fulfillment"`);
    await queryRunner.query(`ALTER TABLE "temporary_fulfillment" RENAME TO "fulfillment"`);
    await queryRunner.query(`CREATE INDEX "fulfillment_location" ON "fulfillment" ("locationId") `);
    await queryRunner.query(`CREATE INDEX "fulfillment_order" ON "fulfillment" ("orderId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "fulfillment_order"`);
    await queryRunner.query(`DROP INDEX "fulfillment_location"`);
    await queryRunner.query(`ALTER TABLE "fulfillment" RENAME TO "temporary_fulfillment"`);
    await queryRunner.query(`CREATE TABLE "fulfillment" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "type" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "locationId" varchar(36), "trackingNumber" varchar(60), "promisedDate" varchar(10), "sourceLocationId" varchar(36), "arrivedAt" datetime)`);
    await queryRunner.query(`INSERT INTO "fulfillment"("id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt") SELECT "id", "orderId", "type", "status", "locationId", "trackingNumber", "promisedDate", "sourceLocationId", "arrivedAt" FROM "temporary_fulfillment"`);
    await queryRunner.query(`DROP TABLE "temporary_fulfillment"`);
    await queryRunner.query(`CREATE INDEX "fulfillment_order" ON "fulfillment" ("orderId") `);
    await queryRunner.query(`CREATE INDEX "fulfillment_location" ON "fulfillment" ("locationId") `);
  }
}
