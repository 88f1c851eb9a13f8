import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  attempt,
  Connection,
  decodeCursor,
  DomainError,
  encodeCursor,
  forbidden,
  hasRole,
  inTransaction,
  pageSize,
  requireScope,
  Role,
  toConnection,
  UserError,
  type ServiceContext,
} from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ApiClient, WebhookDelivery, WebhookSubscription } from '../entities/partner';
import { topicsOutsideScope } from '../domain/webhooks';
import { API_SCOPES, audienceOfTopic, WebhookDeliveryStatus, WebhookTopic } from './topics';
import { subscribedTopics } from './subscribed-topics';
import { deleteSubscription, dispatchSettings, refusedDestination } from './webhooks';
import { OrderUserError } from '../resolvers/user-errors';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

@InputType({ description: 'A partner API client to register.' })
export class CreateApiClientInput {
  @Field({ description: 'A name for people, 1 to 200 characters.' })
  name!: string;

  @Field({ description: 'The partner its tokens act for (the `partner_id` claim).' })
  partnerId!: string;

  @Field(() => [String], { description: `Of ${API_SCOPES.join(', ')}.` })
  scopes!: string[];
}

@ObjectType({ description: 'The result of `createApiClient`.' })
export class CreateApiClientPayload {
  @Field(() => ApiClient, {
    description: 'The client with its secret (shown only here); null when `userErrors` is not empty.',
    nullable: true,
  })
  client!: ApiClient | null;

  @Field(() => String, { nullable: true, description: 'Shown once: only its hash is kept.' })
  clientSecret!: string | null;

  @Field(() => [OrderUserError], { description: 'Why nothing was created; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of rotateApiClientSecret.' })
export class RotateApiClientSecretPayload {
  @Field(() => ApiClient, { nullable: true, description: 'The client; null with userErrors.' })
  client!: ApiClient | null;

  @Field(() => String, {
    nullable: true,
    description: 'The new secret, shown once; the previous one stops working at once.',
  })
  clientSecret!: string | null;

  @Field(() => [OrderUserError], { description: 'NOT_FOUND, REVOKED.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of revokeApiClient.' })
export class RevokeApiClientPayload {
  @Field(() => ApiClient, { nullable: true, description: 'The revoked client; null with userErrors.' })
  client!: ApiClient | null;

  @Field(() => [OrderUserError], { description: 'NOT_FOUND.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of replayWebhookDelivery.' })
export class ReplayWebhookDeliveryPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, PENDING again; null with userErrors.' })
  delivery!: WebhookDelivery | null;

  @Field(() => [OrderUserError], { description: 'NOT_FOUND, INACTIVE_SUBSCRIPTION.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'What valid client credentials grant: the partner and the scopes its token carries.' })
export class ApiClientGrant {
  @Field({ description: 'The client id.' })
  clientId!: string;

  @Field({ description: 'The partner its tokens act for.' })
  partnerId!: string;

  @Field(() => [String], { description: 'The scopes its tokens carry.' })
  scopes!: string[];
}

@InputType({ description: 'An endpoint to receive order, return, refund, stock and customer events.' })
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'http(s) URL the deliveries are POSTed to.' })
  url!: string;

  @Field(() => [WebhookTopic], {
    description: 'The events to deliver, at least one. STOCK_CHANGED and CUSTOMER_MERGED need `allOrders: true` (ADMIN).',
  })
  topics!: WebhookTopic[];

  @Field(() => String, { nullable: true, description: "ADMIN only: the partner it is for (a partner's token names its own)." })
  partnerId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "ADMIN only: true to receive every order's events, not only the partner's own (default false).",
  })
  allOrders?: boolean | null;
}

@ObjectType({ description: 'The result of `createWebhookSubscription`.' })
export class CreateWebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, {
    description: 'The subscription with its signing secret (shown only here); null when `userErrors` is not empty.',
    nullable: true,
  })
  subscription!: WebhookSubscription | null;

  @Field(() => String, { nullable: true, description: 'The HMAC-SHA256 key of the deliveries; shown once.' })
  signingSecret!: string | null;

  @Field(() => [OrderUserError], { description: 'Why nothing was created; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deleteWebhookSubscription.' })
