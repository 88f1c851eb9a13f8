import type { QueryRunner } from 'typeorm';
import { newReplyToken } from '../commands/support-cases';

/** Gives every case opened before reply tokens existed its own token (random, like a new case's). */
export async function backfillReplyTokens(queryRunner: QueryRunner, table: string, placeholder: (i: number) => string): Promise<void> {
  const rows = (await queryRunner.query(`SELECT "id" FROM ${table} WHERE "replyToken" IS NULL`)) as { id: string }[];
  for (const row of rows) {
    await queryRunner.query(`UPDATE ${table} SET "replyToken" = ${placeholder(1)} WHERE "id" = ${placeholder(2)}`, [
      newReplyToken(),
      row.id,
    ]);
  }
}
