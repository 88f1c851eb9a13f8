import {
  assertCanWorkAt,
  attempt,
  DateScalar,
  forbidden,
  hasControlCharacters,
  hasRole,
  Role,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { readFulfillmentKpis } from '../commands/fulfillment-kpis';
import { recordPick } from '../commands/record-pick';
import { actingLocation, FulfillmentAction } from '../domain/fulfillment';
import type { LocationKpis } from '../domain/fulfillment-kpis';
import { Fulfillment } from '../entities/order';
import { LocationRef } from './order.resolver';
import { OrderUserError } from './user-errors';

/** The longest period one call may cover. */
const MAX_KPI_DAYS = 366;

@ObjectType({
  description: "One location's fulfillment performance over a period (orders placed from `from` to `to`, UTC days).",
})
export class FulfillmentKpis {
  @Field(() => LocationRef, { description: 'The location that fulfilled (shipped or handed over).' })
  location!: LocationRef;

  @Field(() => Int, {
    description:
      'Fulfillments routed here (shipments and pickups; carry-outs at the till are not counted), cancelled ones included.',
  })
  fulfillments!: number;

  @Field(() => Int, { description: 'Of those, cancelled.' })
  cancelled!: number;

  @Field(() => Float, {
    nullable: true,
    description: '`cancelled / fulfillments`, 0 to 1 (4 decimals); null without fulfillments.',
  })
  cancelledRate!: number | null;

  @Field(() => Int, {
    description:
      'Fulfillments with a `promisedDate` that kept it: a pickup ready for the shopper by that date, a shipment sent by that date less the standard transit days.',
  })
  onTime!: number;

  @Field(() => Int, { description: 'Fulfillments that missed their `promisedDate`, done late or still not done after it.' })
  late!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      '`onTime / (onTime + late)`, 0 to 1 (4 decimals); null when no promise is due yet. Promises not yet due and cancellations are left out.',
  })
  onTimeRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median minutes from placing the order to ready for pickup, over the pickups readied (1 decimal); null when none was.',
  })
  pickupReadyMinutesP50!: number | null;

  @Field(() => Int, { description: 'Lines of the fulfillments that were picked (past PENDING, not cancelled).' })
  pickedLines!: number;

  @Field(() => Int, { description: 'Of those, short-picked: fewer units found than ordered (`recordPick`).' })
  shortPickedLines!: number;

  @Field(() => Int, { description: 'Of those, substituted: another SKU picked (`recordPick`).' })
  substitutedLines!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Lines picked as ordered (neither short nor substituted) / `pickedLines`, 0 to 1 (4 decimals); null when nothing was picked.',
  })
  pickAccuracy!: number | null;
}

@InputType({ description: 'What the picker found on one line of a fulfillment.' })
export class PickedLineInput {
  @Field(() => ID, { description: 'The order line (`OrderLine.id`) of the fulfillment.' })
  orderLineId!: string;

  @Field(() => Int, { description: 'Units found, from 0 to the units ordered; fewer is a short pick.' })
  pickedQuantity!: number;

  @Field(() => String, { nullable: true, description: 'The SKU picked instead of the one ordered; null: none substituted.' })
  substituteSku?: string | null;
}

@InputType({ description: "The picker's findings for a fulfillment being picked." })
export class RecordPickInput {
  @Field(() => ID, { description: 'The fulfillment (`Fulfillment.id`), PICKING or PACKED.' })
  fulfillmentId!: string;

  @Field(() => [PickedLineInput], {
    description: 'The lines that were not picked as ordered (or a correction of an earlier record).',
  })
  lines!: PickedLineInput[];
}

@ObjectType({ description: 'The result of `recordPick`.' })
export class RecordPickPayload {
  @Field(() => Fulfillment, { nullable: true, description: 'The fulfillment; null when `userErrors` is not empty.' })
  fulfillment!: Fulfillment | null;

  @Field(() => [OrderUserError], { description: 'Why nothing was recorded; empty on success.' })
  userErrors!: UserError[];
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

@Resolver()
export class FulfillmentKpisResolver {
  @Authorized(Role.ADMIN, Role.ASSOCIATE)
  @Query(() => [FulfillmentKpis], {
    description:
      'Fulfillment KPIs per location for the orders placed from `from` to `to` (UTC days, both included, at most 366 days), by location id; a location without fulfillments in the period is left out. ' +
      'ADMIN: every location (or `locationId`); an ASSOCIATE: their own location only. BAD_USER_INPUT when `from` is after `to` or the period is longer.',
  })
  async fulfillmentKpis(
    @Arg('from', () => DateScalar, { description: 'First day of orders placed, YYYY-MM-DD (UTC).' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last day of orders placed, included, YYYY-MM-DD (UTC).' }) to: string,
    @Ctx() ctx: ServiceContext,
    @Arg('locationId', () => ID, {
      nullable: true,
      description: "Only this location; null: every location (an associate's own).",
    })
    locationId?: string | null,
  ): Promise<FulfillmentKpis[]> {
    if (from > to) throw badInput('from is after to');
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days > MAX_KPI_DAYS) throw badInput(`a period is at most ${MAX_KPI_DAYS} days`);
    let location = locationId ?? null;
    if (!hasRole(ctx.caller, Role.ADMIN)) {
      location ??= ctx.caller.locationId ?? null;
      if (!location) throw forbidden('an associate sees the KPIs of their own location');
      assertCanWorkAt(ctx.caller, location);
    }
    if (location !== null && (location.length > 36 || hasControlCharacters(location))) return [];
    const kpis = await readFulfillmentKpis(ctx, { from, to, locationId: location });
    return kpis.map((k: LocationKpis) => ({ ...k, location: { id: k.locationId } }));
  }

  @Authorized(Role.ASSOCIATE)
  @Mutation(() => RecordPickPayload, {
    description:
      'An ASSOCIATE of the picking location records what they found: lines short-picked or substituted (pick accuracy in `fulfillmentKpis`). ' +
      'It changes no order; cancel or modify the order for that. userErrors: UNKNOWN_FULFILLMENT, NOT_PICKING, EMPTY_REQUEST, UNKNOWN_LINE, DUPLICATE_LINE, INVALID_QUANTITY, INVALID_SKU.',
  })
  async recordPick(
    @Arg('input', () => RecordPickInput, { description: 'The fulfillment and its lines as picked.' }) input: RecordPickInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<RecordPickPayload> {
    const fulfillment =
      input.fulfillmentId.length <= 36 && !hasControlCharacters(input.fulfillmentId)
        ? await ctx.db.getRepository(Fulfillment).findOneBy({ id: input.fulfillmentId })
        : null;
    if (fulfillment) assertCanWorkAt(ctx.caller, actingLocation(fulfillment, FulfillmentAction.PICK));
    const { result, userErrors } = await attempt(() => recordPick(ctx, input));
    return { fulfillment: result, userErrors };
  }
}
