import type { Logger } from '../logger';
import type { EventBus, Subscription } from './bus';
import { subjectMatches, type EventEnvelope } from './envelope';

/**
 * The embedded bus: every service in one process. Delivery is asynchronous, and a handler
 * that fails is retried with backoff while the process lives.
 */
export class InProcessBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly log?: Logger,
    private readonly retryDelayMs = 200,
    private readonly maxRetryDelayMs = 30_000,
  ) {}

  isReady(): boolean {
    return !this.closed;
  }

  async publish(event: EventEnvelope): Promise<void> {
    for (const subscription of this.subscriptions) {
      if (subscription.types.some((type) => subjectMatches(type, event.type))) {
        this.track(this.deliver(subscription, event));
      }
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.subscriptions.push(subscription);
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(subscription: Subscription, event: EventEnvelope): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    let delay = this.retryDelayMs;
    for (;;) {
      try {
        await subscription.handle(event);
        return;
      } catch (error) {
        this.log?.error({ err: error, event: event.id, consumer: subscription.durable }, 'event handler failed');
        if (this.closed) return;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, this.maxRetryDelayMs);
      }
    }
  }
}
