import {
  assertCanSeeCustomer,
  attempt,
  Channel,
  defineLoader,
  DomainError,
  groupedByKey,
  byKey,
  inTransaction,
  isCurrencyCode,
  Money,
  MoneyInput,
  Role,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import DataLoader from 'dataloader';
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
import { In } from 'typeorm';
import { defineSegment, removeSegment, setBirthday } from '../commands/engagement';
import { LifecycleKind, unknownPlaceholders } from '../domain/lifecycle';
import { Customer } from '../entities/customer';
import {
  Birthday,
  CustomerEngagement,
  CustomerScore,
  LifecycleOffer,
  LifecycleTemplate,
  Segment,
  SegmentMember,
  SegmentRuleView,
} from '../entities/engagement';
import { CustomerUserError } from './user-errors';

@InputType({ description: 'The conditions of a segment: a customer is a member when every condition given holds.' })
export class SegmentRuleInput {
  @Field(() => String, { nullable: true, description: 'Lowest loyalty tier: BRONZE, SILVER, GOLD or PLATINUM (members only).' })
  minTier?: string | null;

  @Field(() => MoneyInput, {
    nullable: true,
    description:
      'Net spend (orders in every channel minus cancellations and refunds) of at least this much within `spendWithinDays`, counting orders in its currency.',
  })
  minSpend?: MoneyInput | null;

  @Field(() => Int, { nullable: true, description: 'The window of `minSpend` in days, 1 to 3650; default 365.' })
  spendWithinDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Bought within this many days (1 to 3650), in any channel.' })
  purchasedWithinDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'No order, visit or app check-in in any channel for at least this many days (1 to 3650).',
  })
  inactiveForDays?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Bought a product under this category path, e.g. ["Apparel", "Shoes"] (a prefix; case-insensitive).',
  })
  categoryPath?: string[] | null;

  @Field(() => [Channel], { nullable: true, description: 'Has used every one of these channels.' })
  channels?: Channel[] | null;

  @Field(() => Int, { nullable: true, description: 'An RFM score value (`CustomerScore.value`) of at least this, 3 to 15.' })
  minScore?: number | null;
}

@InputType({ description: 'A segment to define, or to redefine when one of that name (case-insensitive) exists.' })
export class DefineSegmentInput {
  @Field({ description: 'The name, 1 to 100 characters; unique regardless of case.' })
  name!: string;

  @Field(() => SegmentRuleInput, { description: 'Who belongs: at least one condition.' })
  rule!: SegmentRuleInput;
}

@ObjectType({ description: 'The result of `defineSegment`.' })
export class DefineSegmentPayload {
  @Field(() => Segment, {
    nullable: true,
    description: 'The segment with its members computed; null when `userErrors` is not empty.',
  })
  segment!: Segment | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of `removeSegment`.' })
export class RemoveSegmentPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the segment removed; null when `userErrors` is not empty.' })
  removedSegmentId!: string | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: "A customer's birthday and time zone." })
export class SetCustomerBirthdayInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => Int, { nullable: true, description: 'Month, 1 to 12; null (with `day`) removes the birthday.' })
  month?: number | null;

  @Field(() => Int, { nullable: true, description: 'Day of the month (29 February is greeted on 28 February in other years).' })
  day?: number | null;

  @Field(() => Int, { nullable: true, description: 'Year of birth, optional (1900 to this year).' })
  year?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "IANA time zone the greeting follows, e.g. America/New_York; null: the retailer's (UTC).",
  })
  timeZone?: string | null;
}

@ObjectType({ description: 'The result of `setCustomerBirthday`.' })
export class SetCustomerBirthdayPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer; null when `userErrors` is not empty.' })
  customer!: Customer | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@InputType({
  description: 'A personal offer a lifecycle message grants: an automatic promotion for that customer in every channel.',
})
export class LifecycleOfferInput {
  @Field({ description: 'PERCENT_OFF or AMOUNT_OFF.' })
  kind!: string;

