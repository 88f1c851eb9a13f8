import { Channel } from '@omni/platform';
import { DateScalar } from '@omni/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SubscriptionStatus, type SubscriptionLine } from '../domain/subscriptions';
import { FulfillmentType } from '../domain/status';

registerEnumType(SubscriptionStatus, {
  name: 'ReplenishmentSubscriptionStatus',
  description: 'Where a replenishment subscription stands.',
  valuesConfig: {
    ACTIVE: { description: 'Places an order on each run date.' },
    PAUSED: { description: 'No runs until resumed.' },
    CANCELLED: { description: 'Ended for good.' },
  },
});

/** One SKU a subscription orders each run. */
@ObjectType('ReplenishmentSubscriptionLine', { description: 'One SKU a subscription orders each run.', simpleResolvers: true })
export class ReplenishmentSubscriptionLine {
  @Field({ description: 'The SKU.' })
  sku!: string;

  @Field(() => Int, { description: 'Units per run.' })
  quantity!: number;
}

/** A recurring order: the same lines every `intervalDays`, placed by `runDueSubscriptions`. */
@ObjectType('ReplenishmentSubscription', { description: 'A recurring (replenishment) order.' })
@Entity('replenishment_subscription')
@Index('replenishment_subscription_due', ['status', 'nextRunOn'])
@Index('replenishment_subscription_customer', ['customerId', 'createdAt'])
export class ReplenishmentSubscription {
  @Field(() => ID, { description: 'The subscription id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Field(() => Channel, { description: 'The channel its orders are placed in.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field(() => SubscriptionStatus, { description: 'ACTIVE, PAUSED or CANCELLED.' })
  @Column({ type: 'varchar', length: 20 })
  status!: SubscriptionStatus;

  @Field({ description: "The first line's SKU (see `lines`)." })
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Field(() => Int, { description: "The first line's quantity (see `lines`)." })
  @Column({ type: 'int' })
  quantity!: number;

  /** Every SKU each run orders; empty for a subscription made before several were possible (then `sku`, `quantity`). */
  @Column({ type: 'simple-json', default: '[]' })
  lines!: SubscriptionLine[];

  @Field(() => Int, { description: 'Days between two runs.' })
  @Column({ type: 'int' })
  intervalDays!: number;

  @Field(() => DateScalar, { description: 'The date of the next run (YYYY-MM-DD).' })
  @Column({ type: 'varchar', length: 10 })
  nextRunOn!: string;

  @Field(() => FulfillmentType, { description: "How each run's order is fulfilled." })
  @Column({ type: 'varchar', length: 20 })
  fulfillmentType!: FulfillmentType;

  @Column({ type: 'varchar', length: 36, nullable: true })
  pickupLocationId!: string | null;

  /** The shipping address as given (JSON), used for routing. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The run date of the last order placed.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  lastRunOn!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  lastOrderId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last run failed; retried on the next run.' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  lastFailure!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The shopper's saved payment method (`SavedPaymentMethod.id`) that pays what store credit leaves of each order; null: the order is paid on delivery or pickup (balanceDue).",
  })
  @Column({ type: 'varchar', length: 36, nullable: true })
  paymentMethodId!: string | null;

  @Field({ description: "True: each order is paid from the shopper's store credit first." })
  @Column({ type: 'boolean', default: false })
  useStoreCredit!: boolean;

  @Field({ description: 'When the shopper subscribed.' })
  @Column({ type: Date })
  createdAt!: Date;
}
