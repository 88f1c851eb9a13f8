import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppointmentHours1796007250572 implements MigrationInterface {
  name = 'AppointmentHours1796007250572';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory"."appointment_capacity" ADD "opensMinute" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "inventory"."appointment_capacity" ADD "closesMinute" integer NOT NULL DEFAULT '1440'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory"."appointment_capacity" DROP COLUMN "closesMinute"`);
    await queryRunner.query(`ALTER TABLE "inventory"."appointment_capacity" DROP COLUMN "opensMinute"`);
  }
}
