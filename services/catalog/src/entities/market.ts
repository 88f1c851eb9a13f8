import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A market: a country the retailer sells in, with its currency. Carts and orders in a market are
 * priced from its price list and paid in its currency. Without markets (or for a cart that names
 * none and a store that belongs to none) everything sells at the variants' own prices, as before.
 */
@ObjectType({ description: 'A country the retailer sells in, with its currency and its own price list.' })
@Entity('market')
export class Market {
  @Field({ description: 'The market code, e.g. `DE` or `EU-NORTH` (2 to 20 upper-case letters, digits, `-`, `_`).' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code!: string;

  @Field({ description: 'Its name for staff, e.g. "Germany" (at most 100 characters).' })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. `DE`.' })
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Field({ description: 'ISO 4217 currency every cart and order of the market is priced and paid in, e.g. `EUR`.' })
  @Column({ type: 'varchar', length: 3 })
  currency!: string;
}

/** A store or warehouse that sells in a market: an order at that location is in the market. */
@Entity('market_location')
@Index('market_location_market', ['market'])
export class MarketLocation {
  /** The inventory location's id (one market per location). */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  locationId!: string;

  @Column({ type: 'varchar', length: 20 })
  market!: string;
}

/** A SKU's price in a market's price list, in the market's currency. */
@Entity('market_price')
export class MarketPrice {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  market!: string;

  @Column({ type: 'int' })
  priceCents!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;
}
