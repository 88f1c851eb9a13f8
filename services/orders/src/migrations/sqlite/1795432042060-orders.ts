import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795432042060 implements MigrationInterface {
  name = 'Orders1795432042060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "cart" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36), "channel" varchar(20) NOT NULL, "storedStatus" varchar(20) NOT NULL, "couponCodes" text NOT NULL, "orderId" varchar(36), "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "cart_customer_updated" ON "cart" ("customerId", "updatedAt") `);
    await queryRunner.query(`CREATE TABLE "cart_line" ("cartId" varchar(36) NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "position" integer NOT NULL, PRIMARY KEY ("cartId", "sku"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "cart_line"`);
    await queryRunner.query(`DROP INDEX "cart_customer_updated"`);
    await queryRunner.query(`DROP TABLE "cart"`);
  }
}
