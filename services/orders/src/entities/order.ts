import { Channel, DateScalar, Money } from '@omni/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FulfillmentStatus, FulfillmentType, LineStatus, OrderStatus } from '../domain/status';

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order stands as a whole.',
  valuesConfig: {
    PLACED: { description: 'Accepted; nothing shipped yet.' },
    PARTIALLY_SHIPPED: { description: 'Some lines shipped or collected, others not yet.' },
    SHIPPED: { description: 'Every open line shipped or handed over.' },
    COMPLETED: { description: 'Everything delivered or collected.' },
    CANCELLED: { description: 'Cancelled before anything shipped; its payments refunded.' },
  },
});
registerEnumType(LineStatus, {
  name: 'OrderLineStatus',
  description: 'Where an order line stands.',
  valuesConfig: {
    OPEN: { description: 'Not shipped or collected yet.' },
    SHIPPED: { description: 'Shipped, or handed over in store.' },
    DELIVERED: { description: 'Delivered or collected.' },
    CANCELLED: { description: 'Cancelled before it shipped; refunded.' },
    RETURNED: { description: 'Returned in full.' },
  },
});
registerEnumType(FulfillmentType, {
  name: 'FulfillmentType',
  description: 'How goods reach the shopper.',
  valuesConfig: {
    SHIP: { description: 'Shipped to an address by a carrier.' },
    PICKUP_IN_STORE: { description: 'Collected by the shopper at a store (click and collect).' },
    CARRY_OUT: { description: 'Taken by the shopper at the till, right away.' },
  },
});
registerEnumType(FulfillmentStatus, {
  name: 'FulfillmentStatus',
  description: 'Where a fulfillment stands.',
  valuesConfig: {
    PENDING: { description: 'Routed to a location, not started.' },
    PICKING: { description: 'Staff are picking the goods.' },
    PACKED: { description: 'Packed, waiting for the carrier or the pickup shelf.' },
    IN_TRANSIT: { description: 'Ship to store: sent from the source location, on its way to the pickup store.' },
    RECEIVED: { description: 'Ship to store: arrived at the pickup store, not yet ready for the shopper.' },
    SHIPPED: { description: 'With the carrier (see `trackingNumber`).' },
    READY_FOR_PICKUP: { description: 'Waiting for the shopper at the store.' },
    DELIVERED: { description: 'Delivered by the carrier.' },
    COLLECTED: { description: 'Collected by the shopper (or carried out).' },
    CANCELLED: { description: 'Will not happen: its lines were cancelled.' },
  },
});

/** A postal address as the order keeps it (the shopper's profile may change later). */
@ObjectType('PostalAddress', {
  description: "A postal address as the order keeps it (the shopper's profile may change later).",
  simpleResolvers: true,
})
export class PostalAddress {
  @Field({ description: 'Street and number.' })
  line1!: string;

  @Field({ description: 'City.' })
  city!: string;

  @Field({ description: 'Postal code.' })
  postalCode!: string;

  @Field({ description: 'ISO 3166-1 alpha-2.' })
  country!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'An order from any channel.' })
