import { DomainError, type Channel, type ServiceContext } from '@omni/platform';
import type { CandidateLocation } from './domain/routing';

/** The orders service's reads of other services, through their public subgraph APIs. */

export interface CatalogPrice {
  sku: string;
  discontinued: boolean;
  price: { cents: number; currency: string };
  product: { categoryPath: string[] } | null;
  giftCard: 'PHYSICAL' | 'EGIFT' | null;
}

const VARIANT_PRICES = /* GraphQL */ `
  query OrderVariantPrices($skus: [String!]!, $channel: Channel) {
    variants(skus: $skus) {
      sku
      discontinued
      giftCard
      price(channel: $channel) {
        cents
        currency
      }
      product {
        categoryPath
      }
    }
  }
`;

const CUSTOMER_EXISTS = /* GraphQL */ `
  query OrderCustomer($id: ID!) {
    customer(id: $id) {
      id
    }
  }
`;

/** Current prices for the channel, keyed by SKU; unknown SKUs are absent. */
export async function catalogPrices(ctx: ServiceContext, skus: string[], channel: Channel): Promise<Map<string, CatalogPrice>> {
  const data = await ctx.peers.get('catalog').request<{ variants: CatalogPrice[] }>(VARIANT_PRICES, { skus, channel }, ctx);
  return new Map(data.variants.map((v) => [v.sku, v]));
}

const CUSTOMER_LOOKUP = /* GraphQL */ `
  query OrderCustomerLookup($email: String, $loyaltyCardNumber: String) {
    customerLookup(email: $email, loyaltyCardNumber: $loyaltyCardNumber) {
      id
    }
  }
`;

/** The shopper an email or loyalty card belongs to, through CRM's `customerLookup`; null when none does. */
export async function lookupCustomer(
  ctx: ServiceContext,
  reference: { email?: string | null; loyaltyCardNumber?: string | null },
): Promise<string | null> {
  const variables = { email: reference.email ?? null, loyaltyCardNumber: reference.loyaltyCardNumber ?? null };
  const data = await ctx.peers.get('crm').request<{ customerLookup: { id: string } | null }>(CUSTOMER_LOOKUP, variables, ctx);
  return data.customerLookup?.id ?? null;
}

/** The customer's current id (a merged-away id gives the survivor's), or null when unknown. */
export async function resolveCustomerId(ctx: ServiceContext, id: string): Promise<string | null> {
  const data = await ctx.peers.get('crm').request<{ customer: { id: string } | null }>(CUSTOMER_EXISTS, { id }, ctx);
  return data.customer?.id ?? null;
}

const CANDIDATES = /* GraphQL */ `
  query OrderFulfillmentCandidates($skus: [String!]!) {
    fulfillmentCandidates(skus: $skus) {
      location {
        id
        type
        lat
        lng
        fulfillsOnline
        pickupEnabled
        open
      }
      stock {
        sku
        available
        atTill
      }
    }
  }
`;

const RESERVE = /* GraphQL */ `
  mutation OrderReserveStock($input: ReserveStockInput!) {
    reserveStock(input: $input) {
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const RELEASE = /* GraphQL */ `
  mutation OrderReleaseReservations($orderId: ID!, $lineIds: [ID!]) {
    releaseReservations(orderId: $orderId, lineIds: $lineIds) {
      userErrors {
        field
        message
        code
      }
    }
  }
