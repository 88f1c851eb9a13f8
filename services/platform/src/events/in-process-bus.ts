import type { Logger } from '../logger';
import type { EventBus, Subscription } from './bus';
import { DEV_EVENT_SECRET, signEnvelope, subjectMatches, verifyEvent, type EventEnvelope, type SignedEvent } from './envelope';

/**
 * The embedded bus: every service in one process. Delivery is asynchronous, and a handler
 * that fails is retried with backoff while the process lives. Events are signed and verified
 * like on NATS (with the development secret unless given another), so every handler gets its own
 * copy decoded from the signed JSON, as it would from NATS.
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
    private readonly secret = DEV_EVENT_SECRET,
  ) {}

  isReady(): boolean {
    return !this.closed;
  }

  async publish(event: EventEnvelope): Promise<void> {
    const signed = signEnvelope(event, this.secret);
    for (const subscription of this.subscriptions) {
      if (subscription.types.some((type) => subjectMatches(type, event.type))) {
        this.track(this.deliver(subscription, signed));
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

  private async deliver(subscription: Subscription, signed: SignedEvent): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const verified = verifyEvent(signed.body, signed.signature, this.secret);
    if (!verified.ok) {
      this.log?.error(
        { reason: verified.reason, consumer: subscription.durable },
        'event rejected: it does not verify, and is dropped',
      );
      return;
    }
    const event = verified.event;
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
