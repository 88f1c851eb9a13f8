import { randomUUID } from 'node:crypto';
import {
  DomainError,
  env,
  inTransaction,
  readConfig,
  recordEvent,
  type Channel,
  type ReturnCreated,
  type ReturnReceived,
  type ServiceContext,
  isUniqueViolation,
} from '@omni/platform';
import { In, type EntityManager } from 'typeorm';
import { hasLeft } from '../domain/fulfillment';
import {
  DEFAULT_RETURN_WINDOW_DAYS,
  newRmaNumber,
  returnableUnits,
  returnLabel,
  ReturnMethod,
  ReturnResolution,
  ReturnStatus,
  withinReturnWindow,
} from '../domain/returns';
import { FulfillmentType, LineStatus } from '../domain/status';
import { Fulfillment, FulfillmentLine, Order, OrderLine } from '../entities/order';
import { ReturnLine, ReturnRequest } from '../entities/return';
import { catalogPrices, customerAddressLocation, locationExists } from '../peers';
import { PaymentRefund } from '../entities/payment';
import { lockOrder } from './lock-order';
import { appendHistory } from './history';
import { applyOrderChange, unitsValue } from './order-money';
import { placeOrder, type OrderRequest } from './place-order';
import { sendRefunds } from './settle-payments';

let settings: { RETURN_WINDOW_DAYS: number } | null = null;

/** The retailer's return window, `RETURN_WINDOW_DAYS` (default 30), read and validated once. */
export function returnSettings(): { RETURN_WINDOW_DAYS: number } {
  settings ??= readConfig({ RETURN_WINDOW_DAYS: env.positiveInt(DEFAULT_RETURN_WINDOW_DAYS) });
  return settings;
}

export interface CreateReturnRequest {
  orderId: string;
  channel: Channel;
  idempotencyKey: string;
  method: ReturnMethod;
  locationId?: string | null;
  resolution: ReturnResolution;
  lines: { orderLineId: string; quantity: number; reason: string; exchangeSku?: string | null }[];
  /** Where an exchange's replacement goes; by default shipped to the customer's first address. */
  exchangeFulfillment?: OrderRequest['fulfillment'] | null;
}

export interface ReceiveReturnRequest {
  returnId: string;
  locationId: string;
  lines: { orderLineId: string; quantity: number; restockable: boolean }[];
  /** Pays the difference when an exchange's replacement costs more than what was returned. */
  payment?: { provider: string; token: string } | null;
}

function checkQuantities(lines: { quantity: number }[]): void {
  lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new DomainError('INVALID_QUANTITY', 'a quantity is a whole number above zero', [
        'input',
        'lines',
        String(i),
        'quantity',
      ]);
    }
  });
}

function validate(request: CreateReturnRequest): void {
  if (!request.idempotencyKey.trim()) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'an idempotency key is required', ['input', 'idempotencyKey']);
  }
  if (request.lines.length === 0) throw new DomainError('EMPTY_RETURN', 'a return has at least one line', ['input', 'lines']);
  checkQuantities(request.lines);
  const seen = new Set<string>();
  request.lines.forEach((line, i) => {
    if (seen.has(line.orderLineId)) {
      throw new DomainError('DUPLICATE_LINE', 'each order line once per return', ['input', 'lines', String(i), 'orderLineId']);
    }
    seen.add(line.orderLineId);
    if (request.resolution === ReturnResolution.EXCHANGE && !line.exchangeSku?.trim()) {
      throw new DomainError('EXCHANGE_SKU_REQUIRED', 'an exchange names the SKU to send instead', [
        'input',
        'lines',
        String(i),
        'exchangeSku',
      ]);
    }
  });
  if (request.method === ReturnMethod.IN_STORE && !request.locationId) {
    throw new DomainError('LOCATION_REQUIRED', 'an in-store return names the store', ['input', 'locationId']);
  }
}

/** Where an exchange ships when the request does not say: the customer's first address with a position. */
async function defaultExchangeFulfillment(ctx: ServiceContext, customerId: string | null): Promise<OrderRequest['fulfillment']> {
  if (!customerId) return { type: FulfillmentType.SHIP };
  return { type: FulfillmentType.SHIP, address: await customerAddressLocation(ctx, customerId) };
}

