import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';

/** An amount in minor units (cents) of an ISO 4217 currency. Never a float. */
@Directive('@shareable')
@ObjectType({
  simpleResolvers: true,
  description: 'An amount of money: an integer in minor units (cents) of an ISO 4217 currency. Never a float.',
})
export class Money {
  @Field(() => Int, {
    description: 'The amount in minor units of `currency`, e.g. 1999 for 19.99 EUR; negative only where a field says so.',
  })
  cents!: number;

  @Field({ description: 'ISO 4217 code, three upper-case letters, e.g. `EUR`.' })
  currency!: string;

  static of(cents: number, currency: string): Money {
    return Object.assign(new Money(), { cents, currency });
  }
}

@InputType({ description: 'An amount of money in minor units (cents) of an ISO 4217 currency.' })
export class MoneyInput {
  @Field(() => Int, { description: 'The amount in minor units of `currency`, e.g. 1999 for 19.99 EUR.' })
  cents!: number;

  @Field({ description: 'ISO 4217 code, three upper-case letters, e.g. `EUR`.' })
  currency!: string;
}

const ISO_4217 = /^[A-Z]{3}$/;

export function isCurrencyCode(value: string): boolean {
  return ISO_4217.test(value);
}

export * from '../currency';
