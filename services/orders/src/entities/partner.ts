import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { WebhookDeliveryStatus, WebhookTopic } from '../partners/topics';

registerEnumType(WebhookTopic, { name: 'WebhookTopic', description: 'What a webhook subscription receives.' });
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

/**
 * A partner's OAuth 2.0 client (client_credentials). The secret is shown once when created and
 * kept as its SHA-256: it is 32 random bytes, so a plain hash is as strong as a slow one.
 */
@ObjectType('ApiClient', { description: "A partner's API client; tokens come from POST /oauth/token." })
@Entity('api_client')
export class ApiClient {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The client_id of the client_credentials grant.' })
  @Index('api_client_client_id', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  clientId!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  partnerId!: string;

  @Field(() => [String])
  @Column({ type: 'simple-json' })
  scopes!: string[];

  /** SHA-256 (hex) of the secret. */
  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: Date, nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date)
  @Column({ type: Date })
  createdAt!: Date;
}

/** A partner's endpoint for the topics it chose; deliveries are signed with `signingSecret`. */
@ObjectType('WebhookSubscription')
@Entity('webhook_subscription')
@Index('webhook_subscription_partner', ['partnerId'])
export class WebhookSubscription {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  partnerId!: string;

  @Field()
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Field(() => [WebhookTopic])
  @Column({ type: 'simple-json' })
  topics!: WebhookTopic[];

  /** The HMAC key of the deliveries: kept as is, since signing needs it (shown to the partner once). */
  @Column({ type: 'varchar', length: 100 })
  signingSecret!: string;

  @Field()
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Field(() => Date)
  @Column({ type: Date })
  createdAt!: Date;
}

/**
 * One event for one subscription: written by the `webhook-deliveries` consumer (one per event id
 * and subscription), sent by the `webhook-dispatch` job until the receiver answers 2xx or
 * WEBHOOK_MAX_ATTEMPTS is reached (then FAILED with the last error).
 */
@ObjectType('WebhookDelivery')
@Entity('webhook_delivery')
@Unique('webhook_delivery_event', ['eventId', 'subscriptionId'])
@Index('webhook_delivery_due', ['status', 'nextAttemptAt'])
@Index('webhook_delivery_subscription', ['subscriptionId', 'createdAt'])
export class WebhookDelivery {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  subscriptionId!: string;

  @Field({ description: 'The internal event it carries (the CloudEvents id is the delivery id).' })
  @Column({ type: 'varchar', length: 36 })
  eventId!: string;

  @Field(() => WebhookTopic)
  @Column({ type: 'varchar', length: 40 })
  topic!: WebhookTopic;

  @Field(() => WebhookDeliveryStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: WebhookDeliveryStatus;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status at the last attempt (null: no answer)." })
  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true })
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

  @Field(() => Date)
  @Column({ type: Date })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: Date, nullable: true })
  deliveredAt!: Date | null;
}
