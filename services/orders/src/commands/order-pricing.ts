import { randomUUID } from 'node:crypto';
import { DomainError, type ServiceContext } from '@omni/platform';
import { lineDiscounts } from '../domain/money';
import { paidPerLine } from '../domain/returns';
import { FulfillmentType } from '../domain/status';
import type { PostalAddress } from '../entities/order';
import { customerShippingAddress, priceCartWithCatalog, type CartPricing } from '../peers';
import { orderSettings } from '../settings';
import type { OrderRequest } from './place-order';

/** What an order will cost and where it goes, worked out before anything is taken or reserved. */

/** The codes only the service applies: subscribe-and-save. */
export function subscriptionCodes(): string[] {
  const code = orderSettings().SUBSCRIBE_AND_SAVE_COUPON;
  return code ? [code] : [];
}

/** A shopper (or a channel) typing a code reserved to subscriptions gets INVALID_COUPON, as for an unknown one. */
export function refuseReservedCodes(codes: string[], field: string[]): void {
  const reserved = new Set(subscriptionCodes());
  codes.forEach((code, i) => {
    const normalized = code.trim().toUpperCase();
    if (reserved.has(normalized)) {
      throw new DomainError('INVALID_COUPON', `coupon ${normalized} is for subscription orders only`, [...field, String(i)]);
    }
  });
}

/** A postal address as an order keeps it (trimmed, country upper case), or null when a part is missing. */
export function postalAddress(
  address:
    { line1?: string | null; city?: string | null; postalCode?: string | null; country?: string | null } | null | undefined,
): PostalAddress | null {
  if (!address?.line1?.trim() || !address.city?.trim() || !address.postalCode?.trim() || !address.country?.trim()) return null;
  return {
    line1: address.line1.trim(),
    city: address.city.trim(),
    postalCode: address.postalCode.trim(),
    country: address.country.trim().toUpperCase(),
  };
}

/** Where a SHIP order goes: the address given, else the customer's own; a guest must give one. */
export async function shippingAddressOf(
  ctx: ServiceContext,
  request: OrderRequest,
  customerId: string | null,
  shipsAnything = true,
): Promise<{ postal: PostalAddress; lat: number | null; lng: number | null } | null> {
  if (request.fulfillment.type !== FulfillmentType.SHIP || !shipsAnything) return null;
  const given = request.fulfillment.address;
  const asGiven = postalAddress(given);
  if (asGiven) return { postal: asGiven, lat: given?.lat ?? null, lng: given?.lng ?? null };
  const own = customerId ? await customerShippingAddress(ctx, customerId) : null;
  if (!own)
    throw new DomainError('ADDRESS_REQUIRED', 'a shipped order needs a shipping address', ['input', 'fulfillment', 'address']);
  const { lat, lng, ...postal } = own;
  return { postal, lat: given?.lat ?? lat, lng: given?.lng ?? lng };
}

/**
 * The basket through the one price engine every channel uses (coupons that do not apply are
 * refused), with each SKU's category path for loyalty's category rules.
 */
export async function price(
  ctx: ServiceContext,
  request: OrderRequest,
  customerId: string | null,
  systemCodes: string[] = [],
): Promise<CartPricing & { categoryPaths: Map<string, string[]>; giftCards: Map<string, 'PHYSICAL' | 'EGIFT'> }> {
  const couponCodes = [...new Set((request.couponCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))];
  refuseReservedCodes(request.couponCodes ?? [], ['input', 'couponCodes']);
  // Codes the service applies itself (subscribe-and-save) give what the promotion's rules allow, and are never refused.
  const codes = [...new Set([...couponCodes, ...systemCodes])];
  // The market the channel names, else the store's where the order is collected or carried out.
  const atStore = request.fulfillment.type !== FulfillmentType.SHIP ? (request.fulfillment.pickupLocationId ?? null) : null;
  const pricing = await priceCartWithCatalog(
    ctx,
    {
      channel: request.channel,
      customerId,
      couponCodes: codes,
      lines: request.lines,
      market: request.market ?? null,
      locationId: atStore,
    },
    { forOrder: true },
  );
  couponCodes.forEach((code) => {
    if (!pricing.appliedCodes.includes(code)) {
      const i = (request.couponCodes ?? []).findIndex((c) => c.trim().toUpperCase() === code);
      throw new DomainError('INVALID_COUPON', `coupon ${code} does not apply to this order`, ['input', 'couponCodes', String(i)]);
    }
  });
  const categoryPaths = new Map(pricing.lines.map((l) => [l.sku, l.categoryPath ?? []]));
  const giftCards = new Map(pricing.lines.flatMap((l) => (l.giftCard ? [[l.sku, l.giftCard] as const] : [])));
  return { ...pricing, categoryPaths, giftCards };
}

export interface PricedOrderLine {
  id: string;
  sku: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  currency: string;
  giftCardKind: 'PHYSICAL' | 'EGIFT' | null;
  giftCardRecipientEmail: string | null;
}

/**
 * Lines with their discounts: the promotions' per line, plus an exchange credit shared by value;
 * a gift-card line carries its kind and recipient.
 */
export function pricedLines(
  pricing: CartPricing & { giftCards: Map<string, 'PHYSICAL' | 'EGIFT'> },
  requested: OrderRequest['lines'],
  credit: number,
): PricedOrderLine[] {
  const lines = pricing.lines.map((l) => ({ id: randomUUID(), ...l, currency: pricing.currency }));
  const promoted = lineDiscounts(lines);
  const afterPromotions = lines.map((l) => ({ id: l.id, quantity: 1, unitPriceCents: l.totalCents }));
  const paid = paidPerLine(afterPromotions, credit);
  return lines.map((l, i) => ({
    id: l.id,
    sku: l.sku,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    currency: pricing.currency,
    discountCents: promoted.get(l.id)! + (l.totalCents - paid.get(l.id)!),
    giftCardKind: pricing.giftCards.get(l.sku) ?? null,
    giftCardRecipientEmail: pricing.giftCards.get(l.sku)
      ? requested[i]?.giftCardRecipientEmail?.trim().toLowerCase() || null
      : null,
  }));
}
