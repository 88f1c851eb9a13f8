import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795426366150 implements MigrationInterface {
  name = 'Crm1795426366150';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "crm"."processed_event" ("consumer" character varying(80) NOT NULL, "eventId" character varying(36) NOT NULL, "processedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_8a502ed7a9a0719b8562ddd8636" PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "crm"."outbox_event" ("sequence" SERIAL NOT NULL, "eventId" character varying(36) NOT NULL, "type" character varying(120) NOT NULL, "envelope" text NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "publishedAt" TIMESTAMP, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"), CONSTRAINT "PK_e641558a111824af2541a82d915" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "crm"."outbox_event"  ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "crm"."customer_address" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "line1" character varying(200) NOT NULL, "city" character varying(100) NOT NULL, "postalCode" character varying(20) NOT NULL, "country" character varying(2) NOT NULL, "lat" double precision, "lng" double precision, CONSTRAINT "PK_23810fb397050d8ac37dae44ff6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "customer_address_customer" ON "crm"."customer_address"  ("customerId") `);
    await queryRunner.query(`CREATE TABLE "crm"."customer" ("id" character varying(36) NOT NULL, "email" character varying(254) NOT NULL, "phone" character varying(20), "firstName" character varying(100) NOT NULL, "lastName" character varying(100) NOT NULL, "channels" text NOT NULL, "mergedIntoId" character varying(36), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "customer_merged_into" ON "crm"."customer"  ("mergedIntoId") `);
    await queryRunner.query(`CREATE TABLE "crm"."customer_identity" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "kind" character varying(20) NOT NULL, "value" character varying(254) NOT NULL, "channel" character varying(20), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_44f053ae91ed86d035044ab6af1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "customer_identity_customer" ON "crm"."customer_identity"  ("customerId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_identity_kind_value" ON "crm"."customer_identity"  ("kind", "value") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "crm"."customer_identity_kind_value"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_identity_customer"`);
    await queryRunner.query(`DROP TABLE "crm"."customer_identity"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_merged_into"`);
    await queryRunner.query(`DROP TABLE "crm"."customer"`);
    await queryRunner.query(`DROP INDEX "crm"."customer_address_customer"`);
    await queryRunner.query(`DROP TABLE "crm"."customer_address"`);
    await queryRunner.query(`DROP INDEX "crm"."outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "crm"."outbox_event"`);
    await queryRunner.query(`DROP TABLE "crm"."processed_event"`);
  }
}