/** Units of each line that left a location (shipped or collected), and when the last of them left. */
function leftAtByLine(
  order: Order,
  fulfillments: Fulfillment[],
  parts: FulfillmentLine[],
): Map<string, { units: number; leftAt: Date }> {
  const leftAt = new Map<string, Date>();
  for (const f of fulfillments) {
    if (hasLeft(f.status)) leftAt.set(f.id, f.leftAt ?? order.placedAt);
  }
  const byLine = new Map<string, { units: number; leftAt: Date }>();
  for (const part of parts) {
    const at = leftAt.get(part.fulfillmentId);
    if (!at) continue;
    const current = byLine.get(part.orderLineId);
    byLine.set(part.orderLineId, {
      units: (current?.units ?? 0) + part.quantity,
      leftAt: current && current.leftAt > at ? current.leftAt : at,
    });
  }
  return byLine;
}

/** Opens a return (RMA) for lines of any order from any channel; idempotent on the key. */
export async function createReturn(
  ctx: ServiceContext,
  request: CreateReturnRequest,
  now: Date = new Date(),
): Promise<ReturnRequest> {
  validate(request);
  const key = request.idempotencyKey.trim();
  const earlier = await ctx.db.getRepository(ReturnRequest).findOneBy({ idempotencyKey: key });
  if (earlier) return earlier;

  let exchangeFulfillment: OrderRequest['fulfillment'] | null = null;
  if (request.resolution === ReturnResolution.EXCHANGE) {
    const skus = [...new Set(request.lines.map((l) => l.exchangeSku!.trim()))];
    const prices = await catalogPrices(ctx, skus, request.channel);
    request.lines.forEach((line, i) => {
      const price = prices.get(line.exchangeSku!.trim());
      const field = ['input', 'lines', String(i), 'exchangeSku'];
      if (!price) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${line.exchangeSku}`, field);
      if (price.discontinued) throw new DomainError('DISCONTINUED_SKU', `${line.exchangeSku} is no longer sold`, field);
    });
  }

  if (request.resolution === ReturnResolution.EXCHANGE) {
    // Asked before the transaction: no peer call while a transaction is open.
    const known = await ctx.db.getRepository(Order).findOneBy({ id: request.orderId });
    if (!known) throw new DomainError('UNKNOWN_ORDER', `no order ${request.orderId}`, ['input', 'orderId']);
    exchangeFulfillment = request.exchangeFulfillment ?? (await defaultExchangeFulfillment(ctx, known.customerId));
  }

  try {
    return await inTransaction(ctx.db, async (manager) => {
      const order = await lockOrder(manager, request.orderId);
      if (!order) throw new DomainError('UNKNOWN_ORDER', `no order ${request.orderId}`, ['input', 'orderId']);
      const lines = await manager.findBy(OrderLine, { orderId: order.id });
      const fulfillments = await manager.findBy(Fulfillment, { orderId: order.id });
      const parts = fulfillments.length
        ? await manager.findBy(FulfillmentLine, { fulfillmentId: In(fulfillments.map((f) => f.id)) })
        : [];
      const left = leftAtByLine(order, fulfillments, parts);
      const claimed = await manager.findBy(ReturnLine, { orderLineId: In(request.lines.map((l) => l.orderLineId)) });
      const windowDays = returnSettings().RETURN_WINDOW_DAYS;

      const returnLines = request.lines.map((requested, i) => {
        const field = (name: string) => ['input', 'lines', String(i), name];
        const line = lines.find((l) => l.id === requested.orderLineId);
        if (!line)
          throw new DomainError(
            'UNKNOWN_LINE',
            `order ${order.number} has no line ${requested.orderLineId}`,
            field('orderLineId'),
          );
        const shipped = left.get(line.id);
        if (!shipped)
          throw new DomainError('LINE_NOT_SHIPPED', `${line.sku} has not shipped or been collected yet`, field('orderLineId'));
        if (!withinReturnWindow(shipped.leftAt, now, windowDays)) {
          throw new DomainError(
            'RETURN_WINDOW_CLOSED',
            `${line.sku} left more than ${windowDays} days ago`,
            field('orderLineId'),
          );
        }
        const already = claimed.filter((c) => c.orderLineId === line.id).reduce((sum, c) => sum + c.quantity, 0);
        const returnable = returnableUnits(shipped.units, already);
        if (requested.quantity > returnable) {
          throw new DomainError(
            'RETURN_QUANTITY_EXCEEDED',
            `${returnable} unit(s) of ${line.sku} can be returned`,
            field('quantity'),
          );
        }
        return { line, requested };
      });

      const rmaNumber = newRmaNumber();
      const label = request.method === ReturnMethod.MAIL ? returnLabel(rmaNumber) : null;
      const ret = manager.create(ReturnRequest, {
        id: randomUUID(),
        rmaNumber,
        orderId: order.id,
        customerId: order.customerId,
        channel: request.channel,
        status: ReturnStatus.REQUESTED,
        method: request.method,
        resolution: request.resolution,
        locationId: request.locationId ?? null,
        labelCarrier: label?.carrier ?? null,
        labelTrackingNumber: label?.trackingNumber ?? null,
        labelUrl: label?.url ?? null,
        idempotencyKey: key,
        refundCents: 0,
        currency: order.currency,
        exchangeFulfillment: exchangeFulfillment ? JSON.stringify(exchangeFulfillment) : null,
        exchangeOrderId: null,
        createdAt: now,
        receivedAt: null,
      });
      await manager.insert(ReturnRequest, ret);
      await manager.insert(
        ReturnLine,
        returnLines.map(({ line, requested }) => ({
          id: randomUUID(),
          returnId: ret.id,
          orderLineId: line.id,
          sku: line.sku,
          quantity: requested.quantity,
          receivedQuantity: 0,
          reason: requested.reason.trim().slice(0, 200),
          exchangeSku: requested.exchangeSku?.trim() || null,
        })),
      );
      const units = returnLines.reduce((sum, l) => sum + l.requested.quantity, 0);
      await appendHistory(manager, {
        orderId: order.id,
        channel: request.channel,
        actor: ctx.caller.subject,
        event: `return ${rmaNumber} opened for ${units} unit(s): ${request.method}${label ? ` label ${label.trackingNumber}` : ''}, ${request.resolution}`,
      });
      await recordEvent<ReturnCreated>(
        manager,
        'orders.return.created',
        {
          returnId: ret.id,
          rmaNumber,
          orderId: order.id,
          customerId: order.customerId,
          method: request.method,
          resolution: request.resolution,
          locationId: ret.locationId,
          label,
        },
        request.channel,
      );
      return ret;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await ctx.db.getRepository(ReturnRequest).findOneBy({ idempotencyKey: key });
      if (winner) return winner;
    }
    throw error;
  }
}

/** Returned units received now, checked against the return and its order. */
interface Receipt {
  line: ReturnLine;
  orderLine: OrderLine;
  orderLineId: string;
  quantity: number;
  restockable: boolean;
}

function receiptLines(
  request: ReceiveReturnRequest,
  ret: ReturnRequest,
  returnLines: ReturnLine[],
  orderLines: OrderLine[],
): Receipt[] {
  const received = request.lines.map((r, i) => {
    const line = returnLines.find((l) => l.orderLineId === r.orderLineId);
    const field = (name: string) => ['input', 'lines', String(i), name];
    if (!line)
      throw new DomainError('UNKNOWN_LINE', `return ${ret.rmaNumber} has no line ${r.orderLineId}`, field('orderLineId'));
    const open = line.quantity - line.receivedQuantity;
    if (r.quantity > open)
      throw new DomainError('RETURN_QUANTITY_EXCEEDED', `${open} unit(s) of ${line.sku} are still expected`, field('quantity'));
    return { line, orderLine: orderLines.find((l) => l.id === r.orderLineId)!, ...r };
  });
  if (new Set(received.map((r) => r.orderLineId)).size !== received.length) {
    throw new DomainError('DUPLICATE_LINE', 'each line once per receipt', ['input', 'lines']);
  }
  return received;
}

/** What the received units cost the shopper (their share of the order's discounts included). */
function receivedValue(received: readonly Receipt[]): number {
  return received.reduce((sum, r) => sum + unitsValue(r.orderLine, r.orderLine.settledQuantity, r.quantity), 0);
}

/** The value of the order's received units before the receipt is applied (for an exchange's credit). */
async function expectedCredit(ctx: ServiceContext, request: ReceiveReturnRequest, ret: ReturnRequest): Promise<number> {
  const returnLines = await ctx.db.getRepository(ReturnLine).findBy({ returnId: ret.id });
  const orderLines = await ctx.db.getRepository(OrderLine).findBy({ orderId: ret.orderId });
  return receivedValue(receiptLines(request, ret, returnLines, orderLines));
}

/**
 * Goods of a return arrive at a location, as steps in one transaction: mark the units received,
 * take their value off the order, and move the money: REFUND back to the order's tenders,
 * STORE_CREDIT to the customer's wallet (loyalty credits it on `orders.return.received`),
 * EXCHANGE as credit towards the replacement order placed in the same transaction (a dearer
 * replacement leaves the difference to pay, a cheaper one refunds it to the tenders).
 */
export async function receiveReturn(ctx: ServiceContext, request: ReceiveReturnRequest): Promise<ReturnRequest> {
  if (request.lines.length === 0) throw new DomainError('EMPTY_RETURN', 'name the lines received', ['input', 'lines']);
  checkQuantities(request.lines);
  const ret = await ctx.db.getRepository(ReturnRequest).findOneBy({ id: request.returnId });
  if (!ret) throw new DomainError('UNKNOWN_RETURN', `no return ${request.returnId}`, ['input', 'returnId']);
  if (!(await locationExists(ctx, request.locationId)))
    throw new DomainError('UNKNOWN_LOCATION', `no location ${request.locationId}`, ['input', 'locationId']);
  const channel = ctx.channel ?? ret.channel;
  let refunds: PaymentRefund[] = [];

  const apply = async (
    manager: EntityManager,
    exchange: { order: Order; creditCents: number } | null,
  ): Promise<ReturnRequest> => {
    const order = (await lockOrder(manager, ret.orderId))!;
    const current = await manager.findOneByOrFail(ReturnRequest, { id: ret.id });
    const returnLines = await manager.findBy(ReturnLine, { returnId: ret.id });
    const orderLines = await manager.findBy(OrderLine, { orderId: ret.orderId });
    const received = receiptLines(request, current, returnLines, orderLines);
    const value = receivedValue(received);
    await markReceived(manager, received);
    const complete = returnLines.every((l) => l.receivedQuantity >= l.quantity);
    current.status = complete ? ReturnStatus.RECEIVED : ReturnStatus.PARTIALLY_RECEIVED;
    current.receivedAt = new Date();

    let refundCents = value;
    let paidOutCents = 0;
    if (current.resolution === ReturnResolution.STORE_CREDIT) paidOutCents = value;
    if (exchange) {
      if (exchange.creditCents > value)
        throw new DomainError('CONCURRENT_CHANGE', 'the order changed meanwhile; try again', ['input', 'returnId']);
      paidOutCents = exchange.creditCents;
      refundCents = value - exchange.creditCents;
      current.exchangeOrderId = exchange.order.id;
    }
    current.refundCents += refundCents;
    await manager.update(
      ReturnRequest,
      { id: current.id },
      {
        status: current.status,
        refundCents: current.refundCents,
        receivedAt: current.receivedAt,
        exchangeOrderId: current.exchangeOrderId,
      },
    );
    refunds = await applyOrderChange(manager, ctx, order, {
      totalCents: order.totalCents - value,
      paidOutCents,
      reason: exchange ? 'EXCHANGED' : 'RETURNED',
      channel,
    });

    const units = received.reduce((sum, r) => sum + r.quantity, 0);
    const outcome = exchange
      ? `exchange order ${exchange.order.number}: credit ${exchange.creditCents}, refund ${refundCents} ${current.currency}`
      : `${current.resolution === ReturnResolution.STORE_CREDIT ? 'store credit' : 'refund'} ${refundCents} ${current.currency}`;
    await appendHistory(manager, {
      orderId: current.orderId,
      channel,
      actor: ctx.caller.subject,
      event: `return ${current.rmaNumber} received ${units} unit(s) at ${request.locationId}: ${outcome}`,
    });
    await recordEvent<ReturnReceived>(
      manager,
      'orders.return.received',
      {
        returnId: current.id,
        orderId: current.orderId,
        customerId: current.customerId,
        locationId: request.locationId,
        resolution: current.resolution,
        refundCents,
        currency: current.currency,
        exchangeOrderId: exchange?.order.id ?? null,
        lines: received.map((r) => ({
          orderLineId: r.orderLineId,
          sku: r.line.sku,
          quantity: r.quantity,
          unitPriceCents: r.orderLine.unitPriceCents,
          restockable: r.restockable,
        })),
      },
      channel,
    );
    return current;
  };

  const result =
    ret.resolution !== ReturnResolution.EXCHANGE
      ? await inTransaction(ctx.db, (manager) => apply(manager, null))
      : await placeExchange(ctx, request, ret, await expectedCredit(ctx, request, ret), (manager, order, creditCents) =>
          apply(manager, { order, creditCents }),
        );
  await sendRefunds(ctx, refunds);
  return result;
}

async function markReceived(manager: EntityManager, received: readonly Receipt[]): Promise<void> {
  for (const r of received) {
    const changed = await manager.update(
      ReturnLine,
      { id: r.line.id, receivedQuantity: r.line.receivedQuantity },
      { receivedQuantity: r.line.receivedQuantity + r.quantity },
    );
    if (!changed.affected)
      throw new DomainError('CONCURRENT_CHANGE', 'the return changed meanwhile; reload it', ['input', 'returnId']);
    r.line.receivedQuantity += r.quantity;
    const settled = r.orderLine.settledQuantity + r.quantity;
    await manager.update(
      OrderLine,
      { id: r.orderLineId },
      settled >= r.orderLine.quantity ? { settledQuantity: settled, status: LineStatus.RETURNED } : { settledQuantity: settled },
    );
    r.orderLine.settledQuantity = settled;
  }
}

/**
 * The replacement of an exchange: the exchange SKUs for the units received, on the return's
 * channel, routed and priced like any order, with the returned units' value as credit. `apply`
 * runs in the replacement's own transaction, so the receipt and the new order commit together.
 */
async function placeExchange(
  ctx: ServiceContext,
  request: ReceiveReturnRequest,
  ret: ReturnRequest,
  creditCents: number,
  apply: (manager: EntityManager, order: Order, creditCents: number) => Promise<ReturnRequest>,
): Promise<ReturnRequest> {
  const returnLines = await ctx.db.getRepository(ReturnLine).findBy({ returnId: ret.id });
  const receivedBefore = returnLines.reduce((sum, l) => sum + l.receivedQuantity, 0);
  const lines = request.lines.map((r) => {
    const line = returnLines.find((l) => l.orderLineId === r.orderLineId);
    return { sku: line?.exchangeSku ?? line?.sku ?? '', quantity: r.quantity };
  });
  if (lines.some((l) => !l.sku))
    throw new DomainError('UNKNOWN_LINE', `return ${ret.rmaNumber} has no such line`, ['input', 'lines']);
  const fulfillment = ret.exchangeFulfillment
    ? (JSON.parse(ret.exchangeFulfillment) as OrderRequest['fulfillment'])
    : { type: FulfillmentType.SHIP };
  let result: ReturnRequest | null = null;
  // The replacement is sold in the returned order's market, at its prices and in its currency.
  const original = await ctx.db.getRepository(Order).findOne({ where: { id: ret.orderId }, select: { id: true, market: true } });
  await placeOrder(
    ctx,
    {
      customerId: ret.customerId,
      channel: ret.channel,
      idempotencyKey: `exchange-${ret.id}-${receivedBefore}`,
      externalRef: ret.rmaNumber,
      lines,
      fulfillment,
      payment: request.payment ?? null,
      market: original?.market ?? null,
    },
    {
      scope: `return:${ret.id}`,
      exchangeCreditCents: creditCents,
      beforeCommit: async (manager, order, placed) => {
        result = await apply(manager, order, placed.exchangeCreditCents);
      },
    },
  );
  // A concurrent receipt placed this key's order first: this receipt applied nothing.
  if (!result) throw new DomainError('CONCURRENT_CHANGE', 'the return changed meanwhile; reload it', ['input', 'returnId']);
  return result;
}
