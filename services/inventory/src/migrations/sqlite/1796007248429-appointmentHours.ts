import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppointmentHours1796007248429 implements MigrationInterface {
  name = 'AppointmentHours1796007248429';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_appointment_capacity" ("locationId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "capacityPerSlot" integer NOT NULL, "slotMinutes" integer NOT NULL, "updatedAt" datetime NOT NULL, "opensMinute" integer NOT NULL DEFAULT (0), "closesMinute" integer NOT NULL DEFAULT (1440), PRIMARY KEY ("locationId", "kind"))`);
    await queryRunner.query(`INSERT INTO "temporary_appointment_capacity"("locationId", "kind", "capacityPerSlot", "slotMinutes", "updatedAt") SELECT "locationId", "kind", "capacityPerSlot", "slotMinutes", "updatedAt" FROM "appointment_capacity"`);
    await queryRunner.query(`DROP TABLE "appointment_capacity"`);
    await queryRunner.query(`ALTER TABLE "temporary_appointment_capacity" RENAME TO "appointment_capacity"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "appointment_capacity" RENAME TO "temporary_appointment_capacity"`);
    await queryRunner.query(`CREATE TABLE "appointment_capacity" ("locationId" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "capacityPerSlot" integer NOT NULL, "slotMinutes" integer NOT NULL, "updatedAt" datetime NOT NULL, PRIMARY KEY ("locationId", "kind"))`);
    await queryRunner.query(`INSERT INTO "appointment_capacity"("locationId", "kind", "capacityPerSlot", "slotMinutes", "updatedAt") SELECT "locationId", "kind", "capacityPerSlot", "slotMinutes", "updatedAt" FROM "temporary_appointment_capacity"`);
    await queryRunner.query(`DROP TABLE "temporary_appointment_capacity"`);
  }
}
