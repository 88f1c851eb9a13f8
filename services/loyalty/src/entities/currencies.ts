import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How points are earned and redeemed in one currency; without a row: earn rate 1, a point worth one minor unit. */
@ObjectType({ description: 'How loyalty points are earned and redeemed in one currency.' })
@Entity('loyalty_currency')
export class LoyaltyCurrency {
  @Field({ description: 'ISO 4217 code, e.g. `EUR`.' })
  @PrimaryColumn({ type: 'varchar', length: 3 })
  currency!: string;

  @Field({
    description:
      'Decimal multiplier of what is paid in this currency (in minor units) before the earn rules apply ("points per currency unit" = per 100 minor units), ' +
      'e.g. `1.1`; for a currency without decimals such as JPY, `1` earns per 100 yen and `100` per yen; `1` without settings.',
  })
  @Column({ type: 'varchar', length: 20 })
  earnRate!: string;

  @Field({
    description:
      'What one point pays when redeemed, in minor units of this currency, as a decimal, e.g. `0.9` (100 points pay ' +
      '0.90 EUR); `1` without settings.',
  })
  @Column({ type: 'varchar', length: 20 })
  pointValue!: string;

  @Field({ description: 'When it was last set.' })
  @Column({ type: Date })
  updatedAt!: Date;
}

/** A configured conversion between two currencies, for gift cards and store credit only. */
@ObjectType({
  description:
    'A conversion rate staff configured from one currency to another: a gift card or store credit in `from` may pay ' +
    'an order in `to` at this rate. Prices are never converted.',
})
@Entity('currency_conversion_rate')
export class CurrencyConversionRate {
  @Field({ description: 'The currency of the gift card or store credit, e.g. `USD`.' })
  @PrimaryColumn({ type: 'varchar', length: 3 })
  fromCurrency!: string;

  @Field({ description: 'The currency of the order it pays, e.g. `EUR`.' })
  @PrimaryColumn({ type: 'varchar', length: 3 })
  toCurrency!: string;

  @Field({ description: 'Units of `toCurrency` one unit of `fromCurrency` is worth, as a decimal, e.g. `0.92`.' })
  @Column({ type: 'varchar', length: 20 })
  rate!: string;

  @Field({ description: 'When it was last set.' })
  @Column({ type: Date })
  updatedAt!: Date;
}
