import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795426366433 implements MigrationInterface {
  name = 'Inventory1795426366433';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inventory"."processed_event" ("consumer" character varying(80) NOT NULL, "eventId" character varying(36) NOT NULL, "processedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_8a502ed7a9a0719b8562ddd8636" PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "inventory"."outbox_event" ("sequence" SERIAL NOT NULL, "eventId" character varying(36) NOT NULL, "type" character varying(120) NOT NULL, "envelope" text NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "publishedAt" TIMESTAMP, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"), CONSTRAINT "PK_e641558a111824af2541a82d915" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "inventory"."outbox_event"  ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "inventory"."location" ("id" character varying(36) NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(20) NOT NULL, "lat" double precision NOT NULL, "lng" double precision NOT NULL, "fulfillsOnline" boolean NOT NULL DEFAULT true, "pickupEnabled" boolean NOT NULL DEFAULT false, "open" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_876d7bdba03c72251ec4c2dc827" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "inventory"."stock" ("locationId" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "onHand" integer NOT NULL DEFAULT '0', "reserved" integer NOT NULL DEFAULT '0', "safetyStock" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_06a80fe4fea26483e7919846434" PRIMARY KEY ("locationId", "sku"))`);
    await queryRunner.query(`CREATE INDEX "stock_sku" ON "inventory"."stock"  ("sku") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "inventory"."stock_sku"`);
    await queryRunner.query(`DROP TABLE "inventory"."stock"`);
    await queryRunner.query(`DROP TABLE "inventory"."location"`);
    await queryRunner.query(`DROP INDEX "inventory"."outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "inventory"."outbox_event"`);
    await queryRunner.query(`DROP TABLE "inventory"."processed_event"`);
  }
}
