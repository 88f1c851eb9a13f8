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
import { BirthdayInput } from '../entities/engagement';
import { addressesByCustomer, consentsByCustomer, customerById, identitiesByCustomer } from '../loaders';
import { CustomerUserError } from './user-errors';

@InputType({ description: 'A postal address.' })
export class AddressInput {
  @Field({ description: 'Street and number, 1 to 200 characters.' })
  line1!: string;

  @Field({ description: 'City, 1 to 100 characters.' })
  city!: string;

  @Field({ description: 'Postal code, at most 20 characters.' })
  postalCode!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. `DE`.' })
  country!: string;

  @Field(() => Float, {
    description: 'Latitude in decimal degrees (-90..90); null: unknown (give both or neither).',
    nullable: true,
  })
  lat?: number | null;

  @Field(() => Float, { description: 'Longitude in decimal degrees (-180..180); null: unknown.', nullable: true })
  lng?: number | null;
}

@InputType({ description: 'A customer to register.' })
export class RegisterCustomerInput {
  @Field({ description: 'E-mail address (at most 254 characters), unique among customers.' })
  email!: string;

  @Field(() => String, { description: 'Phone number in any notation, stored in E.164; null: none.', nullable: true })
  phone?: string | null;

  @Field({ description: 'First name, 1 to 100 characters.' })
  firstName!: string;

  @Field({ description: 'Last name, 1 to 100 characters.' })
  lastName!: string;

  @Field(() => Channel, { description: 'The channel they register in.' })
  channel!: Channel;

  @Field(() => AddressInput, { description: 'A first address for the address book; null: none.', nullable: true })
  address?: AddressInput | null;

  @Field(() => [ContactChannel], { nullable: true, description: 'Contact channels the customer agrees to, given in `channel`.' })
  marketingConsent?: ContactChannel[] | null;

  @Field(() => BirthdayInput, {
    nullable: true,
    description: 'Month and day (and year) of birth, for the birthday greeting; null: not given (`setCustomerBirthday` later).',
  })
  birthday?: BirthdayInput | null;

  @Field(() => String, {
    nullable: true,
    description: "IANA time zone the birthday greeting follows, e.g. Europe/Berlin; null: the retailer's (UTC).",
  })
  timeZone?: string | null;
}

@InputType({ description: 'An identifier to link to a customer.' })
export class LinkIdentityInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => IdentityKind, { description: 'What the value is.' })
  kind!: IdentityKind;

  @Field({
    description: 'The identifier, e.g. an e-mail, a phone number in any notation, a card number (at most 254 characters).',
  })
  value!: string;

  @Field(() => Channel, { nullable: true, description: 'Where the identifier was seen; the calling channel when not given.' })
  channel?: Channel | null;
}

@InputType({ description: "A customer's marketing consent on one channel." })
export class SetMarketingConsentInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => ContactChannel, { description: 'EMAIL, SMS or PUSH.' })
  channel!: ContactChannel;

  @Field({ description: 'true grants, false withdraws.' })
  granted!: boolean;

  @Field(() => Channel, { nullable: true, description: 'Where the customer decided; the calling channel when not given.' })
  source?: Channel | null;
}

@InputType({ description: "New values for a customer's profile; a field left null is unchanged." })
export class UpdateCustomerProfileInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => String, { description: 'New first name, 1 to 100 characters; null: unchanged.', nullable: true })
  firstName?: string | null;

  @Field(() => String, { description: 'New last name, 1 to 100 characters; null: unchanged.', nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'The new email; the replaced one no longer finds the customer.' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The new phone (any notation, stored E.164); null or "" removes it; omitted leaves it.',
  })
  phone?: string | null;
}

@InputType({ description: "New values for an address in a customer's address book." })
export class UpdateCustomerAddressInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => ID, { description: 'The address (`Address.id`).' })
  addressId!: string;

  @Field(() => AddressInput, { description: 'The whole address as it is now.' })
  address!: AddressInput;
}

@InputType({ description: "An address to remove from a customer's address book." })
export class RemoveCustomerAddressInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => ID, { description: 'The address (`Address.id`).' })
  addressId!: string;
}

@InputType({ description: 'A kind of message a customer no longer wants.' })
export class SetMessageOptOutInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => MessageKind, {
    description: 'The kind of message (those the shopper needs, such as RETURN_LABEL, cannot be opted out of).',
  })
  kind!: MessageKind;

  @Field({ description: 'true: stop this kind of message; false: send it again.' })
  optedOut!: boolean;
}

@InputType({ description: "An address to add to a customer's address book." })
export class AddCustomerAddressInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => AddressInput, { description: 'The address.' })
  address!: AddressInput;
}

