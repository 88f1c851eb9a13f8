import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1796005013787 implements MigrationInterface {
  name = 'Catalog1796005013787';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "market" ("code" varchar(20) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "country" varchar(2) NOT NULL, "currency" varchar(3) NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "market_location" ("locationId" varchar(36) PRIMARY KEY NOT NULL, "market" varchar(20) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "market_location_market" ON "market_location" ("market") `);
    await queryRunner.query(`CREATE TABLE "market_price" ("sku" varchar(64) NOT NULL, "market" varchar(20) NOT NULL, "priceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, PRIMARY KEY ("sku", "market"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "market_price"`);
    await queryRunner.query(`DROP INDEX "market_location_market"`);
    await queryRunner.query(`DROP TABLE "market_location"`);
    await queryRunner.query(`DROP TABLE "market"`);
  }
}
