import { perDataSource } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { WebhookSubscription } from '../entities/partner';

/**
 * The topics some active webhook subscription names, kept per process and database so that an
 * event nobody subscribed to costs no statement; when its topic is listed, the consumer reads the
 * subscriptions that may receive it as before.
 *
 * How stale it may be: a list is used for at most `maxAgeMs` from the moment its read began, and
 * this process's own subscription writes drop it at once. A subscription another replica saved is
 * thus in every replica's list `maxAgeMs` after it committed, and `createWebhookSubscription`
 * answers only then (`settled`): every event that happens after the answer is delivered,
 * whichever replica consumes it. An event between the commit and the answer may or may not be.
 * A topic still listed after its last subscription went costs the exact read, which finds nobody.
 */
export class SubscribedTopics {
  private list: { topics: ReadonlySet<string>; readAt: number } | null = null;
  /** Counts this process's writes: a read that began before one is not kept. */
  private writes = 0;

  constructor(
    readonly maxAgeMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** False only when no active subscription named `topic` as of at most `maxAgeMs` ago. */
  async mayReceive(manager: EntityManager, topic: string): Promise<boolean> {
    const now = this.now();
    if (this.list && now - this.list.readAt < this.maxAgeMs) return this.list.topics.has(topic);
    const writes = this.writes;
    const active = await manager.getRepository(WebhookSubscription).find({ select: { topics: true }, where: { active: true } });
    const list = { topics: new Set<string>(active.flatMap((s) => s.topics)), readAt: now };
    if (writes === this.writes) this.list = list;
    return list.topics.has(topic);
  }

  /** This process saved or deleted a subscription (committed): the next event reads them again. */
  changed(): void {
    this.writes += 1;
    this.list = null;
  }

  /** Resolves once every replica's list has the subscriptions committed before the call. */
  settled(): Promise<void> {
    if (!Number.isFinite(this.maxAgeMs)) return Promise.resolve();
    // A little more than the age: replicas' clocks tick at slightly different rates.
    return new Promise((resolve) => setTimeout(resolve, this.maxAgeMs * 1.01 + 20));
  }
}

/**
 * Embedded, the system is one process: only its own writes change the subscriptions, so a list
 * lasts until it writes one. Distributed (`useDistributedSubscriptionLists`), replicas refresh
 * theirs every 5 seconds.
 */
let maxAgeMs = Number.POSITIVE_INFINITY;

export function useDistributedSubscriptionLists(): void {
  maxAgeMs = 5_000;
}

/** This process's list for the database `db`. */
export const subscribedTopics = perDataSource(() => new SubscribedTopics(maxAgeMs));
