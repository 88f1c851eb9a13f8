import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger';
import { BusUnavailableError, type EventBus, type Subscription } from './bus';
import type { EventEnvelope } from './envelope';

const NANOS_PER_MS = 1_000_000;

export interface NatsBusOptions {
  url: string;
  /** Subject prefix and stream name, so systems (or test runs) can share one server: default `omni`. */
  namespace?: string;
  log: Logger;
  /** How long a delivered event may stay unacknowledged before it is redelivered. */
  ackWaitMs?: number;
  /** Delay before a failed event is offered again. */
  retryDelayMs?: number;
}

/**
 * JetStream adapter. The stream (`<namespace>.>`) and each durable consumer are created on connect.
 * Publishing sets `Nats-Msg-Id` to the event id, so the stream drops a republished event.
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

  constructor(private readonly options: NatsBusOptions) {
    const namespace = options.namespace ?? 'omni';
    this.stream = namespace.toUpperCase();
    this.prefix = namespace;
  }

  /** Starts connecting; resolves at once. `whenReady` waits for the connection. */
  start(): void {
    this.connecting ??= this.connectLoop();
  }

  async whenReady(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ready) {
      if (Date.now() > deadline) throw new BusUnavailableError(`no connection to ${this.options.url}`);
      await sleep(50);
    }
  }

  isReady(): boolean {
    return this.ready && !this.closed;
  }

  async publish(event: EventEnvelope): Promise<void> {
    if (!this.isReady() || !this.js) throw new BusUnavailableError(`not connected to ${this.options.url}`);
    await this.js.publish(this.subjectOf(event.type), JSON.stringify(event), { msgID: event.id, timeout: 5_000 });
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
          servers: this.options.url,
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
        log.info({ url: this.options.url }, 'connected to NATS JetStream');
        for (const subscription of this.subscriptions) this.runConsumers(subscription);
        void this.watchStatus(nc);
        return;
      } catch (error) {
        this.ready = false;
        log.warn({ err: (error as Error).message, url: this.options.url }, 'NATS unavailable, retrying');
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
      await jsm.streams.add({ name: this.stream, subjects: [`${this.prefix}.>`], duplicate_window: 120_000 * NANOS_PER_MS });
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
          ack_wait: (this.options.ackWaitMs ?? 30_000) * NANOS_PER_MS,
        });
        const consumer = await this.js!.consumers.get(this.stream, durable);
        // A server that lost its store (or a deleted consumer) ends the iteration, so the loop
        // recreates the durable consumer instead of pulling from one that no longer exists.
        const messages = await consumer.consume({ max_messages: 64, abort_on_missing_resource: true });
        for await (const message of messages) {
          let event: EventEnvelope;
          try {
            event = message.json<EventEnvelope>();
          } catch {
            log.error({ subject: message.subject }, 'undecodable event dropped');
            message.term();
            continue;
          }
          try {
            if (this.closed) return;
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
            message.nak(this.options.retryDelayMs ?? 1_000);
          }
        }
      } catch (error) {
        if (this.closed) return;
        log.warn({ err: (error as Error).message }, 'consumer stopped, restarting');
      }
      await sleep(1_000);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