`;

interface CandidateResult {
  location: Omit<CandidateLocation, 'available' | 'atTill'>;
  stock: { sku: string; available: number; atTill: number }[];
}

/** Every location that could fulfil some of these SKUs, with what it has available (inventory's routing input). */
export async function inventoryCandidates(ctx: ServiceContext, skus: string[]): Promise<CandidateLocation[]> {
  const data = await ctx.peers.get('inventory').request<{ fulfillmentCandidates: CandidateResult[] }>(CANDIDATES, { skus }, ctx);
  return data.fulfillmentCandidates.map(({ location, stock }) => ({
    ...location,
    available: Object.fromEntries(stock.map((s) => [s.sku, s.available])),
    atTill: Object.fromEntries(stock.map((s) => [s.sku, s.atTill])),
  }));
}

type UserErrors = { userErrors: { code: string; message: string; field?: string[] | null }[] };

/**
 * Reserves every line at its location, or nothing (INSUFFICIENT_STOCK when another order got there
 * first). `atTill`: a carry-out sale, which may take on-hand units below safety stock.
 */
export async function reserveStock(
  ctx: ServiceContext,
  orderId: string,
  lines: { lineId: string; sku: string; locationId: string; quantity: number }[],
  options: { atTill?: boolean } = {},
): Promise<{ ok: true } | { ok: false; message: string }> {
  const input = { orderId, lines, ...(options.atTill ? { atTill: true } : {}) };
  const data = await ctx.peers.get('inventory').request<{ reserveStock: UserErrors }>(RESERVE, { input }, ctx);
  const [error] = data.reserveStock.userErrors;
  if (!error) return { ok: true };
  if (error.code !== 'INSUFFICIENT_STOCK') throw new Error(`inventory refused the reservation: ${error.code} ${error.message}`);
  return { ok: false, message: error.message };
}

/** Gives back what an order holds: all of it, or only what the named lines hold. */
export async function releaseReservations(ctx: ServiceContext, orderId: string, lineIds?: string[]): Promise<void> {
  if (lineIds?.length === 0) return;
  await ctx.peers.get('inventory').request<{ releaseReservations: UserErrors }>(RELEASE, { orderId, lineIds }, ctx);
}

const SHIP_TRANSFER = /* GraphQL */ `
  mutation OrderShipTransfer($input: ShipOrderTransferInput!) {
    shipOrderTransfer(input: $input) {
      transfers {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const RECEIVE_TRANSFER = /* GraphQL */ `
  mutation OrderReceiveTransfer($fulfillmentId: ID!) {
    receiveOrderTransfer(fulfillmentId: $fulfillmentId) {
      transfers {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

function refused(action: string, errors: UserErrors['userErrors']): void {
  const [error] = errors;
  if (error) throw new DomainError(error.code, `inventory refused to ${action}: ${error.message}`, ['input', 'fulfillmentId']);
}

/**
 * Ship to store: the units reserved at the source for the fulfillment's lines leave it for the
 * pickup store (an inventory transfer, in transit until received). Idempotent per fulfillment.
 */
export async function shipOrderTransfer(
  ctx: ServiceContext,
  input: {
    orderId: string;
    fulfillmentId: string;
    fromLocationId: string;
    toLocationId: string;
    lines: { lineId: string; sku: string; quantity: number }[];
  },
): Promise<void> {
  const data = await ctx.peers.get('inventory').request<{ shipOrderTransfer: UserErrors }>(SHIP_TRANSFER, { input }, ctx);
  refused('send the transfer', data.shipOrderTransfer.userErrors);
}

/** Ship to store: the pickup store received what was sent for the fulfillment (a repeat changes nothing). */
export async function receiveOrderTransfer(ctx: ServiceContext, fulfillmentId: string): Promise<void> {
  const data = await ctx.peers
    .get('inventory')
    .request<{ receiveOrderTransfer: UserErrors }>(RECEIVE_TRANSFER, { fulfillmentId }, ctx);
  refused('receive the transfer', data.receiveOrderTransfer.userErrors);
}

const LOCATION = /* GraphQL */ `
  query OrderLocation($id: ID!) {
    location(id: $id) {
      id
    }
  }
`;

export async function locationExists(ctx: ServiceContext, id: string): Promise<boolean> {
  const data = await ctx.peers.get('inventory').request<{ location: { id: string } | null }>(LOCATION, { id }, ctx);
  return data.location !== null;
}

const CUSTOMER_ADDRESSES = /* GraphQL */ `
  query OrderCustomerAddress($id: ID!) {
    customer(id: $id) {
      id
      addresses {
        line1
        city
        postalCode
        country
        location {
          lat
          lng
        }
      }
    }
  }
`;

export interface CustomerAddress {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
  lat: number | null;
  lng: number | null;
}

type AddressRow = {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
  location: { lat: number; lng: number } | null;
};

/** The customer's first address (where an order ships when none is given), or null. */
export async function customerShippingAddress(ctx: ServiceContext, customerId: string): Promise<CustomerAddress | null> {
  const data = await ctx.peers
    .get('crm')
    .request<{ customer: { addresses: AddressRow[] } | null }>(CUSTOMER_ADDRESSES, { id: customerId }, ctx);
  const [first] = data.customer?.addresses ?? [];
  if (!first) return null;
  const { location, ...postal } = first;
  return { ...postal, lat: location?.lat ?? null, lng: location?.lng ?? null };
}

/** The position of the customer's first address, or null. */
export async function customerAddressLocation(
  ctx: ServiceContext,
  customerId: string,
): Promise<{ lat: number; lng: number } | null> {
  const address = await customerShippingAddress(ctx, customerId);
  return address?.lat != null && address.lng != null ? { lat: address.lat, lng: address.lng } : null;
}

const PRICE_CART = /* GraphQL */ `
  query OrderPriceCart($input: PriceCartInput!) {
    priceCartV1(input: $input) {
      version
      cart {
        lines {
          sku
          quantity
          unitPrice {
            cents
            currency
          }
          total {
            cents
          }
        }
        subtotal {
          cents
          currency
        }
        discount {
          cents
        }
        total {
          cents
        }
        appliedPromotions {
          code
        }
        market
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** The same pricing for an order: each line also says whether it sells gift cards, and its category path. */
const PRICE_ORDER = /* GraphQL */ `
  query OrderPriceOrder($input: PriceCartInput!) {
    priceCartV1(input: $input) {
      version
      cart {
        lines {
          sku
          quantity
          unitPrice {
            cents
            currency
          }
          total {
            cents
          }
          giftCard
          categoryPath
        }
        subtotal {
          cents
          currency
        }
        discount {
          cents
        }
        total {
          cents
        }
        appliedPromotions {
          code
        }
        market
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export interface CartPricing {
  currency: string;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  lines: {
    sku: string;
    quantity: number;
    unitPriceCents: number;
    totalCents: number;
    /** With `forOrder` only. */
    giftCard?: 'PHYSICAL' | 'EGIFT' | null;
    categoryPath?: string[];
  }[];
  /** Coupon codes (upper case) that gave a discount. */
  appliedCodes: string[];
  /** The market the basket was priced in (its currency); null: the default market. */
  market: string | null;
}

/** Currency shown for an empty cart, which has no priced line to take it from. */
export const EMPTY_CART_CURRENCY = 'USD';

interface PricedCartV1 {
  lines: {
    sku: string;
    quantity: number;
    unitPrice: { cents: number; currency: string };
    total: { cents: number };
    giftCard?: 'PHYSICAL' | 'EGIFT' | null;
    categoryPath?: string[];
  }[];
  subtotal: { cents: number; currency: string };
  discount: { cents: number };
  total: { cents: number };
  appliedPromotions: { code: string | null }[];
  market?: string | null;
}

export interface PricingRequest {
  channel: Channel;
  customerId: string | null;
  couponCodes: string[];
  /** `unitPrice`: a price already agreed (an order being changed); else the channel's price today. */
  lines: { sku: string; quantity: number; unitPrice?: { cents: number; currency: string } | null }[];
  /** The promotions active at this moment (an order being changed); default now. */
  at?: Date | null;
  /** The market the channel names (the cart's or order's); null: the location's, else the default market. */
  market?: string | null;
  /** The store or pickup location of the order: its market prices the basket. */
  locationId?: string | null;
}

/**
 * The catalog's pricing of a basket (prices for the channel and every promotion that applies):
 * `priceCartV1`, used by carts, orders from every channel and order changes alike.
 */
export async function priceCartWithCatalog(
  ctx: ServiceContext,
  cart: PricingRequest,
  options: { forOrder?: boolean } = {},
): Promise<CartPricing> {
  if (cart.lines.length === 0) {
    return {
      currency: EMPTY_CART_CURRENCY,
      subtotalCents: 0,
      discountCents: 0,
      totalCents: 0,
      lines: [],
      appliedCodes: [],
      market: cart.market ?? null,
    };
  }
  const input = {
    channel: cart.channel,
    customerId: cart.customerId,
    couponCodes: cart.couponCodes,
    lines: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice ?? null })),
    at: cart.at?.toISOString() ?? null,
    ...(cart.market ? { market: cart.market } : {}),
    ...(cart.locationId ? { locationId: cart.locationId } : {}),
  };
  const data = await ctx.peers
    .get('catalog')
    .request<{ priceCartV1: { version: number; cart: PricedCartV1 | null } & UserErrors }>(
      options.forOrder ? PRICE_ORDER : PRICE_CART,
      { input },
      ctx,
    );
  const { cart: priced, userErrors } = data.priceCartV1;
  if (!priced) {
    const [error] = userErrors;
    if (error) throw new DomainError(error.code, error.message, error.field ?? ['input', 'lines']);
    throw new Error('the catalog priced nothing');
  }
  return {
    currency: priced.subtotal.currency,
    subtotalCents: priced.subtotal.cents,
    discountCents: priced.discount.cents,
    totalCents: priced.total.cents,
    lines: priced.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      unitPriceCents: l.unitPrice.cents,
      totalCents: l.total.cents,
      ...(options.forOrder ? { giftCard: l.giftCard ?? null, categoryPath: l.categoryPath ?? [] } : {}),
    })),
    appliedCodes: priced.appliedPromotions.flatMap((p) => (p.code ? [p.code.toUpperCase()] : [])),
    market: priced.market ?? null,
  };
}

const HOLD_POINTS = /* GraphQL */ `
  mutation OrderHoldPoints(
    $customerId: ID!
    $points: Int!
    $orderRef: String!
    $idempotencyKey: String!
    $currency: String
    $upToCents: Int
  ) {
    holdPoints(
      customerId: $customerId
      points: $points
      orderRef: $orderRef
      idempotencyKey: $idempotencyKey
      currency: $currency
      upToCents: $upToCents
    ) {
      hold {
        id
        amount
        orderAmount
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const HOLD_STORED_VALUE = /* GraphQL */ `
  mutation OrderHoldStoredValue($input: HoldStoredValueInput!) {
    holdStoredValue(input: $input) {
      hold {
        id
        amount
        currency
        orderAmount
        rate
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const RELEASE_HOLD = /* GraphQL */ `
  mutation OrderReleaseHold($holdId: ID!) {
    releaseHold(holdId: $holdId) {
      userErrors {
        code
        message
      }
    }
  }
`;

/**
 * A hold taken: `amount` is what it pays of the order (minor units of the order's currency; for
 * points, what the points pay). `held` is what it took from the card, wallet (in `heldCurrency`)
 * or points account; `rate` the conversion rate used when the card's currency is not the order's.
 */
export type HoldResult =
  | { ok: true; holdId: string; amount: number; held: number; heldCurrency: string | null; rate: string | null }
  | { ok: false; code: string; message: string };

type HoldPayload = {
  hold: { id: string; amount?: number; currency?: string | null; orderAmount?: number | null; rate?: string | null } | null;
} & UserErrors;

function holdResult(payload: HoldPayload): HoldResult {
  const [error] = payload.userErrors;
  if (error || !payload.hold) return { ok: false, code: error?.code ?? 'HOLD_FAILED', message: error?.message ?? 'no hold' };
  const { id, amount = 0, currency = null, orderAmount = null, rate = null } = payload.hold;
  return { ok: true, holdId: id, amount: orderAmount ?? amount, held: amount, heldCurrency: currency, rate };
}

/**
 * Loyalty's checkout boundary: points set aside for this checkout until captured or released.
 * Offered `points` pay up to `upTo` at the point value of its currency (loyalty's setting): the
 * hold takes the points needed (`held`) and says what they pay (`amount`).
 */
export async function holdLoyaltyPoints(
  ctx: ServiceContext,
  customerId: string,
  points: number,
  upTo: { cents: number; currency: string },
  orderRef: string,
  idempotencyKey: string,
): Promise<HoldResult> {
  const variables = { customerId, points, orderRef, idempotencyKey, currency: upTo.currency, upToCents: upTo.cents };
  const data = await ctx.peers.get('loyalty').request<{ holdPoints: HoldPayload }>(HOLD_POINTS, variables, ctx);
  return holdResult(data.holdPoints);
}

/**
 * Sets aside up to `amount` of a gift card (by its code) or of the customer's store credit for
 * this checkout; the hold's amount is what the card or wallet could give (none: INSUFFICIENT_FUNDS).
 * A card or wallet in another currency pays only at loyalty's configured rate (CURRENCY_MISMATCH
 * without one): `held` and `heldCurrency` are then what it took, `rate` the rate used.
 */
export async function holdStoredValueUpTo(
  ctx: ServiceContext,
  source: { giftCardCode: string } | { customerId: string },
  amount: { cents: number; currency: string },
  orderRef: string,
  idempotencyKey: string,
): Promise<HoldResult> {
  const input = { ...source, amount, orderRef, idempotencyKey, upTo: true };
  const data = await ctx.peers.get('loyalty').request<{ holdStoredValue: HoldPayload }>(HOLD_STORED_VALUE, { input }, ctx);
  return holdResult(data.holdStoredValue);
}

/** Gives a hold back; a hold already released is fine, one already captured is an error. */
export async function releaseLoyaltyHold(ctx: ServiceContext, holdId: string): Promise<void> {
  const data = await ctx.peers.get('loyalty').request<{ releaseHold: UserErrors }>(RELEASE_HOLD, { holdId }, ctx);
  const [error] = data.releaseHold.userErrors;
  if (error) throw new Error(`loyalty refused to release hold ${holdId}: ${error.code}`);
}

const CREDIT_WALLET_TOP_UP = /* GraphQL */ `
  mutation OrderCreditWalletTopUp($input: CreditWalletTopUpInput!) {
    creditWalletTopUp(input: $input) {
      storeCredit {
        cents
        currency
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export type WalletCredit =
  { ok: true; storeCredit: { cents: number; currency: string } } | { ok: false; code: string; message: string };

/**
 * Loyalty credits a paid wallet top-up to the customer's store credit, once per top-up id (asking
 * again returns the wallet as it is); a refusal (the wallet's limit) credits nothing. Throws when
 * loyalty could not be asked: the outcome is then unknown and the call is repeated.
 */
export async function creditWalletTopUp(
  ctx: ServiceContext,
  input: { customerId: string; amount: { cents: number; currency: string }; topUpId: string; reason: string },
): Promise<WalletCredit> {
  const data = await ctx.peers
    .get('loyalty')
    .request<{ creditWalletTopUp: { storeCredit: { cents: number; currency: string } | null } & UserErrors }>(
      CREDIT_WALLET_TOP_UP,
      { input },
      ctx,
    );
  const { storeCredit, userErrors } = data.creditWalletTopUp;
  const [error] = userErrors;
  if (error || !storeCredit)
    return { ok: false, code: error?.code ?? 'CREDIT_FAILED', message: error?.message ?? 'not credited' };
  return { ok: true, storeCredit };
}

const MARKET = /* GraphQL */ `
  query OrderMarket($code: String!) {
    market(code: $code) {
      code
      currency
    }
  }
`;

/** A market of the catalog by code (any case), or null when there is none. */
export async function catalogMarket(ctx: ServiceContext, code: string): Promise<{ code: string; currency: string } | null> {
  const data = await ctx.peers
    .get('catalog')
    .request<{ market: { code: string; currency: string } | null }>(MARKET, { code }, ctx);
  return data.market;
}
