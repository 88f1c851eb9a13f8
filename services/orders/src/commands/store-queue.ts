import { DomainError, inTransaction, type Channel, type ServiceContext } from '@omni/platform';
import { In, IsNull, Not } from 'typeorm';
import { FulfillmentStatus, FulfillmentType } from '../domain/status';
import { Fulfillment, Order } from '../entities/order';
import { Cart } from '../entities/cart';
import { appendHistory } from './history';
import { resolveCustomerId } from '../peers';

const TO_WORK = [FulfillmentStatus.PENDING, FulfillmentStatus.PICKING, FulfillmentStatus.PACKED];
/** Ship to store, at the pickup store: goods on their way in, and goods arrived that are not ready yet. */
const INCOMING = [FulfillmentStatus.IN_TRANSIT, FulfillmentStatus.RECEIVED];

/**
 * What a location's associates must do, oldest promise first: pick, pack and ship (or send to the
 * pickup store) what is sourced here, and receive and ready what other locations send here.
 */
export async function workQueue(ctx: ServiceContext, locationId: string): Promise<Fulfillment[]> {
  return ctx.db.getRepository(Fulfillment).find({
    where: [
      { sourceLocationId: locationId, status: In(TO_WORK), type: Not(FulfillmentType.CARRY_OUT) },
      { locationId, status: In(INCOMING), type: FulfillmentType.PICKUP_IN_STORE },
    ],
    order: { promisedDate: 'ASC', id: 'ASC' },
  });
}

/** Pickups ready at a store; shoppers who announced their arrival first, earliest arrival first. */
export async function pickupsWaiting(ctx: ServiceContext, locationId: string): Promise<Fulfillment[]> {
  const ready = await ctx.db.getRepository(Fulfillment).find({
    where: {
      locationId,
      type: FulfillmentType.PICKUP_IN_STORE,
      status: In([FulfillmentStatus.READY_FOR_PICKUP, ...TO_WORK, ...INCOMING]),
    },
    order: { promisedDate: 'ASC', id: 'ASC' },
  });
  const arrived = ready.filter((f) => f.arrivedAt).sort((a, b) => a.arrivedAt!.getTime() - b.arrivedAt!.getTime());
  return [...arrived, ...ready.filter((f) => !f.arrivedAt)];
}

/** "I'm here": the order's open pickups go to the top of the store's queue with the time of arrival. */
export async function announcePickupArrival(ctx: ServiceContext, orderId: string, channel: Channel): Promise<Order> {
  return inTransaction(ctx.db, async (manager) => {
    const order = await manager.findOneBy(Order, { id: orderId });
    if (!order) throw new DomainError('UNKNOWN_ORDER', `no order ${orderId}`, ['orderId']);
    const pickups = await manager.findBy(Fulfillment, {
      orderId,
      type: FulfillmentType.PICKUP_IN_STORE,
      status: In([FulfillmentStatus.READY_FOR_PICKUP, ...TO_WORK, ...INCOMING]),
    });
    if (pickups.length === 0) throw new DomainError('NO_PICKUP_WAITING', 'the order has no pickup waiting', ['orderId']);
    await manager.update(Fulfillment, { id: In(pickups.map((f) => f.id)), arrivedAt: IsNull() }, { arrivedAt: new Date() });
    await appendHistory(manager, { orderId, channel, actor: ctx.caller.subject, event: 'shopper arrived for pickup' });
    return order;
  });
}

/** A guest cart becomes the customer's when they sign in. */
export async function attachCart(ctx: ServiceContext, cartId: string, customerId: string): Promise<Cart> {
  const id = await resolveCustomerId(ctx, customerId);
  if (!id) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${customerId}`, ['customerId']);
  return inTransaction(ctx.db, async (manager) => {
    const cart = await manager.findOneBy(Cart, { id: cartId });
    if (!cart) throw new DomainError('UNKNOWN_CART', `no cart ${cartId}`, ['cartId']);
    if (cart.customerId && cart.customerId !== id)
      throw new DomainError('CART_BELONGS_TO_ANOTHER', 'the cart belongs to another customer', ['cartId']);
    cart.customerId = id;
    cart.updatedAt = new Date();
    await manager.update(Cart, { id: cartId }, { customerId: id, updatedAt: cart.updatedAt });
    return cart;
  });
}
