import { Channel } from '@omni/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum CartStatus {
  OPEN = 'OPEN',
  /** Open, but untouched for longer than the abandonment window: derived, never stored. */
  ABANDONED = 'ABANDONED',
  CHECKED_OUT = 'CHECKED_OUT',
}
registerEnumType(CartStatus, {
  name: 'CartStatus',
  description: 'Where a cart stands.',
  valuesConfig: {
    OPEN: { description: 'Being filled; it can be changed and checked out.' },
    ABANDONED: { description: 'Open, but untouched for longer than the abandonment window (it can still be checked out).' },
    CHECKED_OUT: { description: 'Turned into an order; it can no longer change.' },
  },
});

@ObjectType({ description: 'A shopping cart on any channel; a guest cart has no customer until login.' })
@Entity('cart')
@Index('cart_customer_updated', ['customerId', 'updatedAt'])
export class Cart {
  @Field(() => ID, { description: 'The cart id; keep it (e.g. in local storage) to come back to a guest cart.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  customerId!: string | null;

  @Field(() => Channel, { description: 'The channel the cart was created in.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  /** OPEN or CHECKED_OUT; ABANDONED is derived from `updatedAt`. */
  @Column({ type: 'varchar', length: 20 })
  storedStatus!: CartStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'The market the cart is in (`Market.code`): its prices and currency, fixed when the cart is created; null: the ' +
      "default market (a pickup at a store of another market is priced in that store's market).",
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  market!: string | null;

  @Field(() => [String], { description: 'Coupons on the cart (upper case); each gave a discount when it was applied.' })
  @Column({ type: 'simple-json' })
  couponCodes!: string[];

  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ type: Date })
  createdAt!: Date;

  @Field({ description: 'When a line or coupon last changed.' })
  @Column({ type: Date })
  updatedAt!: Date;
}

@Entity('cart_line')
export class CartLineRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  cartId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'int' })
  position!: number;
}
