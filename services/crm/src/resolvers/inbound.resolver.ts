import { attempt, Channel, DomainError, pageSize, Role, type ServiceContext, UserError } from '@omni/platform';
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
import { IsNull } from 'typeorm';
import {
  linkSupportCaseCustomer,
  receiveInboundMessage,
  replyToSupportCase,
  type InboundMessageRequest,
  type InboundOutcome,
} from '../commands/inbound';
import { IdentityKind } from '../domain/identity';
import { SupportCaseMessage } from '../entities/case-message';
import { Interaction } from '../entities/interaction';
import { SupportCase } from '../entities/support-case';
import { caseById, messagesByCase } from '../loaders';
import { parseInboundEmail, UnreadableEmailError } from '../messaging/inbound-email';
import { SupportCasePayload } from './support-case.resolver';
import { CustomerUserError } from './user-errors';

@InputType({ description: 'An attachment of an inbound message: only its name, type and size are kept.' })
export class InboundAttachmentInput {
  @Field({ description: 'The file name, 1 to 255 characters.' })
  filename!: string;

  @Field(() => String, { description: 'Its MIME type, at most 100 characters; null: unknown.', nullable: true })
  contentType?: string | null;

  @Field(() => Int, { description: 'Its size in bytes, 0 or more.' })
  size!: number;
}

@InputType({ description: "A shopper's message from an e-mail provider's inbound hook or a social connector." })
export class InboundMessageInput {
  @Field(() => Channel, {
    description: 'The channel it came through (SOCIAL for a social network, CALL_CENTER for the service mailbox, ...).',
  })
  channel!: Channel;

  @Field({
    description:
      'The sender: an e-mail address (`dana@example.com` or `Dana Reyes <dana@example.com>`), a phone number, or a social handle (`@dana.builds`). Matched to a customer by identity.',
  })
  from!: string;

  @Field(() => IdentityKind, {
    description: 'What `from` is (EMAIL, PHONE or SOCIAL) when the guess would be wrong; null: guessed from its form.',
    nullable: true,
  })
  fromKind?: IdentityKind | null;

  @Field(() => String, {
    description: 'The subject line (cut to 200 characters); null: none (a social message).',
    nullable: true,
  })
  subject?: string | null;

  @Field({
    description:
      'What was written, plain text. The quoted original of a reply ("On ... wrote:", `>` lines) and the signature are cut; more than 20,000 characters are cut too.',
  })
  body!: string;

  @Field(() => String, {
    description:
      'The case reference of our own message it answers (`SupportCase.replyToken`, with or without `[ref:…]`); null: looked for in the subject, `to` and body, else a new case is opened.',
    nullable: true,
  })
  replyToken?: string | null;

  @Field(() => String, {
    description:
      "The provider's id of the message (an e-mail's Message-ID), at most 200 characters: delivering it again changes nothing and answers the same case. Null: none.",
    nullable: true,
  })
  externalId?: string | null;

  @Field(() => String, {
    description: 'The address it was sent to (`support+<replyToken>@…` names the case); null: not given.',
    nullable: true,
  })
  to?: string | null;

  @Field(() => [InboundAttachmentInput], {
    description: 'Its attachments (names and sizes), at most 50; null: none.',
    nullable: true,
  })
  attachments?: InboundAttachmentInput[] | null;

  @Field(() => Date, { description: 'When it was received; null: now. Not in the future.', nullable: true })
  receivedAt?: Date | null;

  @Field(() => Boolean, {
    description:
      'true: sent automatically (an auto-reply, a bulk mailing): recorded, but a new case it opens is not acknowledged, so two robots never answer each other. Default false.',
    nullable: true,
  })
  automatic?: boolean | null;
}

@InputType({ description: 'A raw e-mail as an inbound hook received it.' })
export class InboundEmailInput {
  @Field({ description: 'The whole RFC 5322 message (headers, MIME parts), as text; at most 10 MB.' })
  raw!: string;

  @Field(() => Channel, { description: 'The channel to record it in; null: CALL_CENTER (the service mailbox).', nullable: true })
  channel?: Channel | null;
}

