import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger';
import { BusUnavailableError, type EventBus, type Subscription } from './bus';
import { DEV_EVENT_SECRET, EVENT_SIGNATURE_HEADER, signEnvelope, verifyEvent, type EventEnvelope } from './envelope';

const NANOS_PER_MS = 1_000_000;

/** The stream drops a publish whose `Nats-Msg-Id` it saw within this window (a relay's republish). */
export const NATS_DUPLICATE_WINDOW_MS = 120_000;
/** Default `ackWaitMs`: how long a delivery may stay unacknowledged before JetStream redelivers it. */
export const NATS_ACK_WAIT_MS = 30_000;
/** Default `retryDelayMs`, doubled per delivery of the same event up to `NATS_MAX_RETRY_DELAY_MS`. */
export const NATS_RETRY_DELAY_MS = 1_000;
export const NATS_MAX_RETRY_DELAY_MS = 30_000;

export interface NatsBusOptions {
  /** `nats://host:port`; credentials in it (`nats://user:password@host`) are used when `user` is not given. */
  url: string;
  /** This process's NATS user and password: the server lets each service publish only its own subjects. */
  user?: string;
  password?: string;
  /** Signs what this bus publishes and verifies what it delivers (default: the public development secret). */
  eventSecret?: string;
  /** Subject prefix and stream name, so systems (or test runs) can share one server: default `omni`. */
  namespace?: string;
  log: Logger;
  /** How long a delivered event may stay unacknowledged before it is redelivered. */
  ackWaitMs?: number;
  /** Delay before a failed event is offered again, doubled on every further failed delivery. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/** A NATS URL split into the server to dial and its credentials (nats.js ignores them in a URL). */
export interface NatsEndpoint {
  /** The URL without credentials: what is dialled, and all that is ever logged. */
  server: string;
  user?: string;
  password?: string;
}

export function natsEndpoint(url: string, user?: string, password?: string): NatsEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { server: url, user, password };
  }
  const fromUrl = {
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
  };
  parsed.username = '';
  parsed.password = '';
  const server = parsed.toString().replace(/\/$/, '');
  return user ? { server, user, password } : { server, ...fromUrl };
}

/**
 * JetStream adapter. The stream (`<namespace>.>`) and each durable consumer are created on connect.
 * Publishing sets `Nats-Msg-Id` to the event id, so the stream drops a republished event, and
 * signs the body (`Omni-Signature`); a delivered message that does not verify is terminated,
 * logged at error and never reaches a handler.
 * The connection is (re)established in the background; until it is, `publish` throws and the
 * outbox keeps the event for later.
 */
export class NatsBus implements EventBus {
  readonly kind = 'nats' as const;
  private nc: NatsConnection | null = null;
  private js: JetStreamClient | null = null;
  private ready = false;
  private closed = false;
  private readonly subscriptions: Subscription[] = [];
  /** Subscriptions whose consumer loops run: started once, they survive reconnects. */
  private readonly started = new Set<Subscription>();
  /** Handlers running now: closing waits for them, so no handler outlives its database. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly stream: string;
  private readonly prefix: string;
  private connecting: Promise<void> | null = null;
  private readonly endpoint: NatsEndpoint;
  private readonly secret: string;

  constructor(private readonly options: NatsBusOptions) {
    const namespace = options.namespace ?? 'omni';
    this.stream = namespace.toUpperCase();
    this.prefix = namespace;
    this.endpoint = natsEndpoint(options.url, options.user, options.password);
    this.secret = options.eventSecret ?? DEV_EVENT_SECRET;
  }

  /** Starts connecting; resolves at once. `whenReady` waits for the connection. */
  start(): void {
    this.connecting ??= this.connectLoop();
  }

