import {
  assertCanSeeCustomer,
  attempt,
  canSeeCustomer,
  Channel,
  DomainError,
  forbidden,
  hasRole,
  Role,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { identityHolder, linkIdentity } from '../commands/identities';
import { mergeCustomers } from '../commands/merge-customers';
import {
  addAddress,
  removeAddress,
  setMarketingConsent,
  setMessageOptOut,
  updateAddress,
  updateProfile,
} from '../commands/profile';
import { registerCustomer } from '../commands/register-customer';
import { ContactChannel } from '../domain/consent';
import { defaultPhoneCountry } from '../configuration';
import { IdentityKind } from '../domain/identity';
import { MessageKind } from '../domain/messages';
import { storedPhoneAsE164 } from '../domain/phone';
import { Address } from '../entities/address';
import { Customer, CustomerIdentity, MarketingConsent } from '../entities/customer';
import { addressesByCustomer, consentsByCustomer, customerById, identitiesByCustomer } from '../loaders';

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

  @Field(() => [ContactChannel], { nullable: true, description: 'Contact channels the customer agrees to, given in `channel`.' })
  marketingConsent?: ContactChannel[] | null;
}

@InputType()
export class LinkIdentityInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => IdentityKind)
  kind!: IdentityKind;

  @Field()
  value!: string;

  @Field(() => Channel, { nullable: true, description: 'Where the identifier was seen; the calling channel when not given.' })
  channel?: Channel | null;
}

@InputType()
export class SetMarketingConsentInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ContactChannel)
  channel!: ContactChannel;

  @Field()
  granted!: boolean;

  @Field(() => Channel, { nullable: true, description: 'Where the customer decided; the calling channel when not given.' })
  source?: Channel | null;
}

@InputType()
export class UpdateCustomerProfileInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'The new email; the replaced one no longer finds the customer.' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The new phone (any notation, stored E.164); null or "" removes it; omitted leaves it.',
  })
  phone?: string | null;
}

@InputType()
export class UpdateCustomerAddressInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  addressId!: string;

  @Field(() => AddressInput, { description: 'The whole address as it is now.' })
  address!: AddressInput;
}

@InputType()
export class RemoveCustomerAddressInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  addressId!: string;
}

@InputType()
export class SetMessageOptOutInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => MessageKind)
  kind!: MessageKind;

  @Field({ description: 'true: stop this kind of message; false: send it again.' })
  optedOut!: boolean;
}

@InputType()
export class AddCustomerAddressInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => AddressInput)
  address!: AddressInput;
}

