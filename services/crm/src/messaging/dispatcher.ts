import {
  createLogger,
  dialectOf,
  inTransaction,
  tableOf,
  type Logger,
  hydrateValue,
  runStatement,
  hydrateRows,
} from '@omni/platform';
import { In, type DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { lockCustomer } from '../commands/customers';
import { insertInteraction } from '../commands/interactions';
import { ContactChannel } from '../domain/consent';
import { InteractionKind } from '../domain/interaction';
import { Customer } from '../entities/customer';
import { CustomerMessage, MessageStatus } from '../entities/message';
import { UndeliverableError, type MessageSender } from './sender';

export interface DispatcherOptions {
  log?: Logger;
  /** Messages handed to the sender per pass; more due go in the next pass, at once. */
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

type SentColumns = Pick<CustomerMessage, 'status' | 'sentAt' | 'providerMessageId' | 'nextAttemptAt' | 'lastError'> & {
  sentAt: Date;
};

/**
 * Marks the message SENT while it is SENDING and its customer is the claimed one, live and not
 * erased, in one statement that locks the customer before the message (a merge's order; see
 * `markSentAfterChange`). False when any of that changed since the claim.
 */
async function markSentToLiveCustomer(manager: EntityManager, claimed: CustomerMessage, sent: SentColumns): Promise<boolean> {
  const db = manager.connection;
  const lock = dialectOf(db) === 'postgres' ? ' FOR UPDATE' : '';
  const { affected } = await runStatement(
    manager,
    `UPDATE ${tableOf(db, CustomerMessage)} SET "status" = :status, "sentAt" = :sentAt, "providerMessageId" = :providerMessageId, ` +
      `"nextAttemptAt" = NULL, "lastError" = NULL WHERE "id" = :id AND "status" = :sending AND "customerId" = ` +
      `(SELECT c."id" FROM ${tableOf(db, Customer)} c WHERE c."id" = :customerId AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL${lock})`,
    { ...sent, id: claimed.id, sending: MessageStatus.SENDING, customerId: claimed.customerId },
  );
  return affected === 1;
}

/** A sent message on its customer's timeline. */
function timelineEntry(message: CustomerMessage, customerId: string, sentAt: Date) {
  return {
    customerId,
    channel: message.salesChannel,
    kind: TIMELINE_KIND[message.channel],
    summary: `${message.subject} (sent to ${message.recipient})`,
    agent: null,
    orderId: message.orderId,
    messageId: message.id,
    occurredAt: sentAt,
  };
}

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
  private claimSql: string | null = null;

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

  /**
   * Watches commits that wrote messages, and sends what is already due: at once, or when
   * `transaction` (the caller's, about to queue messages) ends, so that first pass sees them.
   */
  start(transaction?: QueryRunner): void {
    if (!this.stopped) return;
    this.stopped = false;
    let firstPassAfter = transaction?.isTransactionActive ? transaction : null;
    const ended = (runner: QueryRunner, committed: boolean) => {
      const wroteMessages = this.dirty.delete(runner) && committed;
      if (runner === firstPassAfter) firstPassAfter = null;
      else if (!wroteMessages) return;
      this.kick();
    };
    this.subscriber = {
      afterInsert: (event) => {
        if (event.metadata.target === CustomerMessage && event.queryRunner) this.dirty.add(event.queryRunner);
      },
      afterTransactionCommit: (event) => ended(event.queryRunner, true),
      afterTransactionRollback: (event) => ended(event.queryRunner, false),
    };
    this.db.subscribers.push(this.subscriber);
    if (!firstPassAfter) this.schedule(0);
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
   * Sends every message due when the pass began, and tells when the next one falls due. Each
   * message is claimed with the time the next one waiting falls due, in one statement; that time,
   * with the retries this pass set, is read again only when nothing was left to claim or another
   * dispatcher took a message over meanwhile (its lease is not known here).
   */
  private async pass(): Promise<{ sent: number; next: Date | null }> {
    const now = new Date();
    let sent = 0;
    let retry: Date | null = null;
    let unknown = false;
    for (let handed = 0; ; handed++) {
      if (handed === this.batchSize) return { sent, next: now };
      const claimed = await this.claimNext(now);
      if (!claimed) return { sent, next: await this.nextDueAt() };
      const outcome = await this.deliver(claimed.message);
      if (outcome === 'sent') sent++;
      else if (outcome === 'taken') unknown = true;
      else if (outcome instanceof Date && (!retry || outcome < retry)) retry = outcome;
      const later = claimed.nextDueAt;
      if (later && later <= now) continue;
      if (unknown) return { sent, next: await this.nextDueAt() };
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

  /**
   * Claims the earliest message due at `now` (a conditional update, so replicas do not both send
   * it) and returns it with its attempt counted, and when the next other waiting message falls
   * due; null when none is due or another dispatcher claimed it first. One row is locked, and only
   * for this statement.
   */
  private async claimNext(now: Date): Promise<{ message: CustomerMessage; nextDueAt: Date | null } | null> {
    const { rows } = await runStatement(this.db.manager, this.claimStatement(), {
      pending: MessageStatus.PENDING,
      sending: MessageStatus.SENDING,
      now,
      lease: new Date(now.getTime() + this.leaseMs),
    });
    const [row] = rows;
    if (!row) return null;
    return {
      message: hydrateRows(this.db, CustomerMessage, [row])[0]!,
      nextDueAt: hydrateValue(this.db, CustomerMessage, 'nextAttemptAt', row.nextDueAt) as Date | null,
    };
  }

  /** `claimNext`'s statement, built on first use. */
  private claimStatement(): string {
    if (this.claimSql) return this.claimSql;
    const table = tableOf(this.db, CustomerMessage);
    const self = this.db.driver.escape(this.db.getMetadata(CustomerMessage).tableName);
    const waiting = (alias: string) => `${alias}"status" IN (:pending, :sending)`;
    this.claimSql =
      `UPDATE ${table} SET "status" = :sending, "attempts" = "attempts" + 1, "nextAttemptAt" = :lease ` +
      `WHERE "id" = (SELECT "id" FROM ${table} WHERE ${waiting('')} AND "nextAttemptAt" <= :now ` +
      `ORDER BY "nextAttemptAt" ASC, "id" ASC LIMIT 1) AND ${waiting('')} AND "nextAttemptAt" <= :now ` +
      `RETURNING *, (SELECT MIN(o."nextAttemptAt") FROM ${table} o WHERE ${waiting('o.')} AND o."id" <> ${self}."id") AS "nextDueAt"`;
    return this.claimSql;
  }

  /**
   * Sends and records one claimed message: 'sent'; 'taken' when another dispatcher has it; else
   * when it is tried again (null: given up as FAILED).
   */
  private async deliver(message: CustomerMessage): Promise<'sent' | 'taken' | Date | null> {
    const attempts = message.attempts;
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
    const sent = { status: MessageStatus.SENT, sentAt: new Date(), providerMessageId, nextAttemptAt: null, lastError: null };
    if (!claimed.customerId) {
      // Not a customer's: no timeline to write on, and no merge or erasure can touch it.
      const { affected } = await this.db.manager.update(CustomerMessage, { id: claimed.id, status: MessageStatus.SENDING }, sent);
      return affected === 1;
    }
    const done = await inTransaction(this.db, async (manager) => {
      if (!(await markSentToLiveCustomer(manager, claimed, sent))) return false;
      await insertInteraction(manager, timelineEntry(claimed, claimed.customerId!, sent.sentAt));
      return true;
    });
    return done || this.markSentAfterChange(claimed, sent);
  }

  /**
   * `markSent` when the claimed message's customer was merged away or erased since the claim (or
   * the message is no longer SENDING): the customer is locked first, then the message, the order a
   * merge (and every consumer) locks them in, so this never deadlocks with a merge re-pointing the
   * message. The timeline entry goes to the live customer (a merge moves the message's customer
   * id, and the lock follows the claimed one to the same survivor).
   */
  private async markSentAfterChange(claimed: CustomerMessage, sent: SentColumns): Promise<boolean> {
    return inTransaction(this.db, async (manager) => {
      const customer = await lockCustomer(manager, claimed.customerId!);
      // The message as claimed (what it says does not change), unless its customer was erased
      // since, which anonymized it: then as it is now.
      const message = !customer || customer.erasedAt ? await manager.findOneBy(CustomerMessage, { id: claimed.id }) : claimed;
      if (!message) return false;
      const { affected } = await manager.update(CustomerMessage, { id: message.id, status: MessageStatus.SENDING }, sent);
      if (!affected) return false;
      if (!message.customerId) return true;
      await insertInteraction(manager, timelineEntry(message, customer?.id ?? message.customerId, sent.sentAt));
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

/**
 * The database's dispatcher, started on first use (the platform has no service start hook);
 * `transaction`: the one the caller queues messages in.
 */
export function dispatcherFor(db: DataSource, sender: MessageSender, transaction?: QueryRunner): MessageDispatcher {
  let dispatcher = dispatchers.get(db);
  if (!dispatcher) {
    dispatcher = new MessageDispatcher(db, sender);
    dispatchers.set(db, dispatcher);
    dispatcher.start(transaction);
  }
  return dispatcher;
}