/** The payload of every mutation that changes a customer. */
@ObjectType()
export class CustomerPayload {
  @Field(() => Customer, { description: 'The customer after the change; null when `userErrors` is not empty.', nullable: true })
  customer!: Customer | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of `registerCustomer`.' })
export class RegisterCustomerPayload extends CustomerPayload {}

@ObjectType({ description: 'The result of `linkIdentity`.' })
export class LinkIdentityPayload extends CustomerPayload {}

@ObjectType({ description: 'The result of `mergeCustomers`: the survivor.' })
export class MergeCustomersPayload extends CustomerPayload {}

@ObjectType({ description: 'The result of `setMarketingConsent`.' })
export class SetMarketingConsentPayload extends CustomerPayload {}

@ObjectType({ description: 'The result of `addCustomerAddress`.' })
export class AddCustomerAddressPayload extends CustomerPayload {}

@ObjectType({ description: 'The result of `setMessageOptOut`.' })
export class SetMessageOptOutPayload extends CustomerPayload {}

@ObjectType({ description: 'The result of `updateCustomerProfile`.' })
export class UpdateCustomerProfilePayload extends CustomerPayload {}

@ObjectType({ description: 'The result of `updateCustomerAddress`.' })
export class UpdateCustomerAddressPayload extends CustomerPayload {}

@ObjectType({ description: 'The result of `removeCustomerAddress`.' })
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
  async customer(
    @Arg('id', () => ID, { description: 'The customer id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<Customer | null> {
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
    @Arg('email', () => String, { description: 'An e-mail address, any case.', nullable: true }) email?: string | null,
    @Arg('phone', () => String, { description: 'A phone number in any notation.', nullable: true }) phone?: string | null,
    @Arg('loyaltyCardNumber', () => String, { description: 'A loyalty card number.', nullable: true })
    loyaltyCardNumber?: string | null,
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
    @Arg('kind', () => IdentityKind, { description: 'What the identifier is.' }) kind: IdentityKind,
    @Arg('value', { description: 'The identifier.' }) value: string,
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
    @Arg('input', () => LinkIdentityInput, {
      description:
        'The customer and the identifier. userErrors: UNKNOWN_CUSTOMER, INVALID_IDENTITY, INVALID_EMAIL, INVALID_PHONE, IDENTITY_TAKEN (another customer has it).',
    })
    input: LinkIdentityInput,
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
    @Arg('survivorId', () => ID, { description: 'The customer that remains. userErrors: UNKNOWN_CUSTOMER.' }) survivorId: string,
    @Arg('duplicateId', () => ID, { description: 'The customer merged away; their id keeps finding the survivor.' })
    duplicateId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<MergeCustomersPayload> {
    const { result, userErrors } = await attempt(() => mergeCustomers(ctx.db, survivorId, duplicateId, ctx.channel));
    return { customer: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SetMarketingConsentPayload, { description: 'Grants or withdraws consent to be contacted on one channel.' })
  async setMarketingConsent(
    @Arg('input', () => SetMarketingConsentInput, {
      description: 'The customer, channel and choice. userErrors: UNKNOWN_CUSTOMER.',
    })
    input: SetMarketingConsentInput,
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
    @Arg('input', () => SetMessageOptOutInput, {
      description: 'The customer and the kind of message. userErrors: UNKNOWN_CUSTOMER, OPT_OUT_NOT_ALLOWED.',
    })
    input: SetMessageOptOutInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetMessageOptOutPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => setMessageOptOut(ctx.db, input.customerId, input.kind, input.optedOut));
    return { customer: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => AddCustomerAddressPayload, {
    description:
      "Adds an address to a customer's address book. The shopper themself, an ASSOCIATE or a CSR. userErrors: UNKNOWN_CUSTOMER, INVALID_ADDRESS, INVALID_COUNTRY, INVALID_LOCATION.",
  })
  async addCustomerAddress(
    @Arg('input', () => AddCustomerAddressInput, { description: 'The customer and the address.' }) input: AddCustomerAddressInput,
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
    @Arg('input', () => UpdateCustomerProfileInput, {
      description:
        'The customer and the new values. userErrors: UNKNOWN_CUSTOMER, INVALID_NAME, INVALID_EMAIL, INVALID_PHONE, IDENTITY_TAKEN.',
    })
    input: UpdateCustomerProfileInput,
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
    @Arg('input', () => UpdateCustomerAddressInput, {
      description:
        'The customer, the address and the new values. userErrors: UNKNOWN_CUSTOMER, UNKNOWN_ADDRESS, INVALID_ADDRESS, INVALID_COUNTRY, INVALID_LOCATION.',
    })
    input: UpdateCustomerAddressInput,
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
    @Arg('input', () => RemoveCustomerAddressInput, {
      description: 'The customer and the address. userErrors: UNKNOWN_CUSTOMER, UNKNOWN_ADDRESS.',
    })
    input: RemoveCustomerAddressInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RemoveCustomerAddressPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => removeAddress(ctx.db, input.customerId, input.addressId));
    return { customer: result, userErrors };
  }

  /** Open to everyone: shoppers sign themselves up, staff and partners register them. */
  @Mutation(() => RegisterCustomerPayload, {
    description:
      'Registers a customer. Open to everyone: shoppers sign themselves up, staff and partners register them. userErrors: INVALID_NAME, INVALID_EMAIL, INVALID_PHONE, CUSTOMER_EXISTS, IDENTITY_TAKEN, INVALID_ADDRESS, INVALID_COUNTRY, INVALID_BIRTHDAY, INVALID_TIME_ZONE.',
  })
  async registerCustomer(
    @Arg('input', () => RegisterCustomerInput, { description: 'Who registers and in which channel.' })
    input: RegisterCustomerInput,
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

  @FieldResolver(() => [CustomerIdentity], {
    description:
      'Every identifier the customer is known by across channels (e-mail, phone, loyalty card, marketplace and social ids, devices).',
  })
  identities(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<CustomerIdentity[]> {
    return identitiesByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => [Address], { description: 'The address book, oldest first.' })
  addresses(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<Address[]> {
    return addressesByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => [MarketingConsent], { description: 'Consent per contact channel, with when and where it was given.' })
  marketingConsents(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<MarketingConsent[]> {
    return consentsByCustomer(ctx).load(customer.id);
  }
}