@Entity('customer_order')
@Index('customer_order_customer_placed', ['customerId', 'placedAt'])
@Index('customer_order_idempotency', ['idempotencyScope', 'idempotencyKey'], { unique: true })
@Index('customer_order_external_ref', ['channel', 'externalRef'])
@Index('customer_order_placed', ['placedAt'])
export class Order {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'Human-readable, unique order number.' })
  @Column({ type: 'varchar', length: 20, unique: true })
  number!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  @Field(() => Channel, { description: 'The channel it was placed in.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field(() => OrderStatus, { description: 'Where the order stands as a whole; each line and fulfillment has its own status.' })
  @Column({ type: 'varchar', length: 30 })
  status!: OrderStatus;

  @Field({ description: 'When it was placed.' })
  @Column({ type: Date })
  placedAt!: Date;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The market it was placed in (`Market.code`, e.g. `DE`): its prices and currency; null: the default market.',
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  market!: string | null;

  @Column({ type: 'int' })
  subtotalCents!: number;

  @Column({ type: 'int', default: 0 })
  discountCents!: number;

  /** What the order costs now: after cancellations, modifications and returns. */
  @Column({ type: 'int' })
  totalCents!: number;

  /** What the customer still owes (negative: what the retailer owes them); see domain/money.ts. */
  @Column({ type: 'int', default: 0 })
  balanceDueCents!: number;

  /** Value paid out other than to the tenders: store credit for a return, credit moved to an exchange order. */
  @Column({ type: 'int', default: 0 })
  creditedCents!: number;

  /** Coupons the order was priced with: a modification re-prices with them. */
  @Column({ type: 'simple-json', default: '[]' })
  couponCodes!: string[];

  @Field(() => String, { nullable: true, description: 'Where a guest is reached about this order (given at checkout).' })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Field(() => PostalAddress, { nullable: true, description: 'Where the order ships (SHIP fulfillments).' })
  @Column({ type: 'simple-json', nullable: true })
  shippingAddress!: PostalAddress | null;

  /** Who the idempotency key belongs to (customer, partner, staff member and channel, cart). */
  @Column({ type: 'varchar', length: 120, default: '' })
  idempotencyScope!: string;

  @Column({ type: 'varchar', length: 100 })
  idempotencyKey!: string;

  /** A digest of the request: the same key with another request is IDEMPOTENCY_KEY_REUSED. */
  @Column({ type: 'varchar', length: 64, default: '' })
  requestHash!: string;

  @Field(() => String, { nullable: true, description: 'The marketplace or partner order reference.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalRef!: string | null;

  /** The partner that placed the order (from its token); it may read and change this order. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  partnerId!: string | null;

  @Field(() => Money, { description: 'The value of the lines before discounts.' })
  get subtotal(): Money {
    return Money.of(this.subtotalCents, this.currency);
  }

  @Field(() => Money, { description: "Promotions and coupons on the whole order (the sum of the lines' discounts)." })
  get discount(): Money {
    return Money.of(this.discountCents, this.currency);
  }

  @Field(() => Money, { description: 'What the order costs now: after cancellations, modifications and returns.' })
  get total(): Money {
    return Money.of(this.totalCents, this.currency);
  }

  @Field(() => Money, { description: 'What the customer still owes; negative when the retailer owes the customer.' })
  get balanceDue(): Money {
    return Money.of(this.balanceDueCents, this.currency);
  }
}

@ObjectType({ simpleResolvers: true, description: 'One SKU of an order with its quantity and unit price.' })
@Entity('order_line')
export class OrderLine {
  @Field(() => ID, { description: 'The line id (for returns and modifications).' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('order_line_order')
  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Field({ description: 'The SKU ordered.' })
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Field(() => Int, { description: 'Units ordered, at least 1.' })
  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'int' })
  unitPriceCents!: number;

  /** This line's share of the order's promotions, for all its units. */
  @Column({ type: 'int', default: 0 })
  discountCents!: number;

  /** Units whose value has been taken off the order (cancelled, or returned): never twice. */
  @Column({ type: 'int', default: 0 })
  settledQuantity!: number;

  @Field(() => String, { nullable: true, description: 'PHYSICAL or EGIFT when the line sells gift cards.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  giftCardKind!: 'PHYSICAL' | 'EGIFT' | null;

  @Field(() => String, { nullable: true, description: 'Who receives the e-gift cards of this line.' })
  @Column({ type: 'varchar', length: 254, nullable: true })
  giftCardRecipientEmail!: string | null;

  /** When the line's gift cards were activated (the order was paid); null: not yet. */
  @Field(() => Date, {
    description: "When the line's gift cards were activated (the order was paid); null: not yet, or not a gift card.",
    nullable: true,
  })
  @Column({ type: Date, nullable: true })
  giftCardsActivatedAt!: Date | null;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Field(() => LineStatus, { description: 'Where this line stands.' })
  @Column({ type: 'varchar', length: 20 })
  status!: LineStatus;

  @Field(() => Money, { description: 'The price of one unit when placed (minor units), before order-level discounts.' })
  get unitPrice(): Money {
    return Money.of(this.unitPriceCents, this.currency);
  }

  @Field(() => Money, { description: 'The promotions on this line, for all its units.' })
  get discount(): Money {
    return Money.of(this.discountCents, this.currency);
  }
}

@ObjectType({
  simpleResolvers: true,
  description: 'A part of an order that leaves one location one way (shipment, pickup or carry-out).',
})
@Entity('fulfillment')
export class Fulfillment {
  @Field(() => ID, { description: 'The fulfillment id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('fulfillment_order')
  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Field(() => FulfillmentType, { description: 'SHIP, PICKUP_IN_STORE or CARRY_OUT.' })
  @Column({ type: 'varchar', length: 20 })
  type!: FulfillmentType;

  @Field(() => FulfillmentStatus, { description: 'Where it stands; `advanceFulfillment` moves it on.' })
  @Column({ type: 'varchar', length: 20 })
  status!: FulfillmentStatus;

  @Index('fulfillment_location')
  @Column({ type: 'varchar', length: 36, nullable: true })
  locationId!: string | null;

  /** Where the stock is reserved and picked; differs from `locationId` when shipped to a pickup store. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  sourceLocationId!: string | null;

  @Field(() => String, {
    description: "The carrier's tracking number once SHIPPED; null before, and for pickups.",
    nullable: true,
  })
  @Column({ type: 'varchar', length: 60, nullable: true })
  trackingNumber!: string | null;

  /** When the goods left the location (shipped or collected): the return window counts from here. */
  @Column({ type: Date, nullable: true })
  leftAt!: Date | null;

  /** When a pickup became READY_FOR_PICKUP (the fulfillment KPIs' time to ready). */
  @Field(() => Date, {
    nullable: true,
    description: 'When a pickup became ready for the shopper; null: not yet, or not a pickup.',
  })
  @Column({ type: Date, nullable: true })
  readyAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the shopper said "I am here" for this pickup.' })
  @Column({ type: Date, nullable: true })
  arrivedAt!: Date | null;

  @Field(() => DateScalar, {
    description: 'The date promised to the shopper (YYYY-MM-DD); null when none was promised.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 10, nullable: true })
  promisedDate!: string | null;

  @Field(() => PostalAddress, { nullable: true, description: 'Where a SHIP fulfillment goes.' })
  @Column({ type: 'simple-json', nullable: true })
  shippingAddress!: PostalAddress | null;
}

@ObjectType({ description: 'Units of one SKU in a fulfillment.', simpleResolvers: true })
@Entity('fulfillment_line')
export class FulfillmentLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  fulfillmentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  orderLineId!: string;

  @Field({ description: 'The SKU.' })
  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  @Field(() => Int, { description: 'Units, at least 1.' })
  @Column({ type: 'int' })
  quantity!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Units the picker found (`recordPick`); fewer than `quantity` is a short pick. Null: no pick recorded (picked as ordered).',
  })
  @Column({ type: 'int', nullable: true })
  pickedQuantity!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The SKU picked instead of the one ordered (`recordPick`); null: none substituted.',
  })
  @Column({ type: 'varchar', length: 64, nullable: true })
  substituteSku!: string | null;
}

/** The order's history: who did what, when, from which channel. Append-only. */
@ObjectType({ description: 'One event in the life of an order: who did what, when, from which channel.', simpleResolvers: true })
@Entity('order_history')
@Index('order_history_order', ['orderId', 'sequence'])
export class OrderHistoryEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  /** Position in the order's history: 1, 2, 3 ... (timestamps can tie). */
  @Column({ type: 'int', default: 0 })
  sequence!: number;

  @Field({ description: 'When it happened.' })
  @Column({ type: Date })
  at!: Date;

  @Field(() => Channel, { description: 'The channel it came from; null for the system (jobs, events).', nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  channel!: Channel | null;

  @Field(() => String, { description: 'Who did it (a user id or name, or `service:<name>`); null when unknown.', nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  actor!: string | null;

  @Field({ description: 'What happened, in English, e.g. "order placed" or "line 2 cancelled".' })
  @Column({ type: 'varchar', length: 200 })
  event!: string;
}
