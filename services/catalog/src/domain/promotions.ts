import type { Channel } from '@omni/platform';

/** Loyalty tiers, lowest first (the loyalty service's ladder). */
export const TIERS = ['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'] as const;

export interface PromotionRule {
  id: string;
  name: string;
  /** Null: applies automatically; otherwise only when the code is entered (case-insensitive). */
  code: string | null;
  kind: 'PERCENT_OFF' | 'AMOUNT_OFF';
  /** Percent 1..100, or minor units. */
  value: number;
  currency: string | null;
  /** Empty: every channel. */
  channels: readonly Channel[];
  minSubtotalCents: number | null;
  minTier: string | null;
  /** Only members of this segment; null or absent: everyone. */
  segmentId?: string | null;
  /** Only this customer (a personal offer); null or absent: everyone. */
  customerId?: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  active: boolean;
}

export interface CartLineIn {
  sku: string;
  quantity: number;
  unitPriceCents: number;
  currency: string;
  /** False for a gift card: no promotion discounts it, nor counts it towards a minimum. Default true. */
  promotable?: boolean;
}

export interface CartCustomer {
  id: string | null;
  tier: string | null;
  /** The segments the customer is in (from CRM's events); absent: none. */
  segmentIds?: readonly string[];
}

export interface PricedLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
}

export interface AppliedPromotion {
  promotionId: string;
  name: string;
  code: string | null;
  discountCents: number;
}

