import { randomUUID } from 'node:crypto';
import {
  canSeeCustomer,
  CUSTOMER_SERVICE,
  DomainError,
  hasRole,
  inTransaction,
  isoDate,
  Role,
  type ServiceContext,
} from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { cleanText } from '../domain/input';
import { detailsProblem, expiresOn, isExpired, MAX_SAVED_METHODS, type PaymentMethodDetails } from '../domain/payment-methods';
import { STAFF_ONLY_PROVIDERS } from '../domain/wallet';
import { SavedPaymentMethod } from '../entities/shopper';
import { paymentProvider } from '../payments/provider';
import { resolveCustomerId } from '../peers';

export interface SavePaymentMethodRequest extends PaymentMethodDetails {
  customerId: string;
  provider: string;
  /** Make it the default (the first method saved always is). */
  makeDefault?: boolean | null;
}

/** A provider a shopper may keep a method at: a registered one that charges (not `manual` or `cash`). */
export function chargingProvider(name: string, field: string[]) {
  const provider = paymentProvider(name);
  if (!provider) throw new DomainError('UNKNOWN_PAYMENT_PROVIDER', `no payment provider ${name}`, field);
  if (STAFF_ONLY_PROVIDERS.includes(provider.name)) {
    throw new DomainError('PAYMENT_METHOD_NOT_ALLOWED', `${provider.name} charges nothing: use a card provider`, field);
  }
  return provider;
}

