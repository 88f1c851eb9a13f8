import { randomUUID } from 'node:crypto';

/**
 * A card (or other external) payment provider. Every call is idempotent by its key: a retry
 * with the same key returns the first outcome and moves no money twice. Amounts are minor units.
 *
 * A real provider (Stripe, Adyen) plugs in as one more implementation: `authorize` creates a
 * payment intent / authorisation with manual capture from the client's token (a Stripe
 * PaymentMethod id, an Adyen encrypted card), `capture`, `void` and `refund` call the provider
 * with `Idempotency-Key` set to the key given here; register it in `paymentProviders()`.
 */
export interface PaymentProvider {
  readonly name: string;
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  /** Throws when the provider could not capture now; the capture is retried. */
  capture(reference: string, cents: number, currency: string, idempotencyKey: string): Promise<void>;
  void(reference: string, idempotencyKey: string): Promise<void>;
  /** Throws when the provider could not refund now; the refund is retried. */
  refund(reference: string, cents: number, currency: string, idempotencyKey: string): Promise<void>;
}

export interface AuthorizeRequest {
  token: string;
  cents: number;
  currency: string;
  idempotencyKey: string;
}

/**
 * A refusal is one of our codes (they reach clients as OrderErrorCode values): a provider maps its
 * own decline reasons onto them and puts its detail in `message`.
 */
export type AuthorizeRefusal = 'PAYMENT_DECLINED' | 'PAYMENT_FAILED' | 'INVALID_PAYMENT_TOKEN';

export type AuthorizeResult = { ok: true; reference: string } | { ok: false; code: AuthorizeRefusal; message: string };

/**
 * Records a payment taken elsewhere: a store's card terminal, a marketplace that already
 * charged, cash at the till. Never declines.
 */
export class ManualProvider implements PaymentProvider {
  private readonly references = new Map<string, string>();

  constructor(readonly name = 'manual') {}

  authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    let reference = this.references.get(request.idempotencyKey);
    if (!reference) {
      reference = `${this.name}_${randomUUID()}`;
      this.references.set(request.idempotencyKey, reference);
    }
    return Promise.resolve({ ok: true, reference });
  }

  capture(): Promise<void> {
    return Promise.resolve();
  }

  void(): Promise<void> {
    return Promise.resolve();
  }

  refund(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A provider for tests and demos whose tokens decide the outcome: `tok_decline` declines,
 * `tok_fail_capture` fails its first capture, `tok_fail_refund` fails its first refund; any
 * other token succeeds. It keeps what it did, so tests reconcile against it.
 */
export class TestProvider implements PaymentProvider {
  readonly name = 'test';
  readonly payments = new Map<
    string,
    { token: string; authorized: number; captured: number; refunded: number; voided: boolean }
  >();
  private readonly byKey = new Map<string, AuthorizeResult>();
  private readonly done = new Set<string>();
  private readonly failedOnce = new Set<string>();

  authorize(request: AuthorizeRequest): Promise<AuthorizeResult> {
    const earlier = this.byKey.get(request.idempotencyKey);
    if (earlier) return Promise.resolve(earlier);
    let result: AuthorizeResult;
    if (request.token === 'tok_decline') {
      result = { ok: false, code: 'PAYMENT_DECLINED', message: 'the card was declined' };
    } else {
      const reference = `test_${randomUUID()}`;
      this.payments.set(reference, { token: request.token, authorized: request.cents, captured: 0, refunded: 0, voided: false });
      result = { ok: true, reference };
    }
    this.byKey.set(request.idempotencyKey, result);
    return Promise.resolve(result);
  }

  capture(reference: string, cents: number, _currency: string, idempotencyKey: string): Promise<void> {
    const payment = this.known(reference);
    if (this.once(idempotencyKey)) return Promise.resolve();
    if (payment.token === 'tok_fail_capture' && !this.failedOnce.has(reference)) {
      this.failedOnce.add(reference);
      this.done.delete(idempotencyKey);
      return Promise.reject(new Error('the provider is unavailable (test: first capture fails)'));
    }
    payment.captured += cents;
    return Promise.resolve();
  }

  void(reference: string, idempotencyKey: string): Promise<void> {
    const payment = this.known(reference);
    if (!this.once(idempotencyKey)) payment.voided = true;
    return Promise.resolve();
  }

  refund(reference: string, cents: number, _currency: string, idempotencyKey: string): Promise<void> {
    const payment = this.known(reference);
    if (this.once(idempotencyKey)) return Promise.resolve();
    if (payment.token === 'tok_fail_refund' && !this.failedOnce.has(`${reference}:refund`)) {
      this.failedOnce.add(`${reference}:refund`);
      this.done.delete(idempotencyKey);
      return Promise.reject(new Error('the provider is unavailable (test: first refund fails)'));
    }
    if (payment.refunded + cents > payment.captured) return Promise.reject(new Error('refund exceeds the captured amount'));
    payment.refunded += cents;
    return Promise.resolve();
  }

  /** True when this key was done before; marks it done otherwise. */
  private once(key: string): boolean {
    if (this.done.has(key)) return true;
    this.done.add(key);
    return false;
  }

  private known(reference: string) {
    const payment = this.payments.get(reference);
    if (!payment) throw new Error(`no test payment ${reference}`);
    return payment;
  }
}

const registry = new Map<string, PaymentProvider>();

/** The providers this process accepts, by name (`manual`, `cash`, `test`; more are registered here). */
export function paymentProviders(): Map<string, PaymentProvider> {
  if (registry.size === 0) {
    for (const provider of [new ManualProvider('manual'), new ManualProvider('cash'), new TestProvider()]) {
      registry.set(provider.name, provider);
    }
  }
  return registry;
}

export function paymentProvider(name: string): PaymentProvider | undefined {
  return paymentProviders().get(name.trim().toLowerCase());
}

/** Registers a provider (a real one at start-up, or a test double). */
export function registerPaymentProvider(provider: PaymentProvider): void {
  paymentProviders().set(provider.name, provider);
}
