import type { DataSource } from 'typeorm';
import { afterThisTurn } from '../after-this-turn';
import { inTransaction } from '../database';
import { inEventSpan } from '../trace-context';
import { claimEvents, claimKey } from './consumer';
import {
  countDelivery,
  deliverOnce,
  settleDelivery,
  type DeliveryOptions,
  type DeliveryOutcome,
  type EventApplier,
} from './dead-letter';
import type { EventEnvelope } from './envelope';

/** One of a service's consumers, as the queue applies its events. */
export interface QueuedConsumer {
  /** The durable name, `<service>-<consumer>`. */
  durable: string;
  apply: EventApplier;
  /** True for an event the consumer would change nothing for: settled without a transaction. */
  ignores?: (db: DataSource, event: EventEnvelope) => Promise<boolean>;
}

export interface DeliveryQueueOptions extends DeliveryOptions {
  /** Events applied in one transaction at most (default 32). */
  maxBatch?: number;
  /** Transactions of the queue at once (default 1; SQLite runs one at a time anyway). */
  concurrency?: number;
}

/** What became of a delivery the queue took: `DeliveryOutcome`, or ignored by its consumer. */
export type QueuedOutcome = DeliveryOutcome | 'ignored';

interface Delivery {
  consumer: QueuedConsumer;
  event: EventEnvelope;
  settle(outcome: QueuedOutcome): void;
  fail(error: unknown): void;
}

/**
 * The deliveries to one service's consumers, applied in as few transactions as the load allows
 * (group commit). The deliveries of one turn of the event loop (an event handed to several of the
 * service's consumers) and those that arrive while transactions run are applied together in the
 * next one: claimed with one statement, applied in arrival order, committed once. So each event
 * still commits with its processed-event row, and under load the bookkeeping (BEGIN, claim,
 * COMMIT) is shared.
 *
 * When any event of a batch fails, the batch rolls back and each of its events is applied alone
 * (`deliverOnce`): the failing one fails by itself, counted and parked as a dead letter as ever.
 * A consumer's events never run in two transactions at once, so it applies them in the order
 * they were delivered.
 */
export class DeliveryQueue {
  private readonly waiting: Delivery[] = [];
  /** Consumers with events in a running transaction: their next events wait for it. */
  private readonly busy = new Set<string>();
  private running = 0;
  private readonly pumpSoon = afterThisTurn(() => this.pump());
  private readonly maxBatch: number;
  private readonly concurrency: number;

  constructor(
    private readonly db: DataSource,
    private readonly options: DeliveryQueueOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 32;
    this.concurrency = options.concurrency ?? 1;
  }

  /** Resolves once the event is applied, found applied before, parked or ignored; rejects for a retry. */
  deliver(consumer: QueuedConsumer, event: EventEnvelope): Promise<QueuedOutcome> {
    return new Promise((settle, fail) => {
      this.waiting.push({ consumer, event, settle, fail });
      // After the deliveries of this turn (an event's consumers are handed it one after another).
      this.pumpSoon();
    });
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const batch = this.nextBatch();
      if (batch.length === 0) return;
      this.running += 1;
      for (const delivery of batch) this.busy.add(delivery.consumer.durable);
      void this.run(batch).finally(() => {
        this.running -= 1;
        for (const delivery of batch) this.busy.delete(delivery.consumer.durable);
        this.pump();
      });
    }
  }

  /** The oldest waiting deliveries of consumers with nothing in a running transaction. */
  private nextBatch(): Delivery[] {
    const batch: Delivery[] = [];
    for (let i = 0; i < this.waiting.length && batch.length < this.maxBatch;) {
      if (this.busy.has(this.waiting[i].consumer.durable)) i += 1;
      else batch.push(...this.waiting.splice(i, 1));
    }
    return batch;
  }

  private async run(batch: Delivery[]): Promise<void> {
    const live: Delivery[] = [];
    for (const delivery of batch) {
      const { consumer, event } = delivery;
      try {
        if (consumer.ignores && (await consumer.ignores(this.db, event))) {
          countDelivery(consumer.durable, event, 'ignored', this.options);
          delivery.settle('ignored');
        } else live.push(delivery);
      } catch (error) {
        delivery.fail(error);
      }
    }
    if (live.length > 1 && (await this.applyTogether(live))) return;
    for (const delivery of live) await this.applyAlone(delivery);
  }

  /** True when every delivery was applied (or found applied) in one transaction and settled. */
  private async applyTogether(live: Delivery[]): Promise<boolean> {
    let applied: Set<Delivery>;
    try {
      applied = await inTransaction(this.db, async (manager) => {
        const claimed = await claimEvents(
          manager,
          live.map(({ consumer, event }) => ({ consumer: consumer.durable, eventId: event.id })),
        );
        const done = new Set<Delivery>();
        for (const delivery of live) {
          const { consumer, event } = delivery;
          // A redelivery queued beside the first copy is claimed once, applied once.
          if (!claimed.delete(claimKey(consumer.durable, event.id))) continue;
          await inEventSpan(`${event.type} ${consumer.durable}`, event.traceparent, () => consumer.apply(manager, event));
          done.add(delivery);
        }
        return done;
      });
    } catch {
      return false;
    }
    for (const delivery of live) {
      const { consumer, event } = delivery;
      try {
        delivery.settle(await settleDelivery(this.db, consumer.durable, event, applied.has(delivery), this.options));
      } catch (error) {
        delivery.fail(error);
      }
    }
    return true;
  }

  private async applyAlone(delivery: Delivery): Promise<void> {
    const { consumer, event } = delivery;
    try {
      const outcome = await inEventSpan(`${event.type} ${consumer.durable}`, event.traceparent, () =>
        deliverOnce(this.db, consumer.durable, event, consumer.apply, this.options),
      );
      delivery.settle(outcome);
    } catch (error) {
      delivery.fail(error);
    }
  }
}