export interface PricedCart {
  currency: string;
  lines: PricedLine[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  applied: AppliedPromotion[];
  /** Codes asked for that matched no promotion applicable to this cart. */
  rejectedCodes: string[];
}

export class CartPricingError extends Error {
  constructor(
    readonly code: 'CURRENCY_MISMATCH' | 'INVALID_QUANTITY' | 'INVALID_PRICE' | 'EMPTY_CART',
    message: string,
  ) {
    super(message);
  }
}

function tierRank(tier: string | null): number {
  return tier ? TIERS.indexOf(tier as (typeof TIERS)[number]) : -1;
}

/** Whether a promotion applies to a cart of this subtotal, in this channel, for this customer, now. */
export function isEligible(
  promotion: PromotionRule,
  cart: { channel: Channel; currency: string; subtotalCents: number },
  customer: CartCustomer,
  codes: ReadonlySet<string>,
  now: Date,
): boolean {
  if (!promotion.active) return false;
  if (promotion.code && !codes.has(promotion.code.toUpperCase())) return false;
  if (promotion.channels.length > 0 && !promotion.channels.includes(cart.channel)) return false;
  if (promotion.startsAt && now < promotion.startsAt) return false;
  if (promotion.endsAt && now >= promotion.endsAt) return false;
  // Amounts are in one currency: an amount-off or a minimum in another currency never applies.
  if (promotion.currency && promotion.currency !== cart.currency) {
    if (promotion.kind === 'AMOUNT_OFF' || promotion.minSubtotalCents != null) return false;
  }
  if (promotion.minSubtotalCents != null && cart.subtotalCents < promotion.minSubtotalCents) return false;
  if (promotion.minTier && tierRank(customer.tier) < tierRank(promotion.minTier)) return false;
  if (promotion.customerId && customer.id !== promotion.customerId) return false;
  if (promotion.segmentId && !(customer.segmentIds ?? []).includes(promotion.segmentId)) return false;
  return true;
}

/** Whether a promotion could apply in this channel at this moment, whoever the customer and whatever the cart. */
function mayApply(promotion: PromotionRule, channel: Channel, now: Date): boolean {
  if (!promotion.active) return false;
  if (promotion.channels.length > 0 && !promotion.channels.includes(channel)) return false;
  if (promotion.startsAt && now < promotion.startsAt) return false;
  return !(promotion.endsAt && now >= promotion.endsAt);
}

/**
 * What pricing must read about the customer besides what the caller gave: their segments when a
 * segment promotion could apply, their stored loyalty tier when a tier-limited one could and the
 * caller named the customer but no tier. Nothing without a customer: an anonymous cart costs no read.
 */
export function customerFactsNeeded(
  promotions: readonly PromotionRule[],
  customer: Pick<CartCustomer, 'id' | 'tier'>,
  channel: Channel,
  now: Date,
): { segments: boolean; tier: boolean } {
  if (!customer.id) return { segments: false, tier: false };
  const possible = promotions.filter((p) => mayApply(p, channel, now));
  return {
    segments: possible.some((p) => p.segmentId),
    tier: !customer.tier && possible.some((p) => p.minTier),
  };
}

/**
 * Splits `amount` over lines in proportion to `weights` with the largest-remainder method, so
 * the parts are whole cents and add up to exactly `amount`.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || amount === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (amount * w) / total);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Prices a cart: every eligible promotion applies to the subtotal (percentages are of the
 * subtotal, not compounded), the discount never exceeds the subtotal, and it is allocated to the
 * lines in whole cents, so the total is always the sum of the line totals. Pure: no clock, no I/O.
 */
export function priceCart(
  lines: readonly CartLineIn[],
  channel: Channel,
  customer: CartCustomer,
  promotions: readonly PromotionRule[],
  now: Date,
  couponCodes: readonly string[] = [],
): PricedCart {
  if (lines.length === 0) throw new CartPricingError('EMPTY_CART', 'a cart has at least one line');
  const currency = lines[0]!.currency;
  for (const line of lines) {
    if (line.currency !== currency)
      throw new CartPricingError('CURRENCY_MISMATCH', 'the lines are priced in different currencies');
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new CartPricingError('INVALID_QUANTITY', `${line.sku}: a quantity is a whole number above zero`);
    }
    if (!Number.isSafeInteger(line.unitPriceCents) || line.unitPriceCents < 0) {
      throw new CartPricingError('INVALID_PRICE', `${line.sku}: a price is a non-negative amount in cents`);
    }
  }
  const subtotals = lines.map((l) => l.unitPriceCents * l.quantity);
  const subtotalCents = subtotals.reduce((a, b) => a + b, 0);
  // Promotions see only what they may discount (gift cards are sold at their value).
  const promotable = lines.map((l, i) => (l.promotable === false ? 0 : subtotals[i]!));
  const promotableCents = promotable.reduce((a, b) => a + b, 0);
  const codes = new Set(couponCodes.map((c) => c.trim().toUpperCase()));
  const eligible = promotions
    .filter((p) => isEligible(p, { channel, currency, subtotalCents: promotableCents }, customer, codes, now))
    .sort((a, b) => a.id.localeCompare(b.id));

  let remaining = promotableCents;
  const applied: AppliedPromotion[] = [];
  for (const promotion of eligible) {
    const wanted =
      promotion.kind === 'PERCENT_OFF' ? Math.floor((promotableCents * Math.min(100, promotion.value)) / 100) : promotion.value;
    const discount = Math.min(remaining, Math.max(0, wanted));
    remaining -= discount;
    applied.push({ promotionId: promotion.id, name: promotion.name, code: promotion.code, discountCents: discount });
  }
  const discountCents = promotableCents - remaining;
  const discounts = allocate(discountCents, promotable);
  const priced = lines.map((line, i) => ({
    sku: line.sku,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    subtotalCents: subtotals[i]!,
    discountCents: discounts[i]!,
    totalCents: subtotals[i]! - discounts[i]!,
  }));
  const usedCodes = new Set(applied.map((a) => a.code?.toUpperCase()).filter(Boolean));
  return {
    currency,
    lines: priced,
    subtotalCents,
    discountCents,
    totalCents: priced.reduce((a, l) => a + l.totalCents, 0),
    applied,
    rejectedCodes: [...codes].filter((c) => c && !usedCodes.has(c)),
  };
}
