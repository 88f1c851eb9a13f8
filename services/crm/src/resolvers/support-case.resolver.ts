import { assertCanSeeCustomer, attempt, Channel, Role, type ServiceContext, UserError } from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { actOnSupportCase, openSupportCase, type CaseActionRequest } from '../commands/support-cases';
import { SupportCaseAction, SupportCaseStatus } from '../domain/support-case';
import { Customer } from '../entities/customer';
import { orderRef, OrderRef } from '../entities/references';
import { SupportCase, SupportCaseEvent } from '../entities/support-case';
import { caseById, casesByCustomer, customerById, historyByCase } from '../loaders';
import { CustomerUserError } from './user-errors';

@InputType({ description: 'A new support case.' })
export class OpenSupportCaseInput {
  @Field(() => ID, { description: 'The customer (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => Channel, { description: 'The channel it is opened in.' })
  channel!: Channel;

  @Field({ description: 'A one-line subject, 1 to 200 characters.' })
  subject!: string;

  @Field(() => ID, { description: 'The order it is about; null: none.', nullable: true })
  orderId?: string | null;

  @Field(() => String, { description: 'Details, at most 2000 characters; null: none.', nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Who opened it (CSR, associate); the caller when not given.' })
  agent?: string | null;
}

@InputType({ description: 'Who takes over a support case.' })
export class AssignSupportCaseInput {
  @Field(() => ID, { description: 'The case (`SupportCase.id`).' })
  caseId!: string;

  @Field({ description: 'The agent or team who takes it, 1 to 100 characters.' })
  assignee!: string;

  @Field(() => String, {
    description: 'The agent acting, for the case history (at most 100 characters); null: the caller.',
    nullable: true,
  })
  agent?: string | null;

  @Field(() => Channel, {
    description: "The channel it happens in, for the history; null: the caller's channel.",
    nullable: true,
  })
  channel?: Channel | null;
}

@InputType({ description: 'A note to add to a support case.' })
export class AddSupportCaseNoteInput {
  @Field(() => ID, { description: 'The case (`SupportCase.id`).' })
  caseId!: string;

  @Field({ description: 'The note, 1 to 2000 characters.' })
  note!: string;

  @Field(() => String, {
    description: 'The agent acting, for the case history (at most 100 characters); null: the caller.',
    nullable: true,
  })
  agent?: string | null;

  @Field(() => Channel, {
    description: "The channel it happens in, for the history; null: the caller's channel.",
    nullable: true,
  })
  channel?: Channel | null;
}

@InputType({ description: 'How a support case was resolved.' })
export class ResolveSupportCaseInput {
  @Field(() => ID, { description: 'The case (`SupportCase.id`).' })
  caseId!: string;

  @Field({ description: 'What was done, 1 to 2000 characters.' })
  resolution!: string;

  @Field(() => String, {
    description: 'The agent acting, for the case history (at most 100 characters); null: the caller.',
    nullable: true,
  })
  agent?: string | null;

  @Field(() => Channel, {
    description: "The channel it happens in, for the history; null: the caller's channel.",
    nullable: true,
  })
  channel?: Channel | null;
}

@InputType({ description: 'A resolved case to reopen.' })
export class ReopenSupportCaseInput {
  @Field(() => ID, { description: 'The case (`SupportCase.id`).' })
  caseId!: string;

  @Field(() => String, { description: 'Why, for the case history (at most 2000 characters); null: none given.', nullable: true })
  reason?: string | null;

  @Field(() => String, {
    description: 'The agent acting, for the case history (at most 100 characters); null: the caller.',
    nullable: true,
  })
  agent?: string | null;

  @Field(() => Channel, {
    description: "The channel it happens in, for the history; null: the caller's channel.",
    nullable: true,
  })
  channel?: Channel | null;
}

@ObjectType({ description: 'The result of a support case mutation.' })
export class SupportCasePayload {
  @Field(() => SupportCase, { description: 'The case after the change; null when `userErrors` is not empty.', nullable: true })
  supportCase!: SupportCase | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of `openSupportCase`.' })
export class OpenSupportCasePayload extends SupportCasePayload {}

async function act(ctx: ServiceContext, request: CaseActionRequest & { agent?: string | null }): Promise<SupportCasePayload> {
  const { result, userErrors } = await attempt(() =>
    actOnSupportCase(ctx.db, { ...request, actor: request.agent ?? ctx.caller.subject, channel: request.channel ?? ctx.channel }),
  );
  return { supportCase: result, userErrors };
}

@Resolver(() => SupportCase)
export class SupportCaseResolver {
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Query(() => SupportCase, {
    description: 'A support case by id; null when there is none. Its shopper, ASSOCIATEs and CSRs.',
    nullable: true,
  })
  async supportCase(
    @Arg('id', () => ID, { description: 'The case id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCase | null> {
    const supportCase = await caseById(ctx).load(id);
    assertCanSeeCustomer(ctx.caller, supportCase?.customerId);
    return supportCase;
  }

  /** A shopper opens their own case; staff open one for anyone. */
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => OpenSupportCasePayload, {
    description:
      'Opens a support case. A shopper opens their own; ASSOCIATEs and CSRs open one for anyone. userErrors: UNKNOWN_CUSTOMER, INVALID_SUBJECT, INVALID_DESCRIPTION.',
  })
  async openSupportCase(
    @Arg('input', () => OpenSupportCaseInput, { description: 'The customer, subject and details.' }) input: OpenSupportCaseInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<OpenSupportCasePayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() =>
      openSupportCase(ctx.db, { ...input, actor: input.agent ?? ctx.caller.subject }),
    );
    return { supportCase: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload, { description: 'Gives the case to an agent; it is then IN_PROGRESS.' })
  assignSupportCase(
    @Arg('input', () => AssignSupportCaseInput, {
      description: 'The case and the assignee. userErrors: UNKNOWN_CASE, INVALID_ASSIGNEE.',
    })
    input: AssignSupportCaseInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    return act(ctx, { ...input, action: SupportCaseAction.ASSIGNED, text: input.assignee });
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload, {
    description: "Adds a note to a case's history. ASSOCIATE or CSR. userErrors: UNKNOWN_CASE, INVALID_NOTE.",
  })
  addSupportCaseNote(
    @Arg('input', () => AddSupportCaseNoteInput, { description: 'The case and the note.' }) input: AddSupportCaseNoteInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    return act(ctx, { ...input, action: SupportCaseAction.NOTE, text: input.note });
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload, {
    description: 'Resolves a case with its resolution. ASSOCIATE or CSR. userErrors: UNKNOWN_CASE, INVALID_RESOLUTION.',
  })
  resolveSupportCase(
    @Arg('input', () => ResolveSupportCaseInput, { description: 'The case and how it was resolved.' })
    input: ResolveSupportCaseInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    return act(ctx, { ...input, action: SupportCaseAction.RESOLVED, text: input.resolution });
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload, {
    description: 'Reopens a resolved case. ASSOCIATE or CSR. userErrors: UNKNOWN_CASE, INVALID_NOTE.',
  })
  reopenSupportCase(
    @Arg('input', () => ReopenSupportCaseInput, { description: 'The case and why it is reopened.' })
    input: ReopenSupportCaseInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    return act(ctx, { ...input, action: SupportCaseAction.REOPENED, text: input.reason });
  }

  @FieldResolver(() => [SupportCaseEvent], { description: 'Everything that happened to the case, oldest first.' })
  history(@Root() supportCase: SupportCase, @Ctx() ctx: ServiceContext): Promise<SupportCaseEvent[]> {
    return historyByCase(ctx).load(supportCase.id);
  }

  @FieldResolver(() => Customer, {
    description: 'The customer; null when erased, or for an unknown sender until staff link it (`linkSupportCaseCustomer`).',
    nullable: true,
  })
  customer(@Root() supportCase: SupportCase, @Ctx() ctx: ServiceContext): Promise<Customer | null> | null {
    return supportCase.customerId ? customerById(ctx).load(supportCase.customerId) : null;
  }

  @FieldResolver(() => OrderRef, { description: 'The order it is about; null when none.', nullable: true })
  order(@Root() supportCase: SupportCase): OrderRef | null {
    return orderRef(supportCase.orderId);
  }
}

@Resolver(() => Customer)
export class CustomerCasesResolver {
  @FieldResolver(() => [SupportCase], { description: 'Support cases, newest first.' })
  supportCases(
    @Root() customer: Customer,
    @Ctx() ctx: ServiceContext,
    @Arg('status', () => SupportCaseStatus, { description: 'Only cases in this status; null: every status.', nullable: true })
    status?: SupportCaseStatus | null,
  ): Promise<SupportCase[]> {
    return casesByCustomer(ctx, status ?? null).load(customer.id);
  }
}
