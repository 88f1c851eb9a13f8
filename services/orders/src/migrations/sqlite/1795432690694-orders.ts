import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795432690694 implements MigrationInterface {
  name = 'Orders1795432690694';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "order_history_order"`);
    await queryRunner.query(`CREATE TABLE "temporary_order_history" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "at" datetime NOT NULL DEFAULT (datetime('now')), "channel" varchar(20), "actor" varchar(100), "event" varchar(200) NOT NULL, "sequence" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "temporary_order_history"("id", "orderId", "at", "channel", "actor", "event") SELECT "id", "orderId", "at", "channel", "actor", "event" FROM "order_history"`);
    await queryRunner.query(`DROP TABLE "order_history"`);
    await queryRunner.query(`ALTER TABLE "temporary_order_history" RENAME TO "order_history"`);
    await queryRunner.query(`CREATE TABLE "temporary_order_history" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "at" datetime NOT NULL, "channel" varchar(20), "actor" varchar(100), "event" varchar(200) NOT NULL, "sequence" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "temporary_order_history"("id", "orderId", "at", "channel", "actor", "event", "sequence") SELECT "id", "orderId", "at", "channel", "actor", "event", "sequence" FROM "order_history"`);
    await queryRunner.query(`DROP TABLE "order_history"`);
    await queryRunner.query(`ALTER TABLE "temporary_order_history" RENAME TO "order_history"`);
    await queryRunner.query(`CREATE INDEX "order_history_order" ON "order_history" ("orderId", "sequence") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "order_history_order"`);
    await queryRunner.query(`ALTER TABLE "order_history" RENAME TO "temporary_order_history"`);
    await queryRunner.query(`CREATE TABLE "order_history" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "at" datetime NOT NULL DEFAULT (datetime('now')), "channel" varchar(20), "actor" varchar(100), "event" varchar(200) NOT NULL, "sequence" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "order_history"("id", "orderId", "at", "channel", "actor", "event", "sequence") SELECT "id", "orderId", "at", "channel", "actor", "event", "sequence" FROM "temporary_order_history"`);
    await queryRunner.query(`DROP TABLE "temporary_order_history"`);
    await queryRunner.query(`ALTER TABLE "order_history" RENAME TO "temporary_order_history"`);
    await queryRunner.query(`CREATE TABLE "order_history" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "at" datetime NOT NULL DEFAULT (datetime('now')), "channel" varchar(20), "actor" varchar(100), "event" varchar(200) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "order_history"("id", "orderId", "at", "channel", "actor", "event") SELECT "id", "orderId", "at", "channel", "actor", "event" FROM "temporary_order_history"`);
    await queryRunner.query(`DROP TABLE "temporary_order_history"`);
    await queryRunner.query(`CREATE INDEX "order_history_order" ON "order_history" ("orderId", "at") `);
  }
}
