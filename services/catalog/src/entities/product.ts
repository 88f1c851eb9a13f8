import { Channel, Money } from '@omni/platform';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@ObjectType({
  description: 'A named property of a product or variant, e.g. { name: "color", value: "navy" }.',
  simpleResolvers: true,
})
export class Attribute {
  @Field({ description: 'The attribute, e.g. `color`, `size`, `material`, `width`.' })
  name!: string;

  @Field({ description: 'Its value as text, e.g. `navy`, `M`, `80 cm`.' })
  value!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'One product truth for every channel.' })
@Entity('product')
@Index('product_name', ['name', 'id'])
// PostgreSQL: the trigram index of searchText for typo-tolerant search, created by a hand-written
// migration (gin_trgm_ops is beyond what entities describe): leave it alone.
@Index('product_search_trgm', { synchronize: false })
export class Product {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The product name shown to shoppers (at most 200 characters).' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field({ description: 'Long description, plain text; empty when there is none.' })
  @Column({ type: 'text', default: '' })
  description!: string;

  @Field(() => String, { description: 'The brand; null when it has none.', nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  brand!: string | null;

  /** Root first, e.g. ["Apparel", "Tops", "T-shirts"]. */
  @Field(() => [String], { description: 'Its category, root first, e.g. ["Apparel", "Tops", "T-shirts"].' })
  @Column({ type: 'simple-json' })
  categoryPath!: string[];

  @Field(() => [Attribute], { description: 'Attributes shared by every variant, e.g. material.' })
  @Column({ type: 'simple-json' })
  attributes!: Attribute[];

  /**
   * Name, brand, description, categories and every product and variant attribute value, for
   * full-text search (PostgreSQL: a GIN index on its tsvector; SQLite: mirrored into FTS5).
   */
  @Column({ type: 'text', default: '' })
  searchText!: string;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}

/**
 * One facet value of a product (brand, each category of its path, each product or variant
 * attribute), written with the product: search filters and counts facets from this table.
 */
@Entity('product_facet')
@Index('product_facet_value', ['name', 'value', 'productId'])
export class ProductFacet {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  productId!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  value!: string;
}

/** A gift card sold as a product: a card handed over or shipped, or one sent by e-mail. */
export enum GiftCardKind {
  PHYSICAL = 'PHYSICAL',
  EGIFT = 'EGIFT',
}
registerEnumType(GiftCardKind, {
  name: 'GiftCardKind',
  description: 'A gift card sold as a product: a card handed over or shipped, or one sent by e-mail.',
  valuesConfig: {
    PHYSICAL: { description: 'A plastic card, handed over in store or shipped with the order.' },
    EGIFT: { description: 'An e-gift card: its code is e-mailed to the recipient.' },
  },
});

@Directive('@key(fields: "sku")')
@ObjectType({ simpleResolvers: true, description: 'A sellable variant of a product (one size and color), identified by SKU.' })
@Entity('product_variant')
export class ProductVariant {
  @Field({ description: 'The SKU: the stock keeping unit that identifies this variant everywhere (carts, orders, stock).' })
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @Index('product_variant_product')
  @Column({ type: 'varchar', length: 36 })
  productId!: string;

  @Field(() => [Attribute], { description: 'What sets this variant apart, e.g. size and color.' })
  @Column({ type: 'simple-json' })
  attributes!: Attribute[];

  /** Base price in minor units, for every channel without a price of its own. */
  @Column({ type: 'int' })
  priceCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Field({ description: 'No longer sold: it stays visible in past orders but cannot be added to a cart.' })
  @Column({ type: 'boolean', default: false })
  discontinued!: boolean;

  @Field(() => GiftCardKind, {
    nullable: true,
    description: 'Set when the variant is a gift card: its price is the value put on the card; promotions never apply to it.',
  })
  @Column({ type: 'varchar', length: 10, nullable: true })
  giftCard!: GiftCardKind | null;

  get basePrice(): Money {
    return Money.of(this.priceCents, this.currency);
  }
}

/** A channel's own price for a SKU, where the retailer's price policy allows one. */
@Entity('channel_price')
export class ChannelPrice {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  channel!: string;

  @Column({ type: 'int' })
  priceCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;
}

/** Whether a channel may sell at a price of its own; without a row it may not. */
@ObjectType({ simpleResolvers: true, description: "The retailer's rule for a channel's prices." })
@Entity('channel_price_policy')
export class ChannelPricePolicy {
  @Field(() => Channel, { description: 'The channel this policy is for.' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field({ description: 'May the channel sell at prices other than the base price?' })
  @Column({ type: 'boolean', default: false })
  allowDeviation!: boolean;
}
