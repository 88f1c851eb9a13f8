import { createLogger, inTransaction, type Logger } from '@omni/platform';
import { In, LessThanOrEqual, type DataSource, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { lockCustomer } from '../commands/customers';
import { insertInteraction } from '../commands/interactions';
import { ContactChannel } from '../domain/consent';
import { InteractionKind } from '../domain/interaction';
import { CustomerMessage, MessageStatus } from '../entities/message';
import { UndeliverableError, type MessageSender } from './sender';

export interface DispatcherOptions {
  log?: Logger;
  /** Messages handed to the sender per pass. */
  batchSize?: number;
  /** Tries before a message is given up as FAILED. */
  maxAttempts?: number;
  /** Delay before the first retry; doubles with each try. */
  retryDelayMs?: number;
  /** How long a claimed message may stay SENDING before another dispatcher takes it over. */
  leaseMs?: number;
}

const TIMELINE_KIND: Record<ContactChannel, InteractionKind> = {
  [ContactChannel.EMAIL]: InteractionKind.EMAIL,
  [ContactChannel.SMS]: InteractionKind.SMS,
  [ContactChannel.PUSH]: InteractionKind.PUSH_NOTIFICATION,
};

/**
 * Hands committed messages to the sender, outside any database transaction (an SMTP call never
 * holds a lock), and records each sent message on the customer's timeline. Messages are written
 * PENDING by the event consumers; a dispatcher claims one (a conditional update, so replicas do
 * not both send it), sends it, and marks it SENT with its interaction in one transaction. A
 * failure is retried with backoff; an `UndeliverableError` or the last try marks it FAILED.
 */
export class MessageDispatcher {
  private readonly log: Logger;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly leaseMs: number;
  private readonly dirty = new WeakSet<QueryRunner>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private subscriber: EntitySubscriberInterface | null = null;

  constructor(
    private readonly db: DataSource,
    readonly sender: MessageSender,
    options: DispatcherOptions = {},
  ) {
    this.log = options.log ?? createLogger('crm');
    this.batchSize = options.batchSize ?? 50;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  /** Watches commits that wrote messages, and sends what is already due. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.subscriber = {
      afterInsert: (event) => {
        if (event.metadata.target === CustomerMessage && event.queryRunner) this.dirty.add(event.queryRunner);
      },
      afterTransactionCommit: (event) => {
        if (!this.dirty.has(event.queryRunner)) return;
        this.dirty.delete(event.queryRunner);
        this.kick();
      },
      afterTransactionRollback: (event) => {
        this.dirty.delete(event.queryRunner);
      },
    };
    this.db.subscribers.push(this.subscriber);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const index = this.subscriber ? this.db.subscribers.indexOf(this.subscriber) : -1;
    if (index >= 0) this.db.subscribers.splice(index, 1);
    await this.running;
  }

  /** Dispatch soon (after a commit that wrote messages). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Sends every message due now; returns how many were sent. */
  async dispatchDue(): Promise<number> {
    return (await this.pass()).sent;
  }

  /**
   * Sends every message due now, and tells when the next one falls due. One read a batch: the
   * earliest waiting messages, those due sent and the first one not due yet its time; with the
   * retries this pass set, that is the next due time, read again only when another dispatcher
   * took a message over meanwhile (its lease is not known here).
   */
  private async pass(): Promise<{ sent: number; next: Date | null }> {
    let sent = 0;
    let retry: Date | null = null;
    let unknown = false;
    for (;;) {
      const now = new Date();
      const waiting = await this.db.getRepository(CustomerMessage).find({
        where: { status: In([MessageStatus.PENDING, MessageStatus.SENDING]) },
        order: { nextAttemptAt: 'ASC', id: 'ASC' },
        take: this.batchSize,
      });
      const due = waiting.filter((m) => m.nextAttemptAt && m.nextAttemptAt <= now);
      for (const message of due) {
        const outcome = await this.deliver(message);
        if (outcome === 'sent') sent++;
        else if (outcome === 'taken') unknown = true;
        else if (outcome instanceof Date && (!retry || outcome < retry)) retry = outcome;
      }
      if (due.length === this.batchSize) continue;
      if (unknown) return { sent, next: await this.nextDueAt() };
      const later = waiting.find((m) => m.nextAttemptAt && m.nextAttemptAt > now)?.nextAttemptAt ?? null;
      return { sent, next: later && (!retry || later < retry) ? later : retry };
    }
  }

  /** When the next message falls due (a retry or an expired lease), or null when none waits. */
  async nextDueAt(): Promise<Date | null> {
    const next = await this.db.getRepository(CustomerMessage).findOne({
      where: { status: In([MessageStatus.PENDING, MessageStatus.SENDING]) },
      order: { nextAttemptAt: 'ASC' },
    });
    return next?.nextAttemptAt ?? null;
  }

  private async claim(message: CustomerMessage): Promise<boolean> {
    const now = new Date();
    const claimed = await inTransaction(this.db, (manager) =>
      manager.update(
        CustomerMessage,
        { id: message.id, status: message.status, nextAttemptAt: LessThanOrEqual(now) },
        { status: MessageStatus.SENDING, attempts: message.attempts + 1, nextAttemptAt: new Date(now.getTime() + this.leaseMs) },
      ),
    );
    return claimed.affected === 1;
  }

  /**
   * Claims, sends and records one message: 'sent'; 'taken' when another dispatcher has it; else
   * when it is tried again (null: given up as FAILED).
   */
  private async deliver(message: CustomerMessage): Promise<'sent' | 'taken' | Date | null> {
    if (!(await this.claim(message))) return 'taken';
    const attempts = message.attempts + 1;
    try {
      const receipt = await this.sender.send({
        id: message.id,
        kind: message.kind,
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject,
        body: message.body,
      });
      return (await this.markSent(message, receipt.providerMessageId)) ? 'sent' : 'taken';
    } catch (error) {
      const reason = (error as Error).message.slice(0, 500);
      const final = error instanceof UndeliverableError || attempts >= this.maxAttempts;
      this.log.warn({ message: message.id, channel: message.channel, attempts, err: reason, final }, 'customer message not sent');
      const nextAttemptAt = final ? null : new Date(Date.now() + this.retryDelayMs * 2 ** (attempts - 1));
      const { affected } = await inTransaction(this.db, (manager) =>
        manager.update(
          CustomerMessage,
          { id: message.id, status: MessageStatus.SENDING },
          final
            ? { status: MessageStatus.FAILED, lastError: reason, nextAttemptAt }
            : { status: MessageStatus.PENDING, lastError: reason, nextAttemptAt },
        ),
      );
      return affected ? nextAttemptAt : 'taken';
    }
  }

  /** Marks a claimed message SENT with its timeline entry; false when it is no longer SENDING. */
  private async markSent(claimed: CustomerMessage, providerMessageId: string | null): Promise<boolean> {
    return inTransaction(this.db, async (manager) => {
      // The customer first, then the message: the order a merge (and every consumer) locks them in,
      // so marking a message sent never deadlocks with a merge re-pointing it. Merged meanwhile?
      // The timeline entry goes to the live customer (a merge moves the message's customer id, and
      // the lock follows the claimed one to the same survivor).
      const customer = claimed.customerId ? await lockCustomer(manager, claimed.customerId) : null;
      // The message as claimed (what it says does not change), unless its customer was erased
      // since, which anonymized it: then as it is now.
      const message =
        claimed.customerId && (!customer || customer.erasedAt)
          ? await manager.findOneBy(CustomerMessage, { id: claimed.id })
          : claimed;
      if (!message) return false;
      const sentAt = new Date();
      const { affected } = await manager.update(
        CustomerMessage,
        { id: message.id, status: MessageStatus.SENDING },
        { status: MessageStatus.SENT, sentAt, providerMessageId, nextAttemptAt: null, lastError: null },
      );
      if (!affected) return false;
      if (!message.customerId) return true; // not a customer's: no timeline to write on
      await insertInteraction(manager, {
        customerId: customer?.id ?? message.customerId,
        channel: message.salesChannel,
        kind: TIMELINE_KIND[message.channel],
        summary: `${message.subject} (sent to ${message.recipient})`,
        agent: null,
        orderId: message.orderId,
        messageId: message.id,
        occurredAt: sentAt,
      });
      return true;
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.db.isInitialized) {
        this.stopped = true;
        return;
      }
      let next: number | null = null;
      this.running = (async () => {
        const due = (await this.pass()).next;
        if (due) next = Math.max(0, due.getTime() - Date.now());
      })()
        .catch((error: Error) => {
          if (this.db.isInitialized) this.log.warn({ err: error.message }, 'customer message dispatch deferred');
          next = this.retryDelayMs;
        })
        .finally(() => {
          this.running = null;
          if (this.again) {
            this.again = false;
            next = 0;
          }
          if (next !== null) this.schedule(next);
        });
    }, delayMs);
    this.timer.unref();
  }
}

const dispatchers = new WeakMap<DataSource, MessageDispatcher>();

/** The database's dispatcher, started on first use (the platform has no service start hook). */
export function dispatcherFor(db: DataSource, sender: MessageSender): MessageDispatcher {
  let dispatcher = dispatchers.get(db);
  if (!dispatcher) {
    dispatcher = new MessageDispatcher(db, sender);
    dispatchers.set(db, dispatcher);
    dispatcher.start();
  }
  return dispatcher;
}
