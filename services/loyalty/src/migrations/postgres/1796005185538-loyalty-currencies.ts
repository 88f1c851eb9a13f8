import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Loyalty1796005185538 implements MigrationInterface {
  name = 'Loyalty1796005185538';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "loyalty"."loyalty_currency" ("currency" character varying(3) NOT NULL, "earnRate" character varying(20) NOT NULL, "pointValue" character varying(20) NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_ab0999a0953be48c8b195142c45" PRIMARY KEY ("currency"))`);
    await queryRunner.query(`CREATE TABLE "loyalty"."currency_conversion_rate" ("fromCurrency" character varying(3) NOT NULL, "toCurrency" character varying(3) NOT NULL, "rate" character varying(20) NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_8cb24d0e79c7cd4a827387c3b4b" PRIMARY KEY ("fromCurrency", "toCurrency"))`);
    await queryRunner.query(`ALTER TABLE "loyalty"."hold" ADD "orderCurrency" character varying(3)`);
    await queryRunner.query(`ALTER TABLE "loyalty"."hold" ADD "orderAmount" integer`);
    await queryRunner.query(`ALTER TABLE "loyalty"."hold" ADD "rate" character varying(20)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loyalty"."hold" DROP COLUMN "rate"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."hold" DROP COLUMN "orderAmount"`);
    await queryRunner.query(`ALTER TABLE "loyalty"."hold" DROP COLUMN "orderCurrency"`);
    await queryRunner.query(`DROP TABLE "loyalty"."currency_conversion_rate"`);
    await queryRunner.query(`DROP TABLE "loyalty"."loyalty_currency"`);
  }
}
