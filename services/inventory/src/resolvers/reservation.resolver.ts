import { attempt, Role, type ServiceContext, UserError } from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
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
import { actorOf } from '../commands/levels';
import { consumeReservations, releaseReservations } from '../commands/reservations';
import { reserveStock } from '../commands/reserve-stock';
import { Location } from '../entities/location';
import { StockReservation } from '../entities/reservation';
import { locationById, reservationsByOrder } from '../loaders';
import { InventoryUserError } from './user-errors';

@Directive('@inaccessible')
@InputType()
export class ReserveStockLineInput {
  @Field(() => ID, { description: 'The order line; a line split across locations has one entry per location.' })
  lineId!: string;

  @Field()
  sku!: string;

  @Field(() => ID, { description: 'Where the units are picked from.' })
  locationId!: string;

  @Field(() => Int)
  quantity!: number;
}

@Directive('@inaccessible')
@InputType()
export class ReserveStockInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => String, { nullable: true, description: 'Repeating a key returns the first result and changes nothing.' })
  idempotencyKey?: string | null;

  @Field(() => [ReserveStockLineInput])
  lines!: ReserveStockLineInput[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      "A carry-out sale: the goods are in the shopper's hand, so the units may come out of safety stock (on hand less reserved).",
  })
  atTill?: boolean | null;
}

@Directive('@inaccessible')
@ObjectType()
export class ReservationsPayload {
  @Field(() => [StockReservation])
  reservations!: StockReservation[];

  @Field(() => [InventoryUserError])
  userErrors!: UserError[];
}

@Resolver(() => StockReservation)
export class ReservationResolver {
  @FieldResolver(() => Location, { description: 'The location holding the units.' })
  async location(@Root() reservation: StockReservation, @Ctx() ctx: ServiceContext): Promise<Location> {
    return (await locationById(ctx).load(reservation.locationId))!;
  }

  @Authorized(Role.ADMIN, Role.ASSOCIATE, Role.CSR)
  @Query(() => [StockReservation], { description: "An order's reservations, every status." })
  reservations(
    @Arg('orderId', () => ID, { description: 'The order id.' }) orderId: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<StockReservation[]> {
    return reservationsByOrder(ctx).load(orderId);
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => ReservationsPayload, {
    description:
      'For the orders service: holds units for order lines at their source locations, all or nothing (INSUFFICIENT_STOCK names the SKU). Each named line ends up reserved exactly as requested; repeats reserve nothing twice.',
  })
  async reserveStock(
    @Arg('input', () => ReserveStockInput) input: ReserveStockInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<ReservationsPayload> {
    const { result, userErrors } = await attempt(() => reserveStock(ctx.db, input, actorOf(ctx)));
    return { reservations: result ?? [], userErrors };
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => ReservationsPayload, {
    description: 'Gives back what the order (or the named lines) holds; returns what was released.',
  })
  async releaseReservations(
    @Arg('orderId', () => ID) orderId: string,
    @Ctx() ctx: ServiceContext,
    @Arg('lineIds', () => [ID], { nullable: true }) lineIds?: string[] | null,
  ): Promise<ReservationsPayload> {
    const { result, userErrors } = await attempt(() => releaseReservations(ctx.db, orderId, lineIds ?? null, actorOf(ctx)));
    return { reservations: result ?? [], userErrors };
  }

  @Directive('@inaccessible')
  @Authorized(Role.SERVICE)
  @Mutation(() => ReservationsPayload, {
    description:
      'The lines shipped: their reserved units leave on hand. Inventory also does this on orders.fulfillment.shipped/collected.',
  })
  async consumeReservations(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('lineIds', () => [ID]) lineIds: string[],
    @Ctx() ctx: ServiceContext,
  ): Promise<ReservationsPayload> {
    const { result, userErrors } = await attempt(() => consumeReservations(ctx.db, orderId, lineIds, actorOf(ctx)));
    return { reservations: result ?? [], userErrors };
  }
}
