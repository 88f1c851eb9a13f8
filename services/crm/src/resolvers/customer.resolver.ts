import { Channel, attempt, UserError, type ServiceContext } from '@omni/platform';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { registerCustomer } from '../commands/register-customer';
import { IdentityKind, normalizeIdentity } from '../domain/identity';
import { Address } from '../entities/address';
import { Customer, CustomerIdentity } from '../entities/customer';
import { addressesByCustomer, customerById, identitiesByCustomer } from '../loaders';

@InputType()
export class AddressInput {
  @Field()
  line1!: string;

  @Field()
  city!: string;

  @Field()
  postalCode!: string;

  @Field()
  country!: string;

  @Field(() => Float, { nullable: true })
  lat?: number | null;

  @Field(() => Float, { nullable: true })
  lng?: number | null;
}

@InputType()
export class RegisterCustomerInput {
  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field()
  firstName!: string;

  @Field()
  lastName!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => AddressInput, { nullable: true })
  address?: AddressInput | null;
}

@ObjectType()
export class RegisterCustomerPayload {
  @Field(() => Customer, { nullable: true })
  customer!: Customer | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { nullable: true, description: 'A customer by id; a merged-away id gives the survivor.' })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<Customer | null> {
    return customerById(ctx).load(id);
  }

  @Query(() => Customer, {
    nullable: true,
    description: 'Finds a shopper by email (any case), phone (any formatting) or loyalty card number.',
  })
  async customerLookup(
    @Ctx() ctx: ServiceContext,
    @Arg('email', () => String, { nullable: true }) email?: string | null,
    @Arg('phone', () => String, { nullable: true }) phone?: string | null,
    @Arg('loyaltyCardNumber', () => String, { nullable: true }) loyaltyCardNumber?: string | null,
  ): Promise<Customer | null> {
    const candidates: [IdentityKind, string | null | undefined][] = [
      [IdentityKind.EMAIL, email],
      [IdentityKind.PHONE, phone],
      [IdentityKind.LOYALTY_CARD, loyaltyCardNumber],
    ];
    for (const [kind, raw] of candidates) {
      if (!raw) continue;
      const value = normalizeIdentity(kind, raw);
      if (!value) continue;
      const identity = await ctx.db.getRepository(CustomerIdentity).findOneBy({ kind, value });
      if (identity) return customerById(ctx).load(identity.customerId);
    }
    return null;
  }

  @Mutation(() => RegisterCustomerPayload)
  async registerCustomer(
    @Arg('input', () => RegisterCustomerInput) input: RegisterCustomerInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RegisterCustomerPayload> {
    const { result, userErrors } = await attempt(() => registerCustomer(ctx.db, input));
    return { customer: result, userErrors };
  }

  @FieldResolver(() => [CustomerIdentity])
  identities(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<CustomerIdentity[]> {
    return identitiesByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => [Address])
  addresses(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<Address[]> {
    return addressesByCustomer(ctx).load(customer.id);
  }
}
