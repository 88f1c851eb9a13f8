import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { WebhookDeliveryStatus, WebhookTopic } from '../partners/topics';

registerEnumType(WebhookTopic, {
  name: 'WebhookTopic',
  description: 'What a webhook subscription receives.',
  valuesConfig: {
    FULFILLMENT_COLLECTED: { description: 'The shopper collected a pickup.' },
    FULFILLMENT_READY_FOR_PICKUP: { description: 'A pickup is ready at the store.' },
    FULFILLMENT_SHIPPED: { description: 'A shipment left, with its tracking number.' },
    ORDER_CANCELLED: { description: 'An order was cancelled.' },
    ORDER_CHANGED: { description: 'An order was modified.' },
    ORDER_PLACED: { description: 'An order was placed.' },
    RETURN_CREATED: { description: 'A return was opened.' },
    RETURN_RECEIVED: { description: 'A return arrived.' },
    REFUND_ISSUED: {
      description:
        "Money went back to an order's tenders (a cancellation, a return, a modification or an exchange): the amount, why, and each tender's part.",
    },
    STOCK_CHANGED: {
      description:
        'A stock level changed at a location (counts after the change, and what changed). Only for a subscription ADMIN scoped to every order (`allOrders`).',
    },
    CUSTOMER_MERGED: {
      description:
        'Two customer records became one (the duplicate id now means the survivor). Only for a subscription ADMIN scoped to every order (`allOrders`).',
    },
  },
});
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Gave up after the last attempt.' },
    PENDING: { description: 'Not delivered yet; will be tried (again).' },
    CANCELLED: { description: 'Never sent (again): its subscription was deleted while it waited.' },
  },
});

/**
 * A partner's OAuth 2.0 client (client_credentials). The secret is shown once when created and
 * kept as its SHA-256: it is 32 random bytes, so a plain hash is as strong as a slow one.
 */
@ObjectType('ApiClient', { description: "A partner's API client; tokens come from POST /oauth/token." })
@Entity('api_client')
export class ApiClient {
  @Field(() => ID, { description: 'The client id (the `client_id` of POST /oauth/token).' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The client_id of the client_credentials grant.' })
  @Index('api_client_client_id', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  clientId!: string;

  @Field({ description: "A name for people, e.g. the partner's system (at most 200 characters)." })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field({ description: 'The partner its tokens act for (the `partner_id` claim).' })
  @Column({ type: 'varchar', length: 100 })
  partnerId!: string;

  @Field(() => [String], { description: 'What its tokens may do, e.g. `orders:write`, `webhooks:manage`.' })
  @Column({ type: 'simple-json' })
  scopes!: string[];

  /** SHA-256 (hex) of the secret. */
  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When ADMIN revoked it (revokeApiClient): no new token since; null while it is live.',
  })
  @Column({ type: Date, nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { description: 'When it was registered.' })
  @Column({ type: Date })
  createdAt!: Date;
}

/** A partner's endpoint for the topics it chose; deliveries are signed with `signingSecret`. */
@ObjectType('WebhookSubscription', {
  description: "A partner's endpoint for the topics it chose; each delivery is signed with its signing secret (HMAC-SHA256).",
})
@Entity('webhook_subscription')
@Index('webhook_subscription_partner', ['partnerId'])
export class WebhookSubscription {
  @Field(() => ID, { description: 'The subscription id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The partner it belongs to.' })
  @Column({ type: 'varchar', length: 100 })
  partnerId!: string;

  @Field({ description: 'The http(s) URL deliveries are POSTed to.' })
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Field(() => [WebhookTopic], { description: 'The events delivered to it.' })
  @Column({ type: 'simple-json' })
  topics!: WebhookTopic[];

  /** The HMAC key of the deliveries: kept as is, since signing needs it (shown to the partner once). */
  @Column({ type: 'varchar', length: 100 })
  signingSecret!: string;

  @Field({ description: 'false: nothing is delivered to it (deleteWebhookSubscription).' })
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Field({
    description:
      "true: it receives the events of every order, not only its partner's, and the retailer-wide STOCK_CHANGED and CUSTOMER_MERGED (staff scoped it wider: ADMIN only, e.g. the retailer's own ERP); false: only orders its partner placed.",
  })
  @Column({ type: 'boolean', default: false })
  allOrders!: boolean;

  @Field(() => Date, { description: 'When it was created.' })
  @Column({ type: Date })
  createdAt!: Date;
}

/**
 * One event for one subscription: written by the `webhook-deliveries` consumer (one per event id
 * and subscription), sent by the `webhook-dispatch` job until the receiver answers 2xx or
 * WEBHOOK_MAX_ATTEMPTS is reached (then FAILED with the last error).
 */
@ObjectType('WebhookDelivery', {
  description:
    'One event sent (or being sent) to one webhook subscription; retried with backoff until the receiver answers 2xx or the attempts run out (then FAILED).',
})
@Entity('webhook_delivery')
@Unique('webhook_delivery_event', ['eventId', 'subscriptionId'])
@Index('webhook_delivery_due', ['status', 'nextAttemptAt'])
@Index('webhook_delivery_subscription', ['subscriptionId', 'createdAt'])
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery id (also sent in its request headers).' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  subscriptionId!: string;

  @Field({ description: 'The internal event it carries (the CloudEvents id is the delivery id).' })
  @Column({ type: 'varchar', length: 36 })
  eventId!: string;

  @Field(() => WebhookTopic, { description: 'The event delivered.' })
  @Column({ type: 'varchar', length: 40 })
  topic!: WebhookTopic;

  @Field(() => WebhookDeliveryStatus, { description: 'PENDING, DELIVERED, FAILED or CANCELLED.' })
  @Column({ type: 'varchar', length: 20 })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'POSTs tried so far.' })
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status at the last attempt (null: no answer)." })
  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  @Field(() => String, {
    description: 'Why the last attempt failed (HTTP status or network error); null when none failed.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Field(() => Int, { nullable: true, description: 'Milliseconds the last attempt took.' })
  @Column({ type: 'int', nullable: true })
  latencyMs!: number | null;

  /** The CloudEvents JSON sent (the same bytes at every attempt). */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: Date })
  nextAttemptAt!: Date;

  @Field(() => Date, { description: 'When the event was queued for this subscription.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the receiver answered 2xx; null until then.', nullable: true })
  @Column({ type: Date, nullable: true })
  deliveredAt!: Date | null;
}
