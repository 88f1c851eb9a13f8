import {
  attempt,
  Channel,
  Connection,
  cursorKey,
  decodeCursor,
  encodeCursor,
  pageSize,
  Role,
  type ServiceContext,
  toConnection,
  UserError,
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
  Resolver,
  Root,
} from 'type-graphql';
import { recordInteraction } from '../commands/interactions';
import { InteractionKind } from '../domain/interaction';
import { Customer } from '../entities/customer';
import { Interaction } from '../entities/interaction';
import { orderRef, OrderRef } from '../entities/references';
import { INTERACTION_SORT, interactionPages } from '../loaders';
import { CustomerUserError } from './user-errors';

@ObjectType({ description: "A page of a customer's timeline, newest first." })
export class InteractionConnection extends Connection(Interaction) {}

@InputType({ description: "A touchpoint to put on a customer's timeline." })
export class RecordInteractionInput {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;

  @Field(() => Channel, { description: 'The channel it happened in.' })
  channel!: Channel;

  @Field(() => InteractionKind, { description: 'What kind of touchpoint (not one CRM records itself, such as ORDER_PLACED).' })
  kind!: InteractionKind;

  @Field({ description: 'What happened, 1 to 2000 characters.' })
  summary!: string;

  @Field(() => String, { description: 'The agent who handled it (at most 100 characters); null: none.', nullable: true })
  agent?: string | null;

  @Field(() => ID, { description: 'The order it concerns; null: none.', nullable: true })
  orderId?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it happened; now when not given.' })
  occurredAt?: Date | null;
}

@ObjectType({ description: 'The result of `recordInteraction`.' })
export class RecordInteractionPayload {
  @Field(() => Interaction, { description: 'The interaction recorded; null when `userErrors` is not empty.', nullable: true })
  interaction!: Interaction | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@Resolver(() => Interaction)
export class InteractionResolver {
  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => RecordInteractionPayload, { description: 'Puts a touchpoint from any channel on the customer timeline.' })
  async recordInteraction(
    @Arg('input', () => RecordInteractionInput, {
      description:
        'The customer and the touchpoint. userErrors: UNKNOWN_CUSTOMER, INVALID_KIND, INVALID_SUMMARY, INVALID_AGENT, INVALID_TIME.',
    })
    input: RecordInteractionInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RecordInteractionPayload> {
    const { result, userErrors } = await attempt(() => recordInteraction(ctx.db, input));
    return { interaction: result, userErrors };
  }

  @FieldResolver(() => OrderRef, { description: 'The order it concerns; null when none.', nullable: true })
  order(@Root() interaction: Interaction): OrderRef | null {
    return orderRef(interaction.orderId);
  }
}

@Resolver(() => Customer)
export class CustomerTimelineResolver {
  @FieldResolver(() => InteractionConnection, { description: 'Touchpoints from every channel, newest first.' })
  async interactions(
    @Root() customer: Customer,
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { description: 'Page size, default 20, at most 100.', nullable: true }) first?: number | null,
    @Arg('after', () => String, { description: 'The `endCursor` of the previous page; null: the newest.', nullable: true })
    after?: string | null,
    @Arg('channel', () => Channel, { description: 'Only touchpoints in this channel; null: every channel.', nullable: true })
    channel?: Channel | null,
    @Arg('kind', () => InteractionKind, { description: 'Only this kind of touchpoint; null: every kind.', nullable: true })
    kind?: InteractionKind | null,
  ): Promise<InteractionConnection> {
    const page = await interactionPages(ctx, { first: pageSize(first), after: decodeCursor(after), channel, kind }).load(
      customer.id,
    );
    const cursorOf = (node: Interaction) => encodeCursor(cursorKey(node, INTERACTION_SORT));
    return toConnection(page, cursorOf);
  }
}
