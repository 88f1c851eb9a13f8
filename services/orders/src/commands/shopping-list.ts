import { randomUUID } from 'node:crypto';
import {
  addDays,
  Channel,
  DomainError,
  inTransaction,
  isoDate,
  isUniqueViolation,
  recordEvent,
  rowsWhereIn,
  type ServiceContext,
  type ShoppingListFillDue,
} from '@omni/platform';
import { LessThanOrEqual, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { cleanText } from '../domain/input';
import {
  firstFillOn,
  fillOrderKey,
  HISTORY_DAYS,
  isDueOn,
  MAX_LIST_ITEMS,
  MAX_LIST_QUANTITY,
  needsReminder,
  purchaseRhythm,
  readyToFill,
  AUTO_FILL_NOTICE_DAYS,
  type Purchase,
  type PurchaseRhythm,
} from '../domain/shopping-list';
import { MAX_INTERVAL_DAYS, nextRunAfter } from '../domain/subscriptions';
import { LineStatus, FulfillmentType } from '../domain/status';
import { Cart, CartLineRow } from '../entities/cart';
import { Order, OrderLine } from '../entities/order';
import { ShoppingListItemRow } from '../entities/shopper';
import { catalogPrices, resolveCustomerId } from '../peers';
import { createCart } from './cart';
import { subscriptionCodes } from './order-pricing';
import { defaultPayment } from './payment-methods';
import { placeOrder } from './place-order';

/** One item as the shopper's app shows it: what she keeps on the list, and what the list learned. */
export interface ShoppingListItemView {
  /** Null for an item the list learned that the shopper has not touched. */
  id: string | null;
  customerId: string;
  sku: string;
  quantity: number;
  autoFill: boolean;
  /** The shopper's own interval, else the learned one; null when neither exists. */
  intervalDays: number | null;
  learned: PurchaseRhythm | null;
  /** The last day she bought it (any channel, the past year); null: not bought. */
  lastPurchasedOn: string | null;
  /** Auto-fill: the next order's date; otherwise when she will want it again (learned). */
  nextDueOn: string | null;
  due: boolean;
  addedByShopper: boolean;
  row: ShoppingListItemRow | null;
}

export type PurchaseHistory = Map<string, Map<string, Purchase[]>>;

const dayOf = (value: Date | string) => (typeof value === 'string' ? value.slice(0, 10) : isoDate(value));

/**
 * Each customer's purchases per SKU over the last HISTORY_DAYS, from the orders of every channel
 * (cancelled lines aside): one statement for all the customers asked.
 */
export async function purchaseHistory(
  manager: EntityManager,
  customerIds: readonly string[],
  asOf: string,
  skus?: readonly string[],
): Promise<PurchaseHistory> {
  const history: PurchaseHistory = new Map(customerIds.map((id) => [id, new Map()]));
  if (customerIds.length === 0) return history;
  const query = manager
    .createQueryBuilder(OrderLine, 'l')
    .innerJoin(Order, 'o', 'o.id = l."orderId"')
    .select('o."customerId"', 'customerId')
    .addSelect('l.sku', 'sku')
    .addSelect('l.quantity', 'quantity')
    .addSelect('o."placedAt"', 'placedAt')
    .where('o."customerId" IN (:...customerIds)', { customerIds: [...customerIds] })
    .andWhere('o."placedAt" >= :since', { since: new Date(`${addDays(asOf, -HISTORY_DAYS)}T00:00:00Z`) })
    .andWhere('l.status != :cancelled', { cancelled: LineStatus.CANCELLED });
  if (skus?.length) query.andWhere('l.sku IN (:...skus)', { skus: [...skus] });
  const rows = await query.getRawMany<{ customerId: string; sku: string; quantity: number | string; placedAt: Date | string }>();
  for (const row of rows) {
    const bySku = history.get(row.customerId);
    if (!bySku) continue;
    const purchases = bySku.get(row.sku) ?? [];
    purchases.push({ day: dayOf(row.placedAt), quantity: Number(row.quantity) });
    bySku.set(row.sku, purchases);
  }
  return history;
}

/**
 * The list of one customer: the items she keeps (quantity above 0), then what she bought on at
 * least two days and has not removed; due items first, then by due date and SKU.
 */
export function listView(
  customerId: string,
  rows: readonly ShoppingListItemRow[],
  purchases: Map<string, Purchase[]>,
  today: string,
): ShoppingListItemView[] {
  const items: ShoppingListItemView[] = [];
  const kept = new Set(rows.map((r) => r.sku));
  for (const row of rows) {
    if (row.quantity <= 0) continue;
    items.push(view(customerId, row.sku, row, purchases.get(row.sku) ?? [], today));
  }
  for (const [sku, bought] of purchases) {
    if (kept.has(sku)) continue;
    if (purchaseRhythm(bought, today)?.nextDueOn) items.push(view(customerId, sku, null, bought, today));
  }
  return items.sort(
    (a, b) =>
      Number(b.due) - Number(a.due) || (a.nextDueOn ?? '9999').localeCompare(b.nextDueOn ?? '9999') || a.sku.localeCompare(b.sku),
  );
}

/** The last day (on or before `today`) any of these purchases was made, or null. */
function lastPurchaseDay(purchases: readonly Purchase[], today: string): string | null {
  let last: string | null = null;
  for (const p of purchases) if (p.day <= today && (last === null || p.day > last)) last = p.day;
  return last;
}

function view(
  customerId: string,
  sku: string,
  row: ShoppingListItemRow | null,
  purchases: readonly Purchase[],
  today: string,
): ShoppingListItemView {
  const learned = purchaseRhythm(purchases, today);
  const lastPurchasedOn = lastPurchaseDay(purchases, today);
  const intervalDays = row?.intervalDays ?? learned?.intervalDays ?? null;
  // Her own interval counts from her last purchase; a learned one lapses after three intervals without one.
  const nextDueOn = row?.autoFill
    ? row.nextFillOn
    : row?.intervalDays && lastPurchasedOn
      ? addDays(lastPurchasedOn, row.intervalDays)
      : (learned?.nextDueOn ?? null);
  return {
    id: row?.id ?? null,
    customerId,
    sku,
    quantity: row?.quantity ?? learned?.lastQuantity ?? 1,
    autoFill: row?.autoFill ?? false,
    intervalDays,
    learned,
    lastPurchasedOn,
    nextDueOn,
    due: isDueOn(nextDueOn, today),
    addedByShopper: row !== null,
    row,
  };
}

export interface SetItemRequest {
  customerId: string;
  sku: string;
  /** 0 removes it (a learned item stays off the list). */
  quantity: number;
  autoFill?: boolean | null;
  /** The shopper's own interval; null clears it (the learned one applies); absent: unchanged. */
  intervalDays?: number | null;
  channel?: Channel | null;
}

/**
 * Adds, changes or removes one item. Switching auto-fill on needs an interval (the shopper's or
 * a learned one: INTERVAL_REQUIRED) and plans the first order when the item is next due (today
 * at the earliest); the shopper is told `AUTO_FILL_NOTICE_DAYS` before each order.
 */
export async function setShoppingListItem(ctx: ServiceContext, request: SetItemRequest): Promise<ShoppingListItemView> {
  const sku = cleanText(request.sku, 64, 'UNKNOWN_SKU', ['input', 'sku']);
  if (!Number.isSafeInteger(request.quantity) || request.quantity < 0 || request.quantity > MAX_LIST_QUANTITY) {
    throw new DomainError('INVALID_QUANTITY', `a quantity is 0 (remove) to ${MAX_LIST_QUANTITY}`, ['input', 'quantity']);
  }
  if (request.intervalDays != null) {
    if (!Number.isSafeInteger(request.intervalDays) || request.intervalDays < 1 || request.intervalDays > MAX_INTERVAL_DAYS) {
      throw new DomainError('INVALID_INTERVAL', `an interval is 1 to ${MAX_INTERVAL_DAYS} days`, ['input', 'intervalDays']);
    }
  }
  if (request.autoFill && request.quantity === 0) {
    throw new DomainError('INVALID_QUANTITY', 'an auto-filled item orders at least one unit', ['input', 'quantity']);
  }
  const customerId = await resolveCustomerId(ctx, cleanText(request.customerId, 36, 'UNKNOWN_CUSTOMER', ['input', 'customerId']));
  if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  if (request.quantity > 0) {
    const price = (await catalogPrices(ctx, [sku], request.channel ?? ctx.channel ?? Channel.MOBILE_APP)).get(sku);
    if (!price) throw new DomainError('UNKNOWN_SKU', `no product has SKU ${sku}`, ['input', 'sku']);
    if (price.discontinued) throw new DomainError('DISCONTINUED_SKU', `${sku} is no longer sold`, ['input', 'sku']);
  }
  const today = isoDate();
  const write = () =>
    inTransaction(ctx.db, async (manager) => {
      const rows = await manager.findBy(ShoppingListItemRow, { customerId });
      const existing = rows.find((r) => r.sku === sku) ?? null;
      if (!existing && rows.filter((r) => r.quantity > 0).length >= MAX_LIST_ITEMS) {
        throw new DomainError('TOO_MANY_ITEMS', `a list holds at most ${MAX_LIST_ITEMS} items`, ['input', 'sku']);
      }
      const purchases = (await purchaseHistory(manager, [customerId], today, [sku])).get(customerId)!.get(sku) ?? [];
      const learned = purchaseRhythm(purchases, today);
      const intervalDays = request.intervalDays !== undefined ? request.intervalDays : (existing?.intervalDays ?? null);
      const autoFill = request.quantity > 0 && (request.autoFill ?? existing?.autoFill ?? false);
      const interval = intervalDays ?? learned?.intervalDays ?? null;
      let schedule: Partial<ShoppingListItemRow> = { nextFillOn: null, remindedFor: null };
      if (autoFill) {
        if (!interval) {
          throw new DomainError('INTERVAL_REQUIRED', 'auto-fill needs an interval: give intervalDays, or buy it twice first', [
            'input',
            'intervalDays',
          ]);
        }
        const unchanged = existing?.autoFill && existing.nextFillOn && existing.intervalDays === intervalDays;
        const last = lastPurchaseDay(purchases, today);
        const dueOn = last ? addDays(last, interval) : null;
        schedule = unchanged
          ? { nextFillOn: existing.nextFillOn, remindedFor: existing.remindedFor }
          : { nextFillOn: firstFillOn(dueOn, interval, today), remindedFor: null };
      }
      const now = new Date();
      const row = manager.create(ShoppingListItemRow, {
        ...(existing ?? {
          id: randomUUID(),
          customerId,
          sku,
          lastFillOn: null,
          lastOrderId: null,
          lastFailure: null,
          createdAt: now,
        }),
        quantity: request.quantity,
        autoFill,
        intervalDays,
        ...schedule,
        updatedAt: now,
      });
      if (existing) await manager.update(ShoppingListItemRow, { id: row.id }, row);
      else await manager.insert(ShoppingListItemRow, row);
      return view(customerId, sku, row, purchases, today);
    });
  try {
    return await write();
  } catch (error) {
    // The same SKU added twice at once: the second write finds the first's row.
    if (!isUniqueViolation(error)) throw error;
    return write();
  }
}

/** The shopper's kept row for a SKU with auto-fill on, or NOT_AUTO_FILLED. */
async function autoFilledRow(ctx: ServiceContext, customerId: string, sku: string): Promise<ShoppingListItemRow> {
  const row = await ctx.db
    .getRepository(ShoppingListItemRow)
    .findOneBy({ customerId, sku: cleanText(sku, 64, 'UNKNOWN_SKU', ['sku']) });
  if (!row?.autoFill || !row.nextFillOn) throw new DomainError('NOT_AUTO_FILLED', `${sku} is not auto-filled`, ['sku']);
  return row;
}

/** Skips the next auto-fill order: it moves one interval on (past today). */
export async function skipShoppingListFill(ctx: ServiceContext, customerId: string, sku: string): Promise<ShoppingListItemView> {
  const row = await autoFilledRow(ctx, customerId, sku);
  const today = isoDate();
  const purchases = (await purchaseHistory(ctx.db.manager, [customerId], today, [row.sku])).get(customerId)!.get(row.sku) ?? [];
  const learned = purchaseRhythm(purchases, today);
  const interval = row.intervalDays ?? learned?.intervalDays ?? 1;
  const next = nextRunAfter(row.nextFillOn!, interval, row.nextFillOn! < today ? today : row.nextFillOn!);
  const changed = await ctx.db
    .getRepository(ShoppingListItemRow)
    .update({ id: row.id, nextFillOn: row.nextFillOn! }, { nextFillOn: next, remindedFor: null, updatedAt: new Date() });
  if (!changed.affected)
    throw new DomainError('CONCURRENT_CHANGE', 'the item changed meanwhile (an order was placed); reload it', ['sku']);
  return view(customerId, row.sku, Object.assign(row, { nextFillOn: next, remindedFor: null }), purchases, today);
}

/**
 * "Buy my list": a new cart with every item kept on the list (or only the due ones), priced by the
 * cart as usual. Items no longer sold are left out and named.
 */
export async function buyShoppingList(
  ctx: ServiceContext,
  request: { customerId: string; channel: Channel; onlyDue?: boolean | null },
): Promise<{ cart: Cart; skipped: string[] }> {
  const customerId = await resolveCustomerId(ctx, cleanText(request.customerId, 36, 'UNKNOWN_CUSTOMER', ['input', 'customerId']));
  if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  const today = isoDate();
  const rows = await ctx.db.getRepository(ShoppingListItemRow).findBy({ customerId });
  const history = await purchaseHistory(ctx.db.manager, [customerId], today);
  const items = listView(customerId, rows, history.get(customerId)!, today).filter(
    (i) => i.addedByShopper && (!request.onlyDue || i.due),
  );
  if (items.length === 0) throw new DomainError('EMPTY_LIST', 'nothing on the list to buy', ['input']);
  const prices = await catalogPrices(
    ctx,
    items.map((i) => i.sku),
    request.channel,
  );
  const buyable = items.filter((i) => prices.get(i.sku) && !prices.get(i.sku)!.discontinued);
  if (buyable.length === 0) throw new DomainError('EMPTY_LIST', 'nothing on the list is sold any more', ['input']);
  const cart = await createCart(ctx, { customerId, channel: request.channel });
  // One row per insert: a multi-row insert hands values back to the wrong entities on SQLite.
  for (const [position, item] of buyable.entries()) {
    await ctx.db.getRepository(CartLineRow).insert({ cartId: cart.id, sku: item.sku, quantity: item.quantity, position });
  }
  return { cart, skipped: items.filter((i) => !buyable.includes(i)).map((i) => i.sku) };
}

/**
 * The `shopping-list-auto-fill` job, as of `asOf`: tells each shopper of an auto-fill order coming
 * within AUTO_FILL_NOTICE_DAYS (`orders.shopping_list.fill_due`, once per fill date), and places
 * the orders that are due and were announced in an earlier run. An order's idempotency key is
 * `list-<item>-<fillDate>` and the fill date moves on in the order's own transaction (conditional
 * on the date read), so a second or concurrent run places nothing more. Priced by the same engine
 * as every order (with subscribe-and-save), paid from the wallet first, then the default saved
 * method. A failure is recorded on the item and retried by the next run. Returns the orders placed.
 */
export async function runShoppingListAutoFill(ctx: ServiceContext, asOf: string): Promise<Order[]> {
  const repository = ctx.db.getRepository(ShoppingListItemRow);
  const candidates = await repository.find({
    where: { autoFill: true, quantity: MoreThan(0), nextFillOn: LessThanOrEqual(addDays(asOf, AUTO_FILL_NOTICE_DAYS)) },
    order: { nextFillOn: 'ASC', id: 'ASC' },
    take: 500,
  });
  const history = await purchaseHistory(
    ctx.db.manager,
    [...new Set(candidates.filter((c) => readyToFill(c.nextFillOn!, c.remindedFor, asOf)).map((c) => c.customerId))],
    asOf,
  );
  const placed: Order[] = [];
  for (const item of candidates) {
    const fillOn = item.nextFillOn!;
    if (readyToFill(fillOn, item.remindedFor, asOf)) {
      const order = await fill(ctx, item, fillOn, asOf, history.get(item.customerId) ?? new Map());
      if (order) placed.push(order);
    } else if (needsReminder(fillOn, item.remindedFor, asOf)) {
      await remind(ctx, item, fillOn);
    }
  }
  return placed;
}

async function remind(ctx: ServiceContext, item: ShoppingListItemRow, fillOn: string): Promise<void> {
  await inTransaction(ctx.db, async (manager) => {
    const changed = await manager.update(ShoppingListItemRow, { id: item.id, nextFillOn: fillOn }, { remindedFor: fillOn });
    if (!changed.affected) return;
    await recordEvent<ShoppingListFillDue>(
      manager,
      'orders.shopping_list.fill_due',
      { itemId: item.id, customerId: item.customerId, sku: item.sku, quantity: item.quantity, fillOn },
      Channel.MOBILE_APP,
    );
  });
}

async function fill(
  ctx: ServiceContext,
  item: ShoppingListItemRow,
  fillOn: string,
  asOf: string,
  purchases: Map<string, Purchase[]>,
): Promise<Order | null> {
  const interval = item.intervalDays ?? purchaseRhythm(purchases.get(item.sku) ?? [], asOf)?.intervalDays ?? null;
  try {
    if (!interval) throw new DomainError('INTERVAL_REQUIRED', 'no interval: set intervalDays on the item');
    const payment = await defaultPayment(ctx, item.customerId);
    return await placeOrder(
      ctx,
      {
        customerId: item.customerId,
        channel: Channel.MOBILE_APP,
        idempotencyKey: fillOrderKey(item.id, fillOn),
        lines: [{ sku: item.sku, quantity: item.quantity }],
        fulfillment: { type: FulfillmentType.SHIP },
        useStoreCredit: true,
        payment,
      },
      {
        scope: 'shopping-list',
        fingerprint: { itemId: item.id, fillOn },
        systemCouponCodes: subscriptionCodes(),
        beforeCommit: async (manager, order) => {
          const moved = await manager.update(
            ShoppingListItemRow,
            { id: item.id, nextFillOn: fillOn },
            {
              nextFillOn: nextRunAfter(fillOn, interval, asOf),
              remindedFor: null,
              lastFillOn: fillOn,
              lastOrderId: order.id,
              lastFailure: null,
              updatedAt: new Date(),
            },
          );
          if (!moved.affected) throw new DomainError('CONCURRENT_CHANGE', 'the item changed meanwhile (skipped or switched off)');
        },
      },
    );
  } catch (error) {
    const reason = error instanceof DomainError ? `${error.code}: ${error.message}` : `ERROR: ${(error as Error).message}`;
    ctx.log.warn({ itemId: item.id, fillOn, reason }, 'shopping list auto-fill failed');
    await ctx.db
      .getRepository(ShoppingListItemRow)
      .update({ id: item.id, nextFillOn: fillOn }, { lastFailure: reason.slice(0, 300) });
    return null;
  }
}

/**
 * Bought in any channel: an auto-filled item's next order moves to one interval after this
 * purchase when that is later than planned (she bought it in store: no delivery on top of it).
 */
export interface OrderPurchase {
  customerId: string | null;
  skus: string[];
  day: string;
  orderId: string;
}

/** The shopper's auto-filled items a purchase may move: scheduled, and not filled by this very order. */
export async function fillsAfterPurchase(manager: EntityManager, purchase: OrderPurchase): Promise<ShoppingListItemRow[]> {
  if (!purchase.customerId || purchase.skus.length === 0) return [];
  const rows = await rowsWhereIn(manager, ShoppingListItemRow, {
    property: 'sku',
    values: purchase.skus,
    and: { customerId: purchase.customerId, autoFill: true },
  });
  return rows.filter(movedBy(purchase));
}

/** Whether a purchase may move any auto-filled item, read outside a transaction. */
export async function purchaseMovesFills(db: DataSource, purchase: OrderPurchase): Promise<boolean> {
  return (await fillsAfterPurchase(db.manager, purchase)).length > 0;
}

const movedBy = (purchase: OrderPurchase) => (row: ShoppingListItemRow) =>
  Boolean(row.nextFillOn) && row.lastOrderId !== purchase.orderId;

export async function pushFillsAfterPurchase(manager: EntityManager, purchase: OrderPurchase): Promise<void> {
  const rows = await fillsAfterPurchase(manager, purchase);
  if (rows.length === 0 || !purchase.customerId) return;
  const history = await purchaseHistory(
    manager,
    [purchase.customerId],
    purchase.day,
    rows.map((r) => r.sku),
  );
  for (const row of rows) {
    const interval =
      row.intervalDays ?? purchaseRhythm(history.get(purchase.customerId)!.get(row.sku) ?? [], purchase.day)?.intervalDays;
    if (!interval) continue;
    const after = addDays(purchase.day, interval);
    if (after <= row.nextFillOn!) continue;
    await manager.update(
      ShoppingListItemRow,
      { id: row.id, nextFillOn: row.nextFillOn! },
      { nextFillOn: after, remindedFor: null },
    );
  }
}
