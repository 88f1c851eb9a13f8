import { canActOnGuestOrOwn, canSeeCustomer, forbidden, hasRole, hasScope, Role, type Caller } from '@omni/platform';

/** What decides who may see an order: whose it is, and which partner sent it. */
export interface OrderOwnership {
  customerId: string | null;
  partnerId: string | null;
}

/**
 * Staff see every order, a shopper their own, a partner the orders it sent (an API client's
 * token only with the scope `orders:read`). A guest order (no customer) is staff's alone once the
 * checkout response is gone.
 */
export function canSeeOrder(caller: Caller, order: OrderOwnership): boolean {
  if (canSeeCustomer(caller, order.customerId)) return true;
  return (
    hasRole(caller, Role.PARTNER) &&
    caller.partnerId !== null &&
    order.partnerId === caller.partnerId &&
    hasScope(caller, 'orders:read')
  );
}

export function assertCanSeeOrder(caller: Caller, order: OrderOwnership | null): void {
  if (order && !canSeeOrder(caller, order)) throw forbidden('this order is not yours');
}

/** A guest cart is anyone's who holds its id; a customer's cart is theirs and staff's. */
export function assertCanUseCart(caller: Caller, cart: { customerId: string | null } | null): void {
  if (cart && !canActOnGuestOrOwn(caller, cart.customerId)) throw forbidden('this cart is not yours');
}

/** The partner an order placed by a partner belongs to; null for every other caller. */
export function partnerOf(caller: Caller): string | null {
  return hasRole(caller, Role.PARTNER) ? caller.partnerId : null;
}
