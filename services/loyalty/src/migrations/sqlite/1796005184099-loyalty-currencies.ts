import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Loyalty1796005184099 implements MigrationInterface {
  name = 'Loyalty1796005184099';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "loyalty_currency" ("currency" varchar(3) PRIMARY KEY NOT NULL, "earnRate" varchar(20) NOT NULL, "pointValue" varchar(20) NOT NULL, "updatedAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "currency_conversion_rate" ("fromCurrency" varchar(3) NOT NULL, "toCurrency" varchar(3) NOT NULL, "rate" varchar(20) NOT NULL, "updatedAt" datetime NOT NULL, PRIMARY KEY ("fromCurrency", "toCurrency"))`);
    await queryRunner.query(`ALTER TABLE "hold" ADD COLUMN "orderCurrency" varchar(3)`);
    await queryRunner.query(`ALTER TABLE "hold" ADD COLUMN "orderAmount" integer`);
    await queryRunner.query(`ALTER TABLE "hold" ADD COLUMN "rate" varchar(20)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hold" DROP COLUMN "rate"`);
    await queryRunner.query(`ALTER TABLE "hold" DROP COLUMN "orderAmount"`);
    await queryRunner.query(`ALTER TABLE "hold" DROP COLUMN "orderCurrency"`);
    await queryRunner.query(`DROP TABLE "currency_conversion_rate"`);
    await queryRunner.query(`DROP TABLE "loyalty_currency"`);
  }
}
