import type { Logger } from '../logger';
import { BusUnavailableError, type EventBus, type Subscription } from './bus';
import { DEV_EVENT_SECRET, signEnvelope, subjectMatches, verifyEvent, type EventEnvelope, type SignedEvent } from './envelope';

/**
 * The embedded bus: every service in one process. It keeps nothing itself, so a publish answers
 * only once every matching subscriber has taken the event (applied it, found it applied before,
 * or parked it as a dead letter), and fails when one of them failed: the outbox row stays
 * unpublished until then, and the relay publishes it again after its backoff (subscribers that
 * took it already find it applied). An event so outlives a crash between its commit and its
 * consumers, as it does on NATS. Deliveries start on the next turn of the event loop, so the
 * events the relay publishes together reach a subscriber together. Events are signed and verified
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
    private readonly secret = DEV_EVENT_SECRET,
  ) {}

  isReady(): boolean {
    return !this.closed;
  }

  async publish(event: EventEnvelope): Promise<void> {
    if (this.closed) throw new BusUnavailableError('the in-process bus is closed');
    const signed = signEnvelope(event, this.secret);
    const deliveries = this.subscriptions
      .filter((subscription) => subscription.types.some((type) => subjectMatches(type, event.type)))
      .map((subscription) => this.track(this.deliver(subscription, signed)));
    const failed = (await Promise.allSettled(deliveries)).find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.subscriptions.push(subscription);
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  private track(delivery: Promise<void>): Promise<void> {
    this.inFlight.add(delivery);
    void delivery.catch(() => undefined).finally(() => this.inFlight.delete(delivery));
    return delivery;
  }

  private async deliver(subscription: Subscription, signed: SignedEvent): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const verified = verifyEvent(signed.body, signed.signature, this.secret);
    if (!verified.ok) {
      // Published again it would fail the same way: taken, never applied.
      this.log?.error(
        { reason: verified.reason, consumer: subscription.durable },
        'event rejected: it does not verify, and is dropped',
      );
      return;
    }
    try {
      await subscription.handle(verified.event);
    } catch (error) {
      this.log?.error({ err: error, event: verified.event.id, consumer: subscription.durable }, 'event handler failed');
      throw error;
    }
  }
}