export class DeleteWebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, {
    nullable: true,
    description: 'The deleted subscription (active false; its delivery log stays readable); null with userErrors.',
  })
  subscription!: WebhookSubscription | null;

  @Field(() => Int, { description: 'How many of its PENDING deliveries this call CANCELLED (0 with userErrors).' })
  cancelledDeliveries!: number;

  @Field(() => [OrderUserError], { description: 'NOT_FOUND.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'A page of deliveries, newest first.' })
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

/** The URL a subscription may name: absolute http(s), no credentials, allowed by WEBHOOK_URL_POLICY. */
export async function checkWebhookUrl(raw: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DomainError('INVALID_URL', 'url is not an absolute URL', ['input', 'url']);
  }
  if (url.username || url.password) throw new DomainError('INVALID_URL', 'url must not carry credentials', ['input', 'url']);
  if (url.toString().length > 2000) throw new DomainError('INVALID_URL', 'url is longer than 2000 characters', ['input', 'url']);
  const refused = await refusedDestination(url, dispatchSettings());
  if (refused) throw new DomainError('INVALID_URL', refused, ['input', 'url']);
  return url.toString();
}

/** The partner a webhook caller manages: its token's partner (with webhooks:manage), or any for ADMIN. */
function managedPartner(ctx: ServiceContext, requested: string | null | undefined): string {
  if (hasRole(ctx.caller, Role.ADMIN, Role.SERVICE)) {
    if (requested?.trim()) return requested.trim();
    if (!ctx.caller.partnerId)
      throw new DomainError('PARTNER_REQUIRED', 'name the partner the subscription is for', ['input', 'partnerId']);
    return ctx.caller.partnerId;
  }
  requireScope(ctx.caller, 'webhooks:manage');
  if (!ctx.caller.partnerId) throw forbidden('a partner token must name its partner');
  if (requested && requested !== ctx.caller.partnerId) throw forbidden('a partner manages only its own subscriptions');
  return ctx.caller.partnerId;
}

@Resolver()
export class ApiClientResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => CreateApiClientPayload, {
    description:
      'Registers a partner API client (OAuth 2.0 client_credentials); the secret is returned once. ADMIN only. ' +
      'userErrors: INVALID_NAME, INVALID_PARTNER, INVALID_SCOPE.',
  })
  async createApiClient(
    @Arg('input', () => CreateApiClientInput, { description: 'The client to register.' }) input: CreateApiClientInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<CreateApiClientPayload> {
    let clientSecret: string | null = null;
    const { result, userErrors } = await attempt(async () => {
      const name = input.name.trim();
      const partnerId = input.partnerId.trim();
      if (!name || name.length > 200)
        throw new DomainError('INVALID_NAME', 'name must be 1 to 200 characters', ['input', 'name']);
      if (!partnerId || partnerId.length > 100) {
        throw new DomainError('INVALID_PARTNER', 'partnerId must be 1 to 100 characters', ['input', 'partnerId']);
      }
      const unknown = input.scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
      if (unknown.length) throw new DomainError('INVALID_SCOPE', `unknown scope(s): ${unknown.join(', ')}`, ['input', 'scopes']);
      clientSecret = randomBytes(32).toString('base64url');
      const client = Object.assign(new ApiClient(), {
        id: randomUUID(),
        clientId: `omni_${randomBytes(12).toString('hex')}`,
        name,
        partnerId,
        scopes: [...new Set(input.scopes)],
        secretHash: sha256(clientSecret),
        revokedAt: null,
        createdAt: new Date(),
      });
      await ctx.db.getRepository(ApiClient).insert(client);
      return client;
    });
    return { client: result, clientSecret: result ? clientSecret : null, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RotateApiClientSecretPayload, {
    description:
      'ADMIN: gives an API client a new secret (answered once); the old one is refused from now on. Tokens already issued stay valid until they expire (OAUTH_TOKEN_TTL_SECONDS). userErrors: NOT_FOUND, REVOKED.',
  })
  async rotateApiClientSecret(
    @Arg('clientId', { description: 'The client_id.' }) clientId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<RotateApiClientSecretPayload> {
    let clientSecret: string | null = null;
    const { result, userErrors } = await attempt(async () => {
      const repository = ctx.db.getRepository(ApiClient);
      const client = await repository.findOneBy({ clientId });
      if (!client) throw new DomainError('NOT_FOUND', 'no such API client', ['clientId']);
      if (client.revokedAt) throw new DomainError('REVOKED', 'the client is revoked', ['clientId']);
      clientSecret = randomBytes(32).toString('base64url');
      client.secretHash = sha256(clientSecret);
      await repository.update({ id: client.id }, { secretHash: client.secretHash });
      return client;
    });
    return { client: result, clientSecret: result ? clientSecret : null, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RevokeApiClientPayload, {
    description:
      'ADMIN: revokes an API client: POST /oauth/token refuses it from now on (tokens already issued expire within OAUTH_TOKEN_TTL_SECONDS). Revoking twice keeps the first date. userErrors: NOT_FOUND.',
  })
  async revokeApiClient(
    @Arg('clientId', { description: 'The client_id.' }) clientId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<RevokeApiClientPayload> {
    const { result, userErrors } = await attempt(async () => {
      const repository = ctx.db.getRepository(ApiClient);
      const client = await repository.findOneBy({ clientId });
      if (!client) throw new DomainError('NOT_FOUND', 'no such API client', ['clientId']);
      if (!client.revokedAt) {
        client.revokedAt = new Date();
        await repository.update({ id: client.id }, { revokedAt: client.revokedAt });
      }
      return client;
    });
    return { client: result, userErrors };
  }

  @Authorized(Role.SERVICE)
  @Query(() => ApiClientGrant, {
    nullable: true,
    description: 'The gateway checks client credentials (POST /oauth/token); null when unknown, revoked or wrong.',
  })
  async authenticateApiClient(
    @Arg('clientId', { description: 'The client id presented.' }) clientId: string,
    @Arg('clientSecret', { description: 'The client secret presented.' }) clientSecret: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<ApiClientGrant | null> {
    const client = await ctx.db.getRepository(ApiClient).findOneBy({ clientId });
    const given = Buffer.from(sha256(clientSecret));
    const expected = Buffer.from(client?.secretHash ?? sha256(''));
    const match = given.length === expected.length && timingSafeEqual(given, expected);
    if (!client || !match || client.revokedAt) return null;
    return Object.assign(new ApiClientGrant(), { clientId: client.clientId, partnerId: client.partnerId, scopes: client.scopes });
  }
}

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  @Authorized(Role.ADMIN, Role.PARTNER)
  @Mutation(() => CreateWebhookSubscriptionPayload, {
    description:
      "Subscribes an endpoint to topics of the partner's orders (a partner with webhooks:manage, or ADMIN for a partner); the signing secret is returned once. " +
      'userErrors: INVALID_URL (not an absolute http(s) URL, credentials in it, over 2000 characters, or refused by the URL policy), ' +
      'NO_TOPICS, PARTNER_REQUIRED (ADMIN without `partnerId`), TOPIC_NEEDS_ALL_ORDERS (STOCK_CHANGED or CUSTOMER_MERGED without `allOrders`).',
  })
  async createWebhookSubscription(
    @Arg('input', () => CreateWebhookSubscriptionInput, { description: 'The endpoint and its topics.' })
    input: CreateWebhookSubscriptionInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<CreateWebhookSubscriptionPayload> {
    let signingSecret: string | null = null;
    const { result, userErrors } = await attempt(async () => {
      const partnerId = managedPartner(ctx, input.partnerId);
      // Wider than the partner's own orders only when staff say so.
      if (input.allOrders && !hasRole(ctx.caller, Role.ADMIN, Role.SERVICE))
        throw forbidden('only ADMIN subscribes to every order');
      const url = await checkWebhookUrl(input.url);
      if (!input.topics.length) throw new DomainError('NO_TOPICS', 'name at least one topic', ['input', 'topics']);
      const outside = topicsOutsideScope(input.topics, input.allOrders ?? false, audienceOfTopic);
      if (outside.length) {
        throw new DomainError(
          'TOPIC_NEEDS_ALL_ORDERS',
          `${outside.join(', ')} concern(s) the whole retailer, not one partner's orders: only a subscription ADMIN scopes to every order (allOrders) receives them`,
          ['input', 'topics'],
        );
      }
      signingSecret = `whsec_${randomBytes(32).toString('base64url')}`;
      const subscription = Object.assign(new WebhookSubscription(), {
        id: randomUUID(),
        partnerId,
        url,
        topics: [...new Set(input.topics)],
        signingSecret,
        active: true,
        allOrders: input.allOrders ?? false,
        createdAt: new Date(),
      });
      await ctx.db.getRepository(WebhookSubscription).insert(subscription);
      // Answered once every replica delivers to it: no event after the answer is missed.
      const topics = subscribedTopics(ctx.db);
      topics.changed();
      await topics.settled();
      return subscription;
    });
    return { subscription: result, signingSecret: result ? signingSecret : null, userErrors };
  }

  @Authorized(Role.ADMIN, Role.PARTNER)
  @Mutation(() => DeleteWebhookSubscriptionPayload, {
    description:
      'Deletes a webhook subscription: nothing more is queued for it, and its PENDING deliveries are CANCELLED (one already being sent may still arrive once). ' +
      'Its delivery log stays readable (webhookSubscription, active false). Deleting it again cancels nothing more. ' +
      "Its owner (webhooks:manage) or ADMIN; another partner's is FORBIDDEN. userErrors: NOT_FOUND.",
  })
  async deleteWebhookSubscription(
    @Arg('id', () => ID, { description: 'The subscription id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<DeleteWebhookSubscriptionPayload> {
    let cancelledDeliveries = 0;
    const { result, userErrors } = await attempt(async () => {
      const subscription = await ctx.db.getRepository(WebhookSubscription).findOneBy({ id });
      if (!subscription) throw new DomainError('NOT_FOUND', 'no such subscription', ['id']);
      managedPartner(ctx, subscription.partnerId);
      cancelledDeliveries = await inTransaction(ctx.db, (manager) => deleteSubscription(manager, subscription));
      subscribedTopics(ctx.db).changed();
      return subscription;
    });
    return { subscription: result, cancelledDeliveries: result ? cancelledDeliveries : 0, userErrors };
  }

  @Authorized(Role.ADMIN, Role.PARTNER)
  @Mutation(() => ReplayWebhookDeliveryPayload, {
    description:
      "Sends a delivery again (a FAILED one after the receiver is fixed, or a DELIVERED one the receiver lost): PENDING now, with WEBHOOK_MAX_ATTEMPTS attempts again, the same id and body. Its subscription's owner (webhooks:manage) or ADMIN. userErrors: NOT_FOUND, INACTIVE_SUBSCRIPTION.",
  })
  async replayWebhookDelivery(
    @Arg('id', () => ID, { description: 'The delivery id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<ReplayWebhookDeliveryPayload> {
    const { result, userErrors } = await attempt(async () => {
      const repository = ctx.db.getRepository(WebhookDelivery);
      const delivery = await repository.findOneBy({ id });
      const subscription = delivery
        ? await ctx.db.getRepository(WebhookSubscription).findOneBy({ id: delivery.subscriptionId })
        : null;
      if (!delivery || !subscription) throw new DomainError('NOT_FOUND', 'no such delivery', ['id']);
      // Another partner's delivery is FORBIDDEN, as its subscription is.
      managedPartner(ctx, subscription.partnerId);
      if (!subscription.active) throw new DomainError('INACTIVE_SUBSCRIPTION', 'the subscription is inactive', ['id']);
      const now = new Date();
      await repository.update(
        { id },
        { status: WebhookDeliveryStatus.PENDING, attempts: 0, nextAttemptAt: now, deliveredAt: null },
      );
      return Object.assign(delivery, {
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        nextAttemptAt: now,
        deliveredAt: null,
      });
    });
    return { delivery: result, userErrors };
  }

  @Authorized(Role.ADMIN, Role.PARTNER)
  @Query(() => WebhookSubscription, {
    nullable: true,
    description: "A webhook subscription: its owner's (webhooks:manage) or ADMIN's.",
  })
  async webhookSubscription(
    @Arg('id', () => ID, { description: 'The subscription id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<WebhookSubscription | null> {
    const subscription = await ctx.db.getRepository(WebhookSubscription).findOneBy({ id });
    if (!subscription) return null;
    if (!hasRole(ctx.caller, Role.ADMIN, Role.SERVICE)) {
      requireScope(ctx.caller, 'webhooks:manage');
      if (!ctx.caller.partnerId || ctx.caller.partnerId !== subscription.partnerId)
        throw forbidden('this subscription is not yours');
    }
    return subscription;
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Newest first.' })
  async deliveries(
    @Root() subscription: WebhookSubscription,
    @Arg('first', () => Int, { description: 'Page size, default 20, at most 100.', nullable: true }) first: number | null,
    @Arg('after', () => String, { description: 'The `endCursor` of the previous page; null: the newest.', nullable: true })
    after: string | null,
    @Ctx() ctx: ServiceContext,
  ): Promise<WebhookDeliveryConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const repository = ctx.db.getRepository(WebhookDelivery);
    const query = repository
      .createQueryBuilder('d')
      .where('d.subscriptionId = :id', { id: subscription.id })
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(size + 1);
    if (cursor) {
      query.andWhere('(d.createdAt < :at OR (d.createdAt = :at AND d.id < :cid))', {
        at: new Date(String(cursor[0])),
        cid: String(cursor[1]),
      });
    }
    const [rows, totalCount] = await Promise.all([query.getMany(), repository.countBy({ subscriptionId: subscription.id })]);
    const page = { nodes: rows.slice(0, size), totalCount, hasNextPage: rows.length > size };
    return toConnection(page, (d) => encodeCursor([d.createdAt.toISOString(), d.id])) as WebhookDeliveryConnection;
  }
}
