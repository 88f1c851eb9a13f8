import type { ServiceContext } from '@omni/platform';
import { LineStatus } from '../domain/status';
import type { Order, OrderLine } from '../entities/order';
import { priceCartWithCatalog } from '../peers';
import { unitsValue } from './order-money';

export interface LineTarget {
  sku: string;
  quantity: number;
}

export interface RepricedOrder {
  subtotalCents: number;
  discountCents: number;
  /** What the order costs after the change: the re-priced lines less what was already taken off. */
  totalCents: number;
  /** Each line that stays: its unit price and discount after the change. */
  lines: Map<string, { unitPriceCents: number; discountCents: number }>;
}

/**
 * Prices an order as it will be after a change, with the promotion engine every channel uses:
 * the coupons it was placed with, the promotions active when it was placed, the agreed unit price
 * for every line that keeps its SKU and today's channel price for a new SKU. Removing a line can
 * so drop a threshold discount, and the remaining lines get what the rules give them.
 */
export async function repriceOrder(
  ctx: ServiceContext,
  order: Order,
  lines: readonly OrderLine[],
  targets: ReadonlyMap<string, LineTarget>,
): Promise<RepricedOrder> {
  const live = lines.filter((l) => l.status !== LineStatus.CANCELLED && l.status !== LineStatus.RETURNED);
  const after = live
    .map((line) => {
      const target = targets.get(line.id) ?? { sku: line.sku, quantity: line.quantity };
      const agreed = target.sku === line.sku ? { cents: line.unitPriceCents, currency: line.currency } : null;
      return { line, sku: target.sku, quantity: target.quantity, unitPrice: agreed };
    })
    .filter((l) => l.quantity > 0);
  const pricing = await priceCartWithCatalog(ctx, {
    channel: order.channel,
    customerId: order.customerId,
    couponCodes: order.couponCodes,
    lines: after.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
    at: order.placedAt,
    // A new SKU is priced in the order's market, in the order's currency.
    market: order.market,
  });
  // Units already taken off (partly returned lines) stay off at the value they had.
  const takenOff = after.reduce((sum, l) => sum + unitsValue(l.line, 0, l.line.settledQuantity), 0);
  return {
    subtotalCents: pricing.subtotalCents,
    discountCents: pricing.discountCents,
    totalCents: pricing.totalCents - takenOff,
    lines: new Map(
      after.map((l, i) => {
        const priced = pricing.lines[i]!;
        return [
          l.line.id,
          { unitPriceCents: priced.unitPriceCents, discountCents: priced.unitPriceCents * priced.quantity - priced.totalCents },
        ];
      }),
    ),
  };
}
