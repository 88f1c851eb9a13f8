import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795998597690 implements MigrationInterface {
  name = 'Orders1795998597690';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "order_line_order"`);
    await queryRunner.query(`CREATE TABLE "temporary_order_line" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "position" integer NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "unitPriceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "status" varchar(20) NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "settledQuantity" integer NOT NULL DEFAULT (0), "giftCardKind" varchar(10), "giftCardRecipientEmail" varchar(254), "giftCardsActivatedAt" datetime)`);
    await queryRunner.query(`INSERT INTO "temporary_order_line"("id", "orderId", "position", "sku", "quantity", "unitPriceCents", "currency", "status", "discountCents", "settledQuantity") SELECT "id", "orderId", "position", "sku", "quantity", "unitPriceCents", "currency", "status", "discountCents", "settledQuantity" FROM "order_line"`);
    await queryRunner.query(`DROP TABLE "order_line"`);
    await queryRunner.query(`ALTER TABLE "temporary_order_line" RENAME TO "order_line"`);
    await queryRunner.query(`CREATE INDEX "order_line_order" ON "order_line" ("orderId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "order_line_order"`);
    await queryRunner.query(`ALTER TABLE "order_line" RENAME TO "temporary_order_line"`);
    await queryRunner.query(`CREATE TABLE "order_line" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "position" integer NOT NULL, "sku" varchar(64) NOT NULL, "quantity" integer NOT NULL, "unitPriceCents" integer NOT NULL, "currency" varchar(3) NOT NULL, "status" varchar(20) NOT NULL, "discountCents" integer NOT NULL DEFAULT (0), "settledQuantity" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "order_line"("id", "orderId", "position", "sku", "quantity", "unitPriceCents", "currency", "status", "discountCents", "settledQuantity") SELECT "id", "orderId", "position", "sku", "quantity", "unitPriceCents", "currency", "status", "discountCents", "settledQuantity" FROM "temporary_order_line"`);
    await queryRunner.query(`DROP TABLE "temporary_order_line"`);
    await queryRunner.query(`CREATE INDEX "order_line_order" ON "order_line" ("orderId") `);
  }
}
