import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1795996342809 implements MigrationInterface {
  name = 'Inventory1795996342809';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inventory"."dead_letter" ("consumer" character varying(80) NOT NULL, "eventId" character varying(36) NOT NULL, "type" character varying(120) NOT NULL, "envelope" text NOT NULL, "error" character varying(2000) NOT NULL, "attempts" integer NOT NULL, "firstFailedAt" TIMESTAMP NOT NULL, "lastFailedAt" TIMESTAMP NOT NULL, "parkedAt" TIMESTAMP, "replayedAt" TIMESTAMP, CONSTRAINT "PK_7603cfdf1d23e4796fb01f1e455" PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE INDEX "dead_letter_parked" ON "inventory"."dead_letter"  ("parkedAt", "replayedAt") `);
    await queryRunner.query(`ALTER TABLE "inventory"."outbox_event" ADD "nextAttemptAt" TIMESTAMP`);
    await queryRunner.query(`ALTER TABLE "inventory"."outbox_event" ADD "claimedUntil" TIMESTAMP`);
    await queryRunner.query(`ALTER TABLE "inventory"."outbox_event" ADD "lastError" character varying(500)`);
    await queryRunner.query(`CREATE INDEX "processed_event_processed_at" ON "inventory"."processed_event"  ("processedAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "inventory"."processed_event_processed_at"`);
    await queryRunner.query(`ALTER TABLE "inventory"."outbox_event" DROP COLUMN "lastError"`);
    await queryRunner.query(`ALTER TABLE "inventory"."outbox_event" DROP COLUMN "claimedUntil"`);
    await queryRunner.query(`ALTER TABLE "inventory"."outbox_event" DROP COLUMN "nextAttemptAt"`);
    await queryRunner.query(`DROP INDEX "inventory"."dead_letter_parked"`);
    await queryRunner.query(`DROP TABLE "inventory"."dead_letter"`);
  }
}
