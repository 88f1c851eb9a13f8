import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';

/** An amount in minor units (cents) of an ISO 4217 currency. Never a float. */
@Directive('@shareable')
@ObjectType({ simpleResolvers: true })
export class Money {
  @Field(() => Int)
  cents!: number;

  @Field()
  currency!: string;

  static of(cents: number, currency: string): Money {
    return Object.assign(new Money(), { cents, currency });
  }
}

@InputType()
export class MoneyInput {
  @Field(() => Int)
  cents!: number;

  @Field()
  currency!: string;
}

const ISO_4217 = /^[A-Z]{3}$/;

export function isCurrencyCode(value: string): boolean {
  return ISO_4217.test(value);
}
