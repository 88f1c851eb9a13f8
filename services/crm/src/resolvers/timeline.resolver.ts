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

@ObjectType()
export class InteractionConnection extends Connection(Interaction) {}

@InputType()
export class RecordInteractionInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => InteractionKind)
  kind!: InteractionKind;

  @Field()
  summary!: string;

  @Field(() => String, { nullable: true })
  agent?: string | null;

  @Field(() => ID, { nullable: true })
  orderId?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it happened; now when not given.' })
  occurredAt?: Date | null;
}

@ObjectType()
export class RecordInteractionPayload {
  @Field(() => Interaction, { nullable: true })
  interaction!: Interaction | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver(() => Interaction)
export class InteractionResolver {
  @Authorized(Role.ASSOCIATE, Role.CSR)
  @Mutation(() => RecordInteractionPayload, { description: 'Puts a touchpoint from any channel on the customer timeline.' })
  async recordInteraction(
    @Arg('input', () => RecordInteractionInput) input: RecordInteractionInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RecordInteractionPayload> {
    const { result, userErrors } = await attempt(() => recordInteraction(ctx.db, input));
    return { interaction: result, userErrors };
  }

  @FieldResolver(() => OrderRef, { nullable: true })
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
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('channel', () => Channel, { nullable: true }) channel?: Channel | null,
    @Arg('kind', () => InteractionKind, { nullable: true }) kind?: InteractionKind | null,
  ): Promise<InteractionConnection> {
    const page = await interactionPages(ctx, { first: pageSize(first), after: decodeCursor(after), channel, kind }).load(
      customer.id,
    );
    const cursorOf = (node: Interaction) => encodeCursor(cursorKey(node, INTERACTION_SORT));
    return toConnection(page, cursorOf);
  }
}
