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

@InputType()
export class OpenSupportCaseInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field()
  subject!: string;

  @Field(() => ID, { nullable: true })
  orderId?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Who opened it (CSR, associate); the caller when not given.' })
  agent?: string | null;
}

@InputType()
export class AssignSupportCaseInput {
  @Field(() => ID)
  caseId!: string;

  @Field()
  assignee!: string;

  @Field(() => String, { nullable: true })
  agent?: string | null;

  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;
}

@InputType()
export class AddSupportCaseNoteInput {
  @Field(() => ID)
  caseId!: string;

  @Field()
  note!: string;

  @Field(() => String, { nullable: true })
  agent?: string | null;

  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;
}

@InputType()
export class ResolveSupportCaseInput {
  @Field(() => ID)
  caseId!: string;

  @Field()
  resolution!: string;

  @Field(() => String, { nullable: true })
  agent?: string | null;

  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;
}

@InputType()
export class ReopenSupportCaseInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true })
  agent?: string | null;

  @Field(() => Channel, { nullable: true })
  channel?: Channel | null;
}

@ObjectType()
export class SupportCasePayload {
  @Field(() => SupportCase, { nullable: true })
  supportCase!: SupportCase | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
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
  @Query(() => SupportCase, { nullable: true })
  async supportCase(@Arg('id', () => ID) id: string, @Ctx() ctx: ServiceContext): Promise<SupportCase | null> {
    const supportCase = await caseById(ctx).load(id);
    assertCanSeeCustomer(ctx.caller, supportCase?.customerId);
    return supportCase;
  }

  /** A shopper opens their own case; staff open one for anyone. */
  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => OpenSupportCasePayload)
  async openSupportCase(
    @Arg('input', () => OpenSupportCaseInput) input: OpenSupportCaseInput,
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
    @Arg('input', () => AssignSupportCaseInput) input: AssignSupportCaseInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    return act(ctx, { ...input, action: SupportCaseAction.ASSIGNED, text: input.assignee });
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload)
  addSupportCaseNote(
    @Arg('input', () => AddSupportCaseNoteInput) input: AddSupportCaseNoteInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    return act(ctx, { ...input, action: SupportCaseAction.NOTE, text: input.note });
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload)
  resolveSupportCase(
    @Arg('input', () => ResolveSupportCaseInput) input: ResolveSupportCaseInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    return act(ctx, { ...input, action: SupportCaseAction.RESOLVED, text: input.resolution });
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload)
  reopenSupportCase(
    @Arg('input', () => ReopenSupportCaseInput) input: ReopenSupportCaseInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    return act(ctx, { ...input, action: SupportCaseAction.REOPENED, text: input.reason });
  }

  @FieldResolver(() => [SupportCaseEvent], { description: 'Everything that happened to the case, oldest first.' })
  history(@Root() supportCase: SupportCase, @Ctx() ctx: ServiceContext): Promise<SupportCaseEvent[]> {
    return historyByCase(ctx).load(supportCase.id);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() supportCase: SupportCase, @Ctx() ctx: ServiceContext): Promise<Customer | null> {
    return customerById(ctx).load(supportCase.customerId);
  }

  @FieldResolver(() => OrderRef, { nullable: true })
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
    @Arg('status', () => SupportCaseStatus, { nullable: true }) status?: SupportCaseStatus | null,
  ): Promise<SupportCase[]> {
    return casesByCustomer(ctx, status ?? null).load(customer.id);
  }
}
