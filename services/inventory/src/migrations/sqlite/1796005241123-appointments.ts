import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Appointments1796005241123 implements MigrationInterface {
  name = 'Appointments1796005241123';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "appointment_capacity" ("locationId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "capacityPerSlot" integer NOT NULL, "slotMinutes" integer NOT NULL, "updatedAt" datetime NOT NULL, PRIMARY KEY ("locationId", "kind"))`);
    await queryRunner.query(`CREATE TABLE "appointment_slot" ("locationId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "startsAt" varchar(24) NOT NULL, "booked" integer NOT NULL DEFAULT (0), PRIMARY KEY ("locationId", "kind", "startsAt"))`);
    await queryRunner.query(`CREATE TABLE "appointment" ("id" varchar(36) PRIMARY KEY NOT NULL, "customerId" varchar(36) NOT NULL, "locationId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "status" varchar(20) NOT NULL, "channel" varchar(20) NOT NULL, "createdAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, "checkedInAt" datetime, "cancelledAt" datetime, "reminderSentAt" datetime)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "appointment_customer_slot" ON "appointment" ("customerId", "locationId", "kind", "startsAt") WHERE "status" = 'BOOKED'`);
    await queryRunner.query(`CREATE INDEX "appointment_status_start" ON "appointment" ("status", "startsAt") `);
    await queryRunner.query(`CREATE INDEX "appointment_customer_start" ON "appointment" ("customerId", "startsAt") `);
    await queryRunner.query(`CREATE INDEX "appointment_location_start" ON "appointment" ("locationId", "startsAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "appointment_location_start"`);
    await queryRunner.query(`DROP INDEX "appointment_customer_start"`);
    await queryRunner.query(`DROP INDEX "appointment_status_start"`);
    await queryRunner.query(`DROP INDEX "appointment_customer_slot"`);
    await queryRunner.query(`DROP TABLE "appointment"`);
    await queryRunner.query(`DROP TABLE "appointment_slot"`);
    await queryRunner.query(`DROP TABLE "appointment_capacity"`);
  }
}
