import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795426366292 implements MigrationInterface {
  name = 'Catalog1795426366292';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "catalog"."processed_event" ("consumer" character varying(80) NOT NULL, "eventId" character varying(36) NOT NULL, "processedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_8a502ed7a9a0719b8562ddd8636" PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "catalog"."outbox_event" ("sequence" SERIAL NOT NULL, "eventId" character varying(36) NOT NULL, "type" character varying(120) NOT NULL, "envelope" text NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "publishedAt" TIMESTAMP, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"), CONSTRAINT "PK_e641558a111824af2541a82d915" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "catalog"."outbox_event"  ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "catalog"."product" ("id" character varying(36) NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "brand" character varying(100), "categoryPath" text NOT NULL, "attributes" text NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "catalog"."product_variant" ("sku" character varying(64) NOT NULL, "productId" character varying(36) NOT NULL, "attributes" text NOT NULL, "priceCents" integer NOT NULL, "currency" character varying(3) NOT NULL, "discontinued" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_f4dc2c0888b66d547c175f090e2" PRIMARY KEY ("sku"))`);
    await queryRunner.query(`CREATE INDEX "product_variant_product" ON "catalog"."product_variant"  ("productId") `);
    await queryRunner.query(`CREATE TABLE "catalog"."channel_price" ("sku" character varying(64) NOT NULL, "channel" character varying(20) NOT NULL, "priceCents" integer NOT NULL, "currency" character varying(3) NOT NULL, CONSTRAINT "PK_d918dda606a4ead922ace209e96" PRIMARY KEY ("sku", "channel"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "catalog"."channel_price"`);
    await queryRunner.query(`DROP INDEX "catalog"."product_variant_product"`);
    await queryRunner.query(`DROP TABLE "catalog"."product_variant"`);
    await queryRunner.query(`DROP TABLE "catalog"."product"`);
    await queryRunner.query(`DROP INDEX "catalog"."outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "catalog"."outbox_event"`);
    await queryRunner.query(`DROP TABLE "catalog"."processed_event"`);
  }
}
