import { Channel } from '@omni/platform';
import { Field, Int, ObjectType } from 'type-graphql';
import { ProductRef } from './references';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The latest view of one product by one customer (one row per customer and product). */
@ObjectType({ description: 'A product the customer looked at: the latest view of it, and how many times it was viewed.' })
@Entity('product_view')
@Index('product_view_customer_product', ['customerId', 'productId'], { unique: true })
@Index('product_view_customer_time', ['customerId', 'viewedAt', 'id'])
export class ProductView {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'varchar', length: 64 })
  productId!: string;

  @Field(() => Channel, { description: 'The channel of the latest view.' })
  @Column({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field({ description: 'When the customer last looked at it.' })
  @Column({ type: Date })
  viewedAt!: Date;

  @Field(() => Int, { description: 'How many times they looked at it.' })
  @Column({ type: 'int', default: 1 })
  viewCount!: number;

  @Field(() => ProductRef, { description: 'The product.', nullable: true })
  get product(): ProductRef {
    return Object.assign(new ProductRef(), { id: this.productId });
  }
}