@InputType({ description: "An agent's answer on a support case." })
export class ReplyToSupportCaseInput {
  @Field(() => ID, { description: 'The case (`SupportCase.id`).' })
  caseId!: string;

  @Field({ description: 'The answer, plain text, 1 to 9,999 characters.' })
  body!: string;

  @Field(() => String, {
    description: 'The agent answering, for the thread (at most 100 characters); null: the caller.',
    nullable: true,
  })
  agent?: string | null;

  @Field(() => Channel, {
    description: "The channel it is answered in; null: the caller's channel, else CALL_CENTER.",
    nullable: true,
  })
  channel?: Channel | null;
}

@InputType({ description: 'The customer behind the case of an unknown sender.' })
export class LinkSupportCaseCustomerInput {
  @Field(() => ID, { description: 'The case (`SupportCase.id`).' })
  caseId!: string;

  @Field(() => ID, { description: 'The customer it belongs to.' })
  customerId!: string;

  @Field(() => Boolean, {
    description:
      "Also make the case's sender (`SupportCase.requester`) an identity of the customer, so their next message is matched. Default false.",
    nullable: true,
  })
  linkSender?: boolean | null;
}

@ObjectType({ description: 'The result of `receiveInboundMessage` and `receiveInboundEmail`.' })
export class InboundMessagePayload {
  @Field(() => SupportCase, {
    description: 'The case the message landed on (or opened); null when `userErrors` is not empty.',
    nullable: true,
  })
  supportCase!: SupportCase | null;

  @Field(() => SupportCaseMessage, {
    description: 'The message as recorded; null when `userErrors` is not empty.',
    nullable: true,
  })
  message!: SupportCaseMessage | null;

  @Field(() => Boolean, {
    description: 'true: it landed on an existing case; false: it opened one; null when `userErrors` is not empty.',
    nullable: true,
  })
  threaded!: boolean | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing was recorded; empty on success.' })
  userErrors!: UserError[];
}

const SENDER_KINDS = new Set([IdentityKind.EMAIL, IdentityKind.PHONE, IdentityKind.SOCIAL]);

async function receive(ctx: ServiceContext, request: () => Promise<InboundMessageRequest>): Promise<InboundMessagePayload> {
  const { result, userErrors } = await attempt<InboundOutcome>(async () => receiveInboundMessage(ctx.db, await request()));
  return {
    supportCase: result?.supportCase ?? null,
    message: result?.message ?? null,
    threaded: result?.threaded ?? null,
    userErrors,
  };
}

