import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillMeasures } from '../backfill';

/** Hand-written: the measures (numeric attributes with a unit) of products written before product_measure existed. */
export class Catalog1795999902000 implements MigrationInterface {
  name = 'Catalog1795999902000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await backfillMeasures(queryRunner, 'sqlite');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "product_measure"`);
  }
}
