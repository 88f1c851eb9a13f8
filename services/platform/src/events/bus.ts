import type { EventEnvelope } from './envelope';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface Subscription {
  /** Durable name: the bus remembers what this consumer has acknowledged. */
  durable: string;
  /** Event types, with NATS wildcards allowed (`orders.>`). */
  types: string[];
  handle: EventHandler;
  /**
   * How many of this subscription's events the bus may hand to `handle` before the first is done
   * (default 1: one at a time, in delivery order). A handler that takes more must keep their order
   * itself, as the service's `DeliveryQueue` does.
   */
  window?: number;
}

/**
 * Publish/subscribe with at-least-once delivery. A handler that throws gets the event again
 * later; handlers are therefore idempotent (see `consume`).
 */
export interface EventBus {
  readonly kind: 'nats' | 'in-process';
  publish(event: EventEnvelope): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  /** True while the bus can accept a publish. */
  isReady(): boolean;
  close(): Promise<void>;
}

export class BusUnavailableError extends Error {
  constructor(reason: string) {
    super(`event bus unavailable: ${reason}`);
    this.name = 'BusUnavailableError';
  }
}
