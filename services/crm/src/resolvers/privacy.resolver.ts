import { assertCanSeeCustomer, attempt, Role, type ServiceContext, UserError } from '@omni/platform';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requestDataExport, requestErasure } from '../commands/privacy';
import { Customer } from '../entities/customer';
import { PrivacyRequest } from '../entities/privacy-request';
import { privacyRequestsByCustomer } from '../loaders';
import { visibleCustomer } from './customer.resolver';
import { CustomerUserError } from './user-errors';

@ObjectType({ description: 'The result of a privacy request mutation.' })
export class PrivacyRequestPayload {
  @Field(() => PrivacyRequest, { description: 'The request; null when `userErrors` is not empty.', nullable: true })
  request!: PrivacyRequest | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

/**
 * Data subject requests: the shopper (their own) and contact-center agents (CSR, for a shopper
 * who called) may ask for an export or an erasure; store associates may not.
 */
@Resolver(() => PrivacyRequest)
export class PrivacyRequestResolver {
  @Authorized(Role.CUSTOMER, Role.CSR)
  @Mutation(() => PrivacyRequestPayload, {
    description:
      "Records a request for a copy of the customer's data and takes CRM's part at once (`document`); the other services' part is read through `customer` with the same request. " +
      'The shopper themself or a CSR. userErrors: UNKNOWN_CUSTOMER.',
  })
  async requestDataExport(
    @Arg('customerId', () => ID, { description: 'The customer (a shopper may name only themself).' }) customerId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<PrivacyRequestPayload> {
    assertCanSeeCustomer(ctx.caller, customerId);
    const { result, userErrors } = await attempt(() =>
      requestDataExport(ctx.db, { customerId, requestedBy: ctx.caller.subject, channel: ctx.channel }),
    );
    return { request: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.CSR)
  @Mutation(() => PrivacyRequestPayload, {
    description:
      "Erases the customer's personal data in CRM now (the record stays, anonymized, for the orders that name it) and publishes crm.customer.erased for the other services. " +
      'The shopper themself or a CSR. userErrors: UNKNOWN_CUSTOMER.',
  })
  async requestErasure(
    @Arg('customerId', () => ID, { description: 'The customer (a shopper may name only themself).' }) customerId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<PrivacyRequestPayload> {
    assertCanSeeCustomer(ctx.caller, customerId);
    const { result, userErrors } = await attempt(() =>
      requestErasure(ctx.db, { customerId, requestedBy: ctx.caller.subject, channel: ctx.channel }),
    );
    return { request: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.CSR)
  @Query(() => PrivacyRequest, { nullable: true, description: 'A privacy request, for its shopper and for CSRs.' })
  async privacyRequest(
    @Arg('id', () => ID, { description: 'The request id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<PrivacyRequest | null> {
    const request = await ctx.db.getRepository(PrivacyRequest).findOneBy({ id });
    if (request) await visibleCustomer(ctx, request.customerId);
    return request;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'EXPORT: everything CRM holds about the customer, as JSON, taken when it was requested.',
  })
  document(@Root() request: PrivacyRequest): string | null {
    return request.document;
  }

  @FieldResolver(() => String, { nullable: true, description: 'ERASURE: what was removed, counted per kind of record (JSON).' })
  outcome(@Root() request: PrivacyRequest): string | null {
    return request.outcome;
  }

  @FieldResolver(() => Customer, {
    nullable: true,
    description:
      'The customer, with what every service exposes about them through the gateway (orders, carts, returns, subscriptions, loyalty, recommendations): the rest of an export.',
  })
  customer(@Root() request: PrivacyRequest, @Ctx() ctx: ServiceContext): Promise<Customer | null> {
    return visibleCustomer(ctx, request.customerId);
  }
}

@Resolver(() => Customer)
export class CustomerPrivacyResolver {
  @FieldResolver(() => [PrivacyRequest], { description: 'Export and erasure requests, newest first.' })
  privacyRequests(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<PrivacyRequest[]> {
    return privacyRequestsByCustomer(ctx).load(customer.id);
  }
}