  async whenReady(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ready) {
      if (Date.now() > deadline) throw new BusUnavailableError(`no connection to ${this.endpoint.server}`);
      await sleep(50);
    }
  }

  isReady(): boolean {
    return this.ready && !this.closed;
  }

  async publish(event: EventEnvelope): Promise<void> {
    if (!this.isReady() || !this.js) throw new BusUnavailableError(`not connected to ${this.endpoint.server}`);
    const { body, signature } = signEnvelope(event, this.secret);
    const signed = headers();
    signed.set(EVENT_SIGNATURE_HEADER, signature);
    await this.js.publish(this.subjectOf(event.type), body, { msgID: event.id, headers: signed, timeout: 5_000 });
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.subscriptions.push(subscription);
    if (this.isReady()) this.runConsumers(subscription);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ready = false;
    // Let running handlers finish (and ack) before the connection goes.
    await Promise.allSettled([...this.inFlight]);
    const nc = this.nc;
    this.nc = null;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }

  private subjectOf(type: string): string {
    return `${this.prefix}.${type}`;
  }

  private async connectLoop(): Promise<void> {
    const log = this.options.log;
    while (!this.closed) {
      try {
        const nc = await connect({
          servers: this.endpoint.server,
          user: this.endpoint.user,
          pass: this.endpoint.password,
          name: log.bindings().service as string,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 500,
        });
        if (this.closed) {
          await nc.close();
          return;
        }
        this.nc = nc;
        this.js = jetstream(nc);
        await this.ensureStream();
        this.ready = true;
        log.info({ url: this.endpoint.server, user: this.endpoint.user }, 'connected to NATS JetStream');
        for (const subscription of this.subscriptions) this.runConsumers(subscription);
        void this.watchStatus(nc);
        return;
      } catch (error) {
        this.ready = false;
        log.warn({ err: (error as Error).message, url: this.endpoint.server }, 'NATS unavailable, retrying');
        await sleep(1_000);
      }
    }
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') this.ready = false;
      if (status.type === 'reconnect') {
        try {
          await this.ensureStream();
          this.ready = true;
          // A subscription made while disconnected has not started yet.
          for (const subscription of this.subscriptions) this.runConsumers(subscription);
        } catch (error) {
          this.options.log.warn({ err: (error as Error).message }, 'stream check after reconnect failed');
        }
      }
    }
  }

  private async ensureStream(): Promise<void> {
    const jsm = await jetstreamManager(this.nc!);
    try {
      await jsm.streams.info(this.stream);
    } catch {
      await jsm.streams.add({
        name: this.stream,
        subjects: [`${this.prefix}.>`],
        duplicate_window: NATS_DUPLICATE_WINDOW_MS * NANOS_PER_MS,
      });
    }
  }

  /**
   * One durable consumer per event type: `filter_subjects` (several subjects on one consumer)
   * needs nats-server 2.10, and Debian ships 2.9.
   */
  private runConsumers(subscription: Subscription): void {
    if (this.started.has(subscription)) return;
    this.started.add(subscription);
    for (const type of subscription.types) void this.runConsumer(subscription, type);
  }

  private async runConsumer(subscription: Subscription, type: string): Promise<void> {
    const durable = `${subscription.durable}__${type.replace(/[.*>]/g, '_')}`;
    const log = this.options.log.child({ consumer: durable });
    while (!this.closed) {
      try {
        const jsm = await jetstreamManager(this.nc!);
        await jsm.consumers.add(this.stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: this.subjectOf(type),
          ack_wait: (this.options.ackWaitMs ?? NATS_ACK_WAIT_MS) * NANOS_PER_MS,
        });
        const consumer = await this.js!.consumers.get(this.stream, durable);
        // A server that lost its store (or a deleted consumer) ends the iteration, so the loop
        // recreates the durable consumer instead of pulling from one that no longer exists.
        const messages = await consumer.consume({ max_messages: 64, abort_on_missing_resource: true });
        // Up to `window` deliveries at once, handed on in stream order.
        const window = new Set<Promise<void>>();
        for await (const message of messages) {
          if (this.closed) return;
          const delivery = this.deliver(subscription, message, log);
          window.add(delivery);
          void delivery.finally(() => window.delete(delivery));
          if (window.size >= (subscription.window ?? 1)) await Promise.race(window);
        }
      } catch (error) {
        if (this.closed) return;
        log.warn({ err: (error as Error).message }, 'consumer stopped, restarting');
      }
      await sleep(1_000);
    }
  }

  /** One message: verified, handled, then acknowledged, or offered again after a backoff. */
  private async deliver(subscription: Subscription, message: JsMsg, log: Logger): Promise<void> {
    const verified = verifyEvent(message.data, message.headers?.get(EVENT_SIGNATURE_HEADER) || undefined, this.secret, {
      subject: message.subject,
      of: (t) => this.subjectOf(t),
    });
    if (!verified.ok) {
      // Forged, corrupted or misrouted: never applied, never redelivered.
      log.error(
        { subject: message.subject, seq: message.seq, reason: verified.reason, event: verified.event?.id },
        'event rejected: it does not verify, and is dropped',
      );
      message.term();
      return;
    }
    const event = verified.event;
    try {
      const handled = subscription.handle(event);
      this.inFlight.add(handled);
      try {
        await handled;
      } finally {
        this.inFlight.delete(handled);
      }
      message.ack();
    } catch (error) {
      log.error({ err: error, event: event.id }, 'event handler failed, will be redelivered');
      // Backoff: 1, 2, 4... x retryDelayMs by delivery count (the consumer parks the event
      // as a dead letter after EVENT_MAX_DELIVERIES, see service.ts).
      const delay = (this.options.retryDelayMs ?? NATS_RETRY_DELAY_MS) * 2 ** Math.min(message.info.deliveryCount - 1, 20);
      message.nak(Math.min(delay, this.options.maxRetryDelayMs ?? NATS_MAX_RETRY_DELAY_MS));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