  @Field(() => Int, { description: 'Percent 1..100 for PERCENT_OFF, minor units of `currency` for AMOUNT_OFF.' })
  value!: number;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency; required for AMOUNT_OFF.' })
  currency?: string | null;

  @Field(() => Int, { description: 'Days it lasts from the day it is sent, 1 to 365.' })
  validDays!: number;
}

@InputType({ description: 'The text of a lifecycle message.' })
export class SetLifecycleTemplateInput {
  @Field(() => LifecycleKind, { description: 'Which message.' })
  kind!: LifecycleKind;

  @Field({ description: 'Subject or title, 1 to 200 characters; placeholders `{firstName}`, `{offer}`, `{offerEndsOn}`.' })
  subject!: string;

  @Field({ description: 'Text, 1 to 2000 characters, with the same placeholders.' })
  body!: string;

  @Field({ nullable: true, description: 'false: not sent; default true.' })
  active?: boolean;

  @Field(() => Int, { nullable: true, description: 'WIN_BACK: days without activity before it is sent (7 to 3650, default 90).' })
  inactiveDays?: number | null;

  @Field(() => LifecycleOfferInput, { nullable: true, description: 'A personal offer sent with it; null: none.' })
  offer?: LifecycleOfferInput | null;
}

@ObjectType({ description: 'The result of `setLifecycleTemplate`.' })
export class SetLifecycleTemplatePayload {
  @Field(() => LifecycleTemplate, { nullable: true, description: 'The template; null when `userErrors` is not empty.' })
  template!: LifecycleTemplate | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

export const engagementByCustomer = defineLoader(
  'engagementByCustomer',
  (ctx) =>
    new DataLoader<string, CustomerEngagement | null>(async (ids) =>
      byKey(ids, await ctx.db.getRepository(CustomerEngagement).findBy({ customerId: In([...ids]) }), (e) => e.customerId),
    ),
);

export const segmentsByCustomer = defineLoader(
  'segmentsByCustomer',
  (ctx) =>
    new DataLoader<string, Segment[]>(async (ids) => {
      const members = await ctx.db.getRepository(SegmentMember).findBy({ customerId: In([...ids]) });
      const segmentIds = [...new Set(members.map((m) => m.segmentId))];
      const segments = new Map(
        (segmentIds.length ? await ctx.db.getRepository(Segment).findBy({ id: In(segmentIds) }) : []).map((s) => [s.id, s]),
      );
      return groupedByKey(ids, members, (m) => m.customerId).map((list) =>
        list
          .map((m) => segments.get(m.segmentId))
          .filter((s): s is Segment => s !== undefined)
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
    }),
);

function textProblem(text: string, max: number): string | null {
  if (!text.trim() || text.length > max) return `1 to ${max} characters`;
  if (text.includes('\u0000')) return 'no null characters';
  const unknown = unknownPlaceholders(text);
  return unknown.length ? `unknown placeholder {${unknown[0]}}: use {firstName}, {offer}, {offerEndsOn}` : null;
}

async function saveTemplate(ctx: ServiceContext, input: SetLifecycleTemplateInput): Promise<LifecycleTemplate> {
  const subject = textProblem(input.subject, 200);
  if (subject) throw new DomainError('INVALID_TEMPLATE', `subject: ${subject}`, ['input', 'subject']);
  const body = textProblem(input.body, 2000);
  if (body) throw new DomainError('INVALID_TEMPLATE', `body: ${body}`, ['input', 'body']);
  const days = input.inactiveDays ?? null;
  if (days != null && (input.kind !== LifecycleKind.WIN_BACK || !Number.isInteger(days) || days < 7 || days > 3650)) {
    throw new DomainError('INVALID_DAYS', 'inactiveDays is for WIN_BACK, 7 to 3650 days', ['input', 'inactiveDays']);
  }
  const offer = input.offer ?? null;
  if (offer) {
    const bad = (message: string, field: string) => new DomainError('INVALID_OFFER', message, ['input', 'offer', field]);
    if (offer.kind !== 'PERCENT_OFF' && offer.kind !== 'AMOUNT_OFF') throw bad('kind is PERCENT_OFF or AMOUNT_OFF', 'kind');
    if (!Number.isSafeInteger(offer.value) || offer.value < 1 || (offer.kind === 'PERCENT_OFF' && offer.value > 100))
      throw bad('value is 1 to 100 percent, or an amount above zero in minor units', 'value');
    if (offer.kind === 'AMOUNT_OFF' && !(offer.currency && isCurrencyCode(offer.currency)))
      throw bad('an amount off names its ISO 4217 currency', 'currency');
    if (!Number.isInteger(offer.validDays) || offer.validDays < 1 || offer.validDays > 365)
      throw bad('validDays is 1 to 365', 'validDays');
  }
  return inTransaction(ctx.db, async (manager) => {
    const fields = {
      subject: input.subject.trim(),
      body: input.body.trim(),
      active: input.active ?? true,
      inactiveDays: days,
      offerKind: offer?.kind ?? null,
      offerValue: offer?.value ?? null,
      offerCurrency: offer?.kind === 'AMOUNT_OFF' ? offer.currency! : null,
      offerValidDays: offer?.validDays ?? null,
    };
    await manager.upsert(LifecycleTemplate, { kind: input.kind, ...fields, updatedAt: new Date() }, ['kind']);
    return manager.findOneByOrFail(LifecycleTemplate, { kind: input.kind });
  });
}

@Resolver(() => Segment)
export class SegmentResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => DefineSegmentPayload, {
    description:
      'Defines a segment (or redefines the one of that name) and computes its members at once; membership then follows events and a daily sweep. ADMIN only. userErrors: INVALID_NAME, INVALID_RULE.',
  })
  async defineSegment(
    @Arg('input', () => DefineSegmentInput, { description: 'The name and the rule.' }) input: DefineSegmentInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<DefineSegmentPayload> {
    const { result, userErrors } = await attempt(() => defineSegment(ctx.db, input));
    return { segment: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RemoveSegmentPayload, {
    description:
      'Removes a segment: its members leave it, and a promotion limited to it then applies to nobody. ADMIN only. userErrors: UNKNOWN_SEGMENT.',
  })
  async removeSegment(
    @Arg('id', () => ID, { description: 'The segment (`Segment.id`).' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<RemoveSegmentPayload> {
    const { result, userErrors } = await attempt(() => removeSegment(ctx.db, id));
    return { removedSegmentId: result, userErrors };
  }

  @Authorized(Role.ADMIN)
  @Query(() => [Segment], { description: 'Every segment, by name. ADMIN only.' })
  segments(@Ctx() ctx: ServiceContext): Promise<Segment[]> {
    return ctx.db.getRepository(Segment).find({ order: { name: 'ASC' } });
  }

  @FieldResolver(() => SegmentRuleView, { description: 'Who belongs.' })
  rule(@Root() segment: Segment): SegmentRuleView {
    const rule = segment.rule;
    return {
      minTier: rule.minTier ?? null,
      minSpend: rule.minSpend ? Money.of(rule.minSpend.cents, rule.minSpend.currency) : null,
      spendWithinDays: rule.spendWithinDays ?? null,
      purchasedWithinDays: rule.purchasedWithinDays ?? null,
      inactiveForDays: rule.inactiveForDays ?? null,
      categoryPath: rule.categoryPath ? [...rule.categoryPath] : null,
      channels: rule.channels ? (rule.channels as Channel[]) : null,
      minScore: rule.minScore ?? null,
    };
  }
}

@Resolver(() => LifecycleTemplate)
export class LifecycleTemplateResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [LifecycleTemplate], { description: 'The lifecycle message templates. ADMIN only.' })
  lifecycleTemplates(@Ctx() ctx: ServiceContext): Promise<LifecycleTemplate[]> {
    return ctx.db.getRepository(LifecycleTemplate).find({ order: { kind: 'ASC' } });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SetLifecycleTemplatePayload, {
    description:
      'Edits the text, offer and schedule of a lifecycle message (welcome, birthday, win-back); it applies from the next run. ADMIN only. userErrors: INVALID_TEMPLATE, INVALID_DAYS, INVALID_OFFER.',
  })
  async setLifecycleTemplate(
    @Arg('input', () => SetLifecycleTemplateInput, { description: 'The template.' }) input: SetLifecycleTemplateInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetLifecycleTemplatePayload> {
    const { result, userErrors } = await attempt(() => saveTemplate(ctx, input));
    return { template: result, userErrors };
  }

  @FieldResolver(() => LifecycleOffer, { nullable: true, description: 'The personal offer sent with it; null: none.' })
  offer(@Root() template: LifecycleTemplate): LifecycleOffer | null {
    if (!template.offerKind || !template.offerValue || !template.offerValidDays) return null;
    return {
      kind: template.offerKind,
      value: template.offerValue,
      currency: template.offerCurrency,
      validDays: template.offerValidDays,
    };
  }
}

@Resolver(() => Customer)
export class CustomerEngagementResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SetCustomerBirthdayPayload, {
    description:
      'Sets or removes the birthday and time zone (the shopper themself or staff). userErrors: UNKNOWN_CUSTOMER, INVALID_BIRTHDAY, INVALID_TIME_ZONE.',
  })
  async setCustomerBirthday(
    @Arg('input', () => SetCustomerBirthdayInput, { description: 'The customer, birthday and time zone.' })
    input: SetCustomerBirthdayInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SetCustomerBirthdayPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(async () => {
      if ((input.month == null) !== (input.day == null))
        throw new DomainError('INVALID_BIRTHDAY', 'a birthday has a month and a day', ['input', 'day']);
      const birthday = input.month != null ? { month: input.month, day: input.day!, year: input.year ?? null } : null;
      return setBirthday(ctx.db, input.customerId, birthday, input.timeZone ?? null);
    });
    return { customer: result, userErrors };
  }

  @FieldResolver(() => Birthday, { nullable: true, description: 'The birthday; null when not given.' })
  async birthday(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<Birthday | null> {
    const row = await engagementByCustomer(ctx).load(customer.id);
    if (!row?.birthMonth || !row.birthDay) return null;
    return { month: row.birthMonth, day: row.birthDay, year: row.birthYear };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "IANA time zone for birthday greetings; null: the retailer's (UTC).",
  })
  async timeZone(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<string | null> {
    return (await engagementByCustomer(ctx).load(customer.id))?.timeZone ?? null;
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @FieldResolver(() => CustomerScore, {
    nullable: true,
    description:
      'The RFM score from orders in every channel (staff only), recomputed on every order event and daily; null when the customer has no order that counts.',
  })
  async score(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<CustomerScore | null> {
    const row = await engagementByCustomer(ctx).load(customer.id);
    if (!row || row.scoreValue == null || !row.lastOrderAt) return null;
    return {
      recency: row.recency!,
      frequency: row.frequency!,
      monetary: row.monetary!,
      value: row.scoreValue,
      orders: row.scoredOrders,
      spend: Money.of(row.spendCents, row.spendCurrency ?? 'USD'),
      lastOrderAt: row.lastOrderAt,
      computedAt: row.evaluatedAt,
    };
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @FieldResolver(() => [Segment], { description: 'The segments the customer is in now, by name (staff only).' })
  segments(@Root() customer: Customer, @Ctx() ctx: ServiceContext): Promise<Segment[]> {
    return segmentsByCustomer(ctx).load(customer.id);
  }
}
