import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Crm1795996342367 implements MigrationInterface {
  name = 'Crm1795996342367';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dead_letter" ("consumer" varchar(80) NOT NULL, "eventId" varchar(36) NOT NULL, "type" varchar(120) NOT NULL, "envelope" text NOT NULL, "error" varchar(2000) NOT NULL, "attempts" integer NOT NULL, "firstFailedAt" datetime NOT NULL, "lastFailedAt" datetime NOT NULL, "parkedAt" datetime, "replayedAt" datetime, PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE INDEX "dead_letter_parked" ON "dead_letter" ("parkedAt", "replayedAt") `);
    await queryRunner.query(`DROP INDEX "outbox_event_unpublished"`);
    await queryRunner.query(`CREATE TABLE "temporary_outbox_event" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "eventId" varchar(36) NOT NULL, "type" varchar(120) NOT NULL, "envelope" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "publishedAt" datetime, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "claimedUntil" datetime, "lastError" varchar(500), CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"))`);
    await queryRunner.query(`INSERT INTO "temporary_outbox_event"("sequence", "eventId", "type", "envelope", "createdAt", "publishedAt", "attempts") SELECT "sequence", "eventId", "type", "envelope", "createdAt", "publishedAt", "attempts" FROM "outbox_event"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`ALTER TABLE "temporary_outbox_event" RENAME TO "outbox_event"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "outbox_event" ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE INDEX "processed_event_processed_at" ON "processed_event" ("processedAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "processed_event_processed_at"`);
    await queryRunner.query(`DROP INDEX "outbox_event_unpublished"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" RENAME TO "temporary_outbox_event"`);
    await queryRunner.query(`CREATE TABLE "outbox_event" ("sequence" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "eventId" varchar(36) NOT NULL, "type" varchar(120) NOT NULL, "envelope" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "publishedAt" datetime, "attempts" integer NOT NULL DEFAULT (0), CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"))`);
    await queryRunner.query(`INSERT INTO "outbox_event"("sequence", "eventId", "type", "envelope", "createdAt", "publishedAt", "attempts") SELECT "sequence", "eventId", "type", "envelope", "createdAt", "publishedAt", "attempts" FROM "temporary_outbox_event"`);
    await queryRunner.query(`DROP TABLE "temporary_outbox_event"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "outbox_event" ("publishedAt", "sequence") `);
    await queryRunner.query(`DROP INDEX "dead_letter_parked"`);
    await queryRunner.query(`DROP TABLE "dead_letter"`);
  }
}
