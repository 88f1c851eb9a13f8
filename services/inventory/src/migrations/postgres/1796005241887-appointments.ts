import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Appointments1796005241887 implements MigrationInterface {
  name = 'Appointments1796005241887';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inventory"."appointment_capacity" ("locationId" character varying(36) NOT NULL, "kind" character varying(20) NOT NULL, "capacityPerSlot" integer NOT NULL, "slotMinutes" integer NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_9018aa403ac6bce8febb0e9f98f" PRIMARY KEY ("locationId", "kind"))`);
    await queryRunner.query(`CREATE TABLE "inventory"."appointment_slot" ("locationId" character varying(36) NOT NULL, "kind" character varying(20) NOT NULL, "startsAt" character varying(24) NOT NULL, "booked" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_50d67c772e18ece30bca8468abc" PRIMARY KEY ("locationId", "kind", "startsAt"))`);
    await queryRunner.query(`CREATE TABLE "inventory"."appointment" ("id" character varying(36) NOT NULL, "customerId" character varying(36) NOT NULL, "locationId" character varying(36) NOT NULL, "kind" character varying(20) NOT NULL, "startsAt" TIMESTAMP NOT NULL, "endsAt" TIMESTAMP NOT NULL, "status" character varying(20) NOT NULL, "channel" character varying(20) NOT NULL, "createdAt" TIMESTAMP NOT NULL, "updatedAt" TIMESTAMP NOT NULL, "checkedInAt" TIMESTAMP, "cancelledAt" TIMESTAMP, "reminderSentAt" TIMESTAMP, CONSTRAINT "PK_e8be1a53027415e709ce8a2db74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "appointment_customer_slot" ON "inventory"."appointment"  ("customerId", "locationId", "kind", "startsAt") WHERE "status" = 'BOOKED'`);
    await queryRunner.query(`CREATE INDEX "appointment_status_start" ON "inventory"."appointment"  ("status", "startsAt") `);
    await queryRunner.query(`CREATE INDEX "appointment_customer_start" ON "inventory"."appointment"  ("customerId", "startsAt") `);
    await queryRunner.query(`CREATE INDEX "appointment_location_start" ON "inventory"."appointment"  ("locationId", "startsAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "inventory"."appointment_location_start"`);
    await queryRunner.query(`DROP INDEX "inventory"."appointment_customer_start"`);
    await queryRunner.query(`DROP INDEX "inventory"."appointment_status_start"`);
    await queryRunner.query(`DROP INDEX "inventory"."appointment_customer_slot"`);
    await queryRunner.query(`DROP TABLE "inventory"."appointment"`);
    await queryRunner.query(`DROP TABLE "inventory"."appointment_slot"`);
    await queryRunner.query(`DROP TABLE "inventory"."appointment_capacity"`);
  }
}
