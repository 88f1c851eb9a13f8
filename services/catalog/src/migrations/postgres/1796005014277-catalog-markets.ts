import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1796005014277 implements MigrationInterface {
  name = 'Catalog1796005014277';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."market" ("code" character varying(20) NOT NULL, "name" character varying(100) NOT NULL, "country" character varying(2) NOT NULL, "currency" character varying(3) NOT NULL, CONSTRAINT "PK_773f4f8f00f00e220d8b792a6be" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "catalog"."market_location" ("locationId" character varying(36) NOT NULL, "market" character varying(20) NOT NULL, CONSTRAINT "PK_b4747d74bcd7453a492d1f4f566" PRIMARY KEY ("locationId"))`);
    await queryRunner.query(`CREATE INDEX "market_location_market" ON "catalog"."market_location"  ("market") `);
    await queryRunner.query(`CREATE TABLE "catalog"."market_price" ("sku" character varying(64) NOT NULL, "market" character varying(20) NOT NULL, "priceCents" integer NOT NULL, "currency" character varying(3) NOT NULL, CONSTRAINT "PK_d1802cb8736a688f8d3dc3b1365" PRIMARY KEY ("sku", "market"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."market_price"`);
    await queryRunner.query(`DROP INDEX "catalog"."market_location_market"`);
    await queryRunner.query(`DROP TABLE "catalog"."market_location"`);
    await queryRunner.query(`DROP TABLE "catalog"."market"`);
  }
}
