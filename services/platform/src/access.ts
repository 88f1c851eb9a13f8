import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { Caller, ServiceContext } from './context';

/**
 * Who may see and do what. Roles come from the verified token (the gateway drops any other
 * value); SERVICE is never in a token: it is the identity one service uses to call another,
 * signed with the subgraph secret, after the calling service has checked its own caller.
 */
export const Role = {
  CUSTOMER: 'CUSTOMER',
  ASSOCIATE: 'ASSOCIATE',
  CSR: 'CSR',
  PARTNER: 'PARTNER',
  ADMIN: 'ADMIN',
  SERVICE: 'SERVICE',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Staff who serve any shopper: the store associate and the contact-center agent. */
export const CUSTOMER_SERVICE: Role[] = [Role.ASSOCIATE, Role.CSR, Role.SERVICE];

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((role) => caller.roles.includes(role));
}

/** The error of a denied field: nothing of the resource is returned. */
export function forbidden(reason = 'You are not allowed to do this'): GraphQLError {
  // No HTTP status: a denied field is one error in an otherwise answered (200) response.
  return new GraphQLError(`Forbidden: ${reason}`, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * `@Authorized(...roles)`: the caller holds one of the roles (SERVICE always passes);
 * `@Authorized()` with no roles: any signed-in caller. A denial is FORBIDDEN, not type-graphql's
 * own error, so every subgraph reports it with the same code.
 */
export const authChecker: AuthChecker<ServiceContext> = ({ context }, roles) => {
  const { caller } = context;
  const allowed = roles.length === 0 ? caller.roles.length > 0 : hasRole(caller, Role.SERVICE, ...(roles as Role[]));
  if (!allowed) throw forbidden(roles.length ? `requires one of the roles ${roles.join(', ')}` : 'sign in first');
  return true;
};

/**
 * The scopes a partner API client may hold (orders' `createApiClient` and `pnpm dev-token --scope`
 * accept these). `webhooks:manage` lets a partner subscribe its own endpoints.
 */
export const API_SCOPES = ['orders:read', 'orders:write', 'webhooks:manage', 'catalog:read', 'inventory:read'] as const;

/**
 * A partner's token from `POST /oauth/token` carries the scopes of its API client: it may do
 * only what they name. Other callers (and partner tokens without a scope claim) are unaffected:
 * scopes narrow a role, the role still decides.
 */
export function hasScope(caller: Caller, scope: string): boolean {
  return !hasRole(caller, Role.PARTNER) || caller.scopes === undefined || caller.scopes.includes(scope);
}

export function requireScope(caller: Caller, scope: string): void {
  if (!hasScope(caller, scope)) throw forbidden(`this token lacks the scope ${scope}`);
}

/**
 * Staff see every shopper; a shopper sees only themself (by their id, or an id merged into it
 * that their token named: `Caller.mergedCustomerIds`); partners and admins see no shopper.
 */
export function canSeeCustomer(caller: Caller, customerId: string | null | undefined): boolean {
  if (hasRole(caller, ...CUSTOMER_SERVICE)) return true;
  if (customerId == null || !hasRole(caller, Role.CUSTOMER)) return false;
  return caller.customerId === customerId || (caller.mergedCustomerIds?.includes(customerId) ?? false);
}

export function assertCanSeeCustomer(caller: Caller, customerId: string | null | undefined): void {
  if (!canSeeCustomer(caller, customerId)) throw forbidden('this customer is not yours to see');
}

/**
 * Guest carts and orders (no customer) are reachable by whoever holds their id (the guest's
 * session); once they name a customer, only that customer and staff may act on them.
 */
export function canActOnGuestOrOwn(caller: Caller, customerId: string | null | undefined): boolean {
  return customerId == null || canSeeCustomer(caller, customerId);
}

/** Fulfillment work happens at a place: an associate acts only at the location in their token. */
export function canWorkAt(caller: Caller, locationId: string | null | undefined): boolean {
  if (hasRole(caller, Role.SERVICE)) return true;
  return locationId != null && hasRole(caller, Role.ASSOCIATE) && caller.locationId === locationId;
}

export function assertCanWorkAt(caller: Caller, locationId: string | null | undefined): void {
  if (!canWorkAt(caller, locationId)) throw forbidden('only an associate of this location may do this');
}

/**
 * `__resolveReference` of the Customer a subgraph extends but does not own: the key itself,
 * once the caller may see that customer, so `_entities` cannot read someone else's data. Async, so
 * a denial empties that one entity, not the whole `_entities` list.
 */
export async function visibleCustomerReference<T extends Record<string, unknown>>(reference: T, ctx: ServiceContext): Promise<T> {
  assertCanSeeCustomer(ctx.caller, String(reference.id));
  return reference;
}