@Resolver(() => SupportCase)
export class InboundMessageResolver {
  @Authorized(Role.CSR)
  @Mutation(() => InboundMessagePayload, {
    description:
      "Records a shopper's message from an e-mail provider's inbound hook or a social connector (CSR, or a service): the sender is matched to a customer by identity, the message lands on the case its reply token names (a resolved case reopens) or opens a new one (without a customer when the sender is unknown; link it with `linkSupportCaseCustomer`), and goes on the customer's timeline. A new case answers by e-mail with its reference when there is an address. userErrors: INVALID_SENDER, INVALID_BODY, INVALID_ATTACHMENT, INVALID_EXTERNAL_ID, INVALID_TIME.",
  })
  receiveInboundMessage(
    @Arg('input', () => InboundMessageInput, { description: 'The message.' }) input: InboundMessageInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<InboundMessagePayload> {
    return receive(ctx, async () => {
      if (input.fromKind && !SENDER_KINDS.has(input.fromKind)) {
        throw new DomainError('INVALID_SENDER', 'fromKind is EMAIL, PHONE or SOCIAL', ['input', 'fromKind']);
      }
      return {
        ...input,
        fromKind: (input.fromKind ?? null) as InboundMessageRequest['fromKind'],
        automatic: input.automatic ?? false,
      };
    });
  }

  @Authorized(Role.CSR)
  @Mutation(() => InboundMessagePayload, {
    description:
      'Records a raw RFC 5322 e-mail (as an inbound hook receives it) like `receiveInboundMessage`: sender, subject, text (or HTML as text), the addresses it went to and its Message-ID are read from it, the quoted original cut, attachments kept as names and sizes; an auto-reply is recorded but never answered. CSR, or a service. userErrors: UNREADABLE_EMAIL, INVALID_SENDER, INVALID_BODY, INVALID_TIME.',
  })
  receiveInboundEmail(
    @Arg('input', () => InboundEmailInput, { description: 'The raw message.' }) input: InboundEmailInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<InboundMessagePayload> {
    return receive(ctx, async () => {
      try {
        return { ...(await parseInboundEmail(input.raw)), channel: input.channel ?? Channel.CALL_CENTER };
      } catch (error) {
        const reason = error instanceof UnreadableEmailError ? error.message : 'it is not an RFC 5322 message';
        throw new DomainError('UNREADABLE_EMAIL', `the e-mail cannot be read: ${reason}`, ['input', 'raw']);
      }
    });
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload, {
    description:
      "Answers the shopper on a case: one more message of its thread, e-mailed with the case's reference (`[ref:<replyToken>]`) to the customer, or to the sender when they wrote by e-mail; a case whose only contact is a social handle or phone number is answered there by its connector. ASSOCIATE or CSR. userErrors: UNKNOWN_CASE, CASE_RESOLVED, INVALID_BODY.",
  })
  async replyToSupportCase(
    @Arg('input', () => ReplyToSupportCaseInput, { description: 'The case and the answer.' }) input: ReplyToSupportCaseInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    const { result, userErrors } = await attempt(() =>
      replyToSupportCase(ctx.db, {
        caseId: input.caseId,
        body: input.body,
        agent: input.agent ?? ctx.caller.subject ?? 'agent',
        channel: input.channel ?? ctx.channel ?? Channel.CALL_CENTER,
      }),
    );
    return { supportCase: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => SupportCasePayload, {
    description:
      "Gives the case of an unknown sender its customer; its messages then show on the customer's timeline. ASSOCIATE or CSR. userErrors: UNKNOWN_CASE, UNKNOWN_CUSTOMER, CASE_HAS_CUSTOMER, IDENTITY_TAKEN.",
  })
  async linkSupportCaseCustomer(
    @Arg('input', () => LinkSupportCaseCustomerInput, { description: 'The case and the customer.' })
    input: LinkSupportCaseCustomerInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<SupportCasePayload> {
    const { result, userErrors } = await attempt(() =>
      linkSupportCaseCustomer(ctx.db, {
        caseId: input.caseId,
        customerId: input.customerId,
        linkRequester: input.linkSender ?? false,
        actor: ctx.caller.subject ?? null,
        channel: ctx.channel,
      }),
    );
    return { supportCase: result, userErrors };
  }

  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Query(() => [SupportCase], {
    description: 'Cases of unknown senders (no customer yet), newest first, to link to their customer. ASSOCIATE or CSR.',
  })
  unlinkedSupportCases(
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { description: 'How many, default 20, at most 100.', nullable: true }) first?: number | null,
  ): Promise<SupportCase[]> {
    return ctx.db.getRepository(SupportCase).find({
      where: { customerId: IsNull() },
      order: { openedAt: 'DESC', id: 'DESC' },
      take: pageSize(first),
    });
  }

  @FieldResolver(() => [SupportCaseMessage], {
    description: "The case's thread: every message in and out, from any channel, oldest first.",
  })
  messages(@Root() supportCase: SupportCase, @Ctx() ctx: ServiceContext): Promise<SupportCaseMessage[]> {
    return messagesByCase(ctx).load(supportCase.id);
  }
}

@Resolver(() => Interaction)
export class InteractionCaseResolver {
  @FieldResolver(() => SupportCase, {
    description: 'The support case whose thread it is a message of; null when none.',
    nullable: true,
  })
  supportCase(@Root() interaction: Interaction, @Ctx() ctx: ServiceContext): Promise<SupportCase | null> | null {
    return interaction.caseId ? caseById(ctx).load(interaction.caseId) : null;
  }
}