/** The customer's methods, oldest first. */
function methodsOf(manager: EntityManager, customerId: string): Promise<SavedPaymentMethod[]> {
  return manager.find(SavedPaymentMethod, { where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

async function makeDefault(manager: EntityManager, method: SavedPaymentMethod): Promise<void> {
  await manager.update(SavedPaymentMethod, { customerId: method.customerId, isDefault: true }, { isDefault: false });
  await manager.update(SavedPaymentMethod, { id: method.id }, { isDefault: true });
  method.isDefault = true;
}

/**
 * Saves a method the shopper tokenized at a provider: its token and display data only. Saving the
 * same provider token again returns the saved method (made default when asked). At most
 * MAX_SAVED_METHODS per shopper; the first saved is the default.
 */
export async function savePaymentMethod(ctx: ServiceContext, request: SavePaymentMethodRequest): Promise<SavedPaymentMethod> {
  const provider = chargingProvider(request.provider, ['input', 'provider']);
  const problem = detailsProblem(request, isoDate());
  if (problem) throw new DomainError(problem.code, problem.message, ['input', problem.field]);
  const customerId = await resolveCustomerId(ctx, cleanText(request.customerId, 36, 'UNKNOWN_CUSTOMER', ['input', 'customerId']));
  if (!customerId) throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${request.customerId}`, ['input', 'customerId']);
  const token = request.token.trim();
  return inTransaction(ctx.db, async (manager) => {
    const saved = await methodsOf(manager, customerId);
    const same = saved.find((m) => m.provider === provider.name && m.token === token);
    if (same) {
      if (request.makeDefault && !same.isDefault) await makeDefault(manager, same);
      return same;
    }
    if (saved.length >= MAX_SAVED_METHODS) {
      throw new DomainError('TOO_MANY_PAYMENT_METHODS', `at most ${MAX_SAVED_METHODS} saved methods: remove one first`, [
        'input',
      ]);
    }
    const method = manager.create(SavedPaymentMethod, {
      id: randomUUID(),
      customerId,
      provider: provider.name,
      token,
      brand: request.brand.trim().toLowerCase(),
      last4: request.last4,
      expiresOn: expiresOn(request.expiryMonth, request.expiryYear),
      isDefault: false,
      createdAt: new Date(),
    });
    await manager.insert(SavedPaymentMethod, method);
    if (saved.length === 0 || request.makeDefault) await makeDefault(manager, method);
    return method;
  });
}

/** The saved method `id`, or UNKNOWN_PAYMENT_METHOD. */
export async function savedMethod(ctx: ServiceContext, id: string, field: string[]): Promise<SavedPaymentMethod> {
  const method = await ctx.db
    .getRepository(SavedPaymentMethod)
    .findOneBy({ id: cleanText(id, 36, 'UNKNOWN_PAYMENT_METHOD', field) });
  if (!method) throw new DomainError('UNKNOWN_PAYMENT_METHOD', `no saved payment method ${id}`, field);
  return method;
}

/** Makes a saved method the default one; an expired card cannot be (CARD_EXPIRED). */
export async function setDefaultPaymentMethod(ctx: ServiceContext, method: SavedPaymentMethod): Promise<SavedPaymentMethod> {
  if (isExpired(method, isoDate())) throw new DomainError('CARD_EXPIRED', 'this card has expired', ['id']);
  await inTransaction(ctx.db, (manager) => makeDefault(manager, method));
  return method;
}

/** Forgets a saved method; when it was the default, the newest one left becomes the default. */
export async function removePaymentMethod(ctx: ServiceContext, method: SavedPaymentMethod): Promise<SavedPaymentMethod[]> {
  return inTransaction(ctx.db, async (manager) => {
    await manager.delete(SavedPaymentMethod, { id: method.id });
    const left = await methodsOf(manager, method.customerId);
    if (method.isDefault && left.length > 0) await makeDefault(manager, left[left.length - 1]!);
    return left;
  });
}

/**
 * The provider and token of a saved method that pays an order of `customerId`: the method must be
 * that customer's and unexpired, and the caller the customer or staff serving them (a partner
 * never charges a shopper's saved card).
 */
export async function savedPayment(
  ctx: ServiceContext,
  customerId: string | null,
  paymentMethodId: string,
  field: string[],
): Promise<{ provider: string; token: string }> {
  // Refused to anyone else before the shopper is looked at, so the answer tells nothing about her.
  if (!hasRole(ctx.caller, Role.CUSTOMER, ...CUSTOMER_SERVICE)) {
    throw new DomainError(
      'PAYMENT_METHOD_NOT_ALLOWED',
      "only the shopper or staff serving them use the shopper's saved methods",
      field,
    );
  }
  if (!customerId) throw new DomainError('CUSTOMER_REQUIRED', 'a saved payment method belongs to a signed-in customer', field);
  if (!canSeeCustomer(ctx.caller, customerId)) {
    throw new DomainError(
      'PAYMENT_METHOD_NOT_ALLOWED',
      "only the shopper or staff serving them use the shopper's saved methods",
      field,
    );
  }
  const method = await savedMethod(ctx, paymentMethodId, field);
  if (method.customerId !== customerId) {
    throw new DomainError('UNKNOWN_PAYMENT_METHOD', `no saved payment method ${paymentMethodId}`, field);
  }
  if (isExpired(method, isoDate())) throw new DomainError('CARD_EXPIRED', 'this card has expired', field);
  return { provider: method.provider, token: method.token };
}

/** The customer's default method, when it can still pay. */
export async function defaultPayment(
  ctx: ServiceContext,
  customerId: string,
): Promise<{ provider: string; token: string } | null> {
  const method = await ctx.db.getRepository(SavedPaymentMethod).findOneBy({ customerId, isDefault: true });
  return method && !isExpired(method, isoDate()) ? { provider: method.provider, token: method.token } : null;
}

/**
 * Tenders with a saved method (`paymentMethodId`) in place of a `payment`: the same request, its
 * `payment` the method's provider and token. Naming both is PAYMENT_CONFLICT.
 */
export async function withSavedMethod<
  T extends { paymentMethodId?: string | null; payment?: { provider: string; token: string } | null },
>(ctx: ServiceContext, request: T, customerId: string | null): Promise<T> {
  if (!request.paymentMethodId) return request;
  const field = ['input', 'paymentMethodId'];
  if (request.payment) throw new DomainError('PAYMENT_CONFLICT', 'give either payment or paymentMethodId', field);
  return { ...request, payment: await savedPayment(ctx, customerId, request.paymentMethodId, field) };
}