/** The payload of every mutation that changes a customer. */
@ObjectType()
export class CustomerPayload {
  @Field(() => Customer, { nullable: true })
  customer!: Customer | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class RegisterCustomerPayload extends CustomerPayload {}

@ObjectType()
export class LinkIdentityPayload extends CustomerPayload {}

@ObjectType()
export class MergeCustomersPayload extends CustomerPayload {}

@ObjectType()
export class SetMarketingConsentPayload extends CustomerPayload {}

@ObjectType()
export class AddCustomerAddressPayload extends CustomerPayload {}

@ObjectType()
export class SetMessageOptOutPayload extends CustomerPayload {}

@ObjectType()
export class UpdateCustomerProfilePayload extends CustomerPayload {}

@ObjectType()
export class UpdateCustomerAddressPayload extends CustomerPayload {}

@ObjectType()
export class RemoveCustomerAddressPayload extends CustomerPayload {}

function sourceChannel(given: Channel | null | undefined, ctx: ServiceContext): Channel | null {
  return given ?? ctx.channel;
}

/**
 * The customer `id` names (a merged-away id gives the survivor), when the caller may see them:
 * staff anyone, a shopper only themself (by either id of a merged pair).
 */
export async function visibleCustomer(ctx: ServiceContext, id: string): Promise<Customer | null> {
  const customer = await customerById(ctx).load(id);
  const own = canSeeCustomer(ctx.caller, id) || (customer !== null && canSeeCustomer(ctx.caller, customer.id));
  if (!own) throw forbidden('this customer is not yours to see');
  return customer;
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { nullable: true, description: 'A customer by id; a merged-away id gives the survivor.' })
  async customer(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<Customer | null> {
    return visibleCustomer(ctx, id);
  }

  @Query(() => Customer, { nullable: true, description: 'The signed-in customer; null for staff, partners and guests.' })
  async me(@Ctx() ctx: ServiceContext): Promise<Customer | null> {
    if (!ctx.caller.customerId || !hasRole(ctx.caller, Role.CUSTOMER)) return null;
    return customerById(ctx).load(ctx.caller.customerId);
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Query(() => Customer, {
    nullable: true,
    description:
      'Finds a shopper by email (any case), phone (any formatting; without `+` read in DEFAULT_PHONE_COUNTRY) or loyalty card number.',
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
      const identity = await identityHolder(ctx.db, kind, raw);
      if (identity) return customerById(ctx).load(identity.customerId);
    }
    return null;
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Query(() => Customer, {
    nullable: true,
    description: 'Finds a shopper by any identifier: email, phone, loyalty card, marketplace, social or device id.',
  })
  async customerByIdentity(
    @Arg('kind', () => IdentityKind) kind: IdentityKind,
    @Arg('value') value: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Customer | null> {
    const identity = await identityHolder(ctx.db, kind, value);
    return identity ? customerById(ctx).load(identity.customerId) : null;
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => LinkIdentityPayload, {
    description: 'Makes the customer reachable by one more identifier; one identifier belongs to one customer.',
  })
  async linkIdentity(
    @Arg('input', () => LinkIdentityInput) input: LinkIdentityInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<LinkIdentityPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() =>
      linkIdentity(ctx.db, { ...input, channel: sourceChannel(input.channel, ctx) }),
    );
    return { customer: result, userErrors };
  }

  @Authorized(Role.CSR)
  @Mutation(() => MergeCustomersPayload, {
    description:
      'Folds the duplicate into the survivor (identities, addresses, timeline, cases, views); the duplicate id then resolves to the survivor. Idempotent.',
  })
  async mergeCustomers(
    @Arg('survivorId', () => ID) survivorId: string,
    @Arg('duplicateId', () => ID) duplicateId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<MergeCustomersPayload> {
    const { result, userErrors } = await attempt(() => mergeCustomers(ctx.db, survivorId, duplicateId, ctx.channel));
    return { customer: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SetMarketingConsentPayload, { description: 'Grants or withdraws consent to be contacted on one channel.' })
  async setMarketingConsent(
    @Arg('input', () => SetMarketingConsentInput) input: SetMarketingConsentInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetMarketingConsentPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(async () => {
      const source = sourceChannel(input.source, ctx);
      if (!source) throw new DomainError('SOURCE_REQUIRED', 'say where the customer decided (source)', ['input', 'source']);
      return setMarketingConsent(ctx.db, { ...input, source });
    });
    return { customer: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SetMessageOptOutPayload, {
    description:
      'Stops or resumes one kind of transactional message (order confirmation, shipped, ...) on every channel; OPT_OUT_NOT_ALLOWED for GIFT_CARD.',
  })
  async setMessageOptOut(
    @Arg('input', () => SetMessageOptOutInput) input: SetMessageOptOutInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetMessageOptOutPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => setMessageOptOut(ctx.db, input.customerId, input.kind, input.optedOut));
    return { customer: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => AddCustomerAddressPayload)
  async addCustomerAddress(
    @Arg('input', () => AddCustomerAddressInput) input: AddCustomerAddressInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<AddCustomerAddressPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => addAddress(ctx.db, input.customerId, input.address));
    return { customer: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => UpdateCustomerProfilePayload, {
    description:
      'Changes name, email and phone (each only when given): INVALID_NAME, INVALID_EMAIL, INVALID_PHONE, IDENTITY_TAKEN (another customer holds that email or phone).',
  })
  async updateCustomerProfile(
    @Arg('input', () => UpdateCustomerProfileInput) input: UpdateCustomerProfileInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpdateCustomerProfilePayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => updateProfile(ctx.db, { ...input, channel: ctx.channel }));
    return { customer: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => UpdateCustomerAddressPayload, {
    description:
      "Replaces one of the customer's addresses: UNKNOWN_ADDRESS when it is not theirs; the address rules of addCustomerAddress.",
  })
  async updateCustomerAddress(
    @Arg('input', () => UpdateCustomerAddressInput) input: UpdateCustomerAddressInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<UpdateCustomerAddressPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => updateAddress(ctx.db, input.customerId, input.addressId, input.address));
    return { customer: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => RemoveCustomerAddressPayload, {
    description: "Removes one of the customer's addresses: UNKNOWN_ADDRESS when it is not theirs.",
  })
  async removeCustomerAddress(
    @Arg('input', () => RemoveCustomerAddressInput) input: RemoveCustomerAddressInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RemoveCustomerAddressPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => removeAddress(ctx.db, input.customerId, input.addressId));
    return { customer: result, userErrors };
  }

  /** Open to everyone: shoppers sign themselves up, staff and partners register them. */
  @Mutation(() => RegisterCustomerPayload)
  async registerCustomer(
    @Arg('input', () => RegisterCustomerInput) input: RegisterCustomerInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RegisterCustomerPayload> {
    const { result, userErrors } = await attempt(() => registerCustomer(ctx.db, input));
    return { customer: result, userErrors };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'E.164 (`+12125557788`); numbers stored before normalization are read as E.164 too.',
  })
  phone(@Root() customer: Customer): string | null {
    return customer.phone && storedPhoneAsE164(customer.phone, defaultPhoneCountry());
  }

  @FieldResolver(() => [CustomerIdentity])
  identities(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<CustomerIdentity[]> {
    return identitiesByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => [Address])
  addresses(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<Address[]> {
    return addressesByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => [MarketingConsent], { description: 'Consent per contact channel, with when and where it was given.' })
  marketingConsents(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<MarketingConsent[]> {
    return consentsByCustomer(ctx).load(customer.id);
  }
}
