import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795426366569 implements MigrationInterface {
  name = 'Orders1795426366569';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "orders"."processed_event" ("consumer" character varying(80) NOT NULL, "eventId" character varying(36) NOT NULL, "processedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_8a502ed7a9a0719b8562ddd8636" PRIMARY KEY ("consumer", "eventId"))`);
    await queryRunner.query(`CREATE TABLE "orders"."outbox_event" ("sequence" SERIAL NOT NULL, "eventId" character varying(36) NOT NULL, "type" character varying(120) NOT NULL, "envelope" text NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "publishedAt" TIMESTAMP, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "UQ_93aefe4a55983fc282dee9da20d" UNIQUE ("eventId"), CONSTRAINT "PK_e641558a111824af2541a82d915" PRIMARY KEY ("sequence"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_unpublished" ON "orders"."outbox_event"  ("publishedAt", "sequence") `);
    await queryRunner.query(`CREATE TABLE "orders"."customer_order" ("id" character varying(36) NOT NULL, "number" character varying(20) NOT NULL, "customerId" character varying(36), "channel" character varying(20) NOT NULL, "status" character varying(30) NOT NULL, "placedAt" TIMESTAMP NOT NULL, "currency" character varying(3) NOT NULL, "subtotalCents" integer NOT NULL, "discountCents" integer NOT NULL DEFAULT '0', "totalCents" integer NOT NULL, "idempotencyKey" character varying(100) NOT NULL, "externalRef" character varying(100), CONSTRAINT "UQ_de717da204096d9fb7c889874c3" UNIQUE ("number"), CONSTRAINT "UQ_f5e51df55d14d95ee65ca7eff46" UNIQUE ("idempotencyKey"), CONSTRAINT "PK_c70aef746523b2c4a0af0945209" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "customer_order_customer_placed" ON "orders"."customer_order"  ("customerId", "placedAt") `);
    await queryRunner.query(`CREATE TABLE "orders"."order_line" ("id" character varying(36) NOT NULL, "orderId" character varying(36) NOT NULL, "position" integer NOT NULL, "sku" character varying(64) NOT NULL, "quantity" integer NOT NULL, "unitPriceCents" integer NOT NULL, "currency" character varying(3) NOT NULL, "status" character varying(20) NOT NULL, CONSTRAINT "PK_01a7c973d9f30479647e44f9892" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "order_line_order" ON "orders"."order_line"  ("orderId") `);
    await queryRunner.query(`CREATE TABLE "orders"."fulfillment" ("id" character varying(36) NOT NULL, "orderId" character varying(36) NOT NULL, "type" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "locationId" character varying(36), "trackingNumber" character varying(60), "promisedDate" character varying(10), CONSTRAINT "PK_50c102da132afffae660585981f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "fulfillment_order" ON "orders"."fulfillment"  ("orderId") `);
    await queryRunner.query(`CREATE INDEX "fulfillment_location" ON "orders"."fulfillment"  ("locationId") `);
    await queryRunner.query(`CREATE TABLE "orders"."fulfillment_line" ("fulfillmentId" character varying(36) NOT NULL, "orderLineId" character varying(36) NOT NULL, "sku" character varying(64) NOT NULL, "quantity" integer NOT NULL, CONSTRAINT "PK_11cc0ea6c051c89b5e24e7fffd1" PRIMARY KEY ("fulfillmentId", "orderLineId"))`);
    await queryRunner.query(`CREATE TABLE "orders"."order_history" ("id" character varying(36) NOT NULL, "orderId" character varying(36) NOT NULL, "at" TIMESTAMP NOT NULL DEFAULT now(), "channel" character varying(20), "actor" character varying(100), "event" character varying(200) NOT NULL, CONSTRAINT "PK_cc71513680d03ecb01b96655b0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "order_history_order" ON "orders"."order_history"  ("orderId", "at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "orders"."order_history_order"`);
    await queryRunner.query(`DROP TABLE "orders"."order_history"`);
    await queryRunner.query(`DROP TABLE "orders"."fulfillment_line"`);
    await queryRunner.query(`DROP INDEX "orders"."fulfillment_location"`);
    await queryRunner.query(`DROP INDEX "orders"."fulfillment_order"`);
    await queryRunner.query(`DROP TABLE "orders"."fulfillment"`);
    await queryRunner.query(`DROP INDEX "orders"."order_line_order"`);
    await queryRunner.query(`DROP TABLE "orders"."order_line"`);
    await queryRunner.query(`DROP INDEX "orders"."customer_order_customer_placed"`);
    await queryRunner.query(`DROP TABLE "orders"."customer_order"`);
    await queryRunner.query(`DROP INDEX "orders"."outbox_event_unpublished"`);
    await queryRunner.query(`DROP TABLE "orders"."outbox_event"`);
    await queryRunner.query(`DROP TABLE "orders"."processed_event"`);
  }
}
