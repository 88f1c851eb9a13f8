import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795432042356 implements MigrationInterface {
  name = 'Orders1795432042356';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "orders"."cart" ("id" character varying(36) NOT NULL, "customerId" character varying(36), "channel" character varying(20) NOT NULL, "storedStatus" character varying(20) NOT NULL, "couponCodes" text NOT NULL, "orderId" character varying(36), "createdAt" TIMESTAMP NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_c524ec48751b9b5bcfbf6e59be7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "cart_customer_updated" ON "orders"."cart"  ("customerId", "updatedAt") `);
    await queryRunner.query(`CREATE TABLE "orders"."cart_line" ("cartId" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "quantity" integer NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_fc1624a732b7d79cf1888ddfc25" PRIMARY KEY ("cartId", "sku"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "orders"."cart_line"`);
    await queryRunner.query(`DROP INDEX "orders"."cart_customer_updated"`);
    await queryRunner.query(`DROP TABLE "orders"."cart"`);
  }
}
