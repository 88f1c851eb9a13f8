import type { EntityManager } from 'typeorm';
import { SubscribedTopics } from '../src/partners/subscribed-topics';

/** Subscriptions in one shared database, as every replica reads them; counts the reads. */
function database() {
  const rows: { topics: string[]; active: boolean }[] = [];
  let reads = 0;
  let gate: Promise<void> | null = null;
  const manager = {
    getRepository: () => ({
      find: async () => {
        reads += 1;
        const snapshot = rows.filter((r) => r.active).map((r) => ({ topics: [...r.topics] }));
        if (gate) await gate;
        return snapshot;
      },
    }),
  } as unknown as EntityManager;
  return {
    manager,
    subscribe: (...topics: string[]) => rows.push({ topics, active: true }),
    reads: () => reads,
    /** Holds the next reads after they took their snapshot, until the returned function is called. */
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

describe('the topics webhook subscriptions name, per process', () => {
  it('costs no read for an event nobody subscribed to while the list is younger than its age', async () => {
    let clock = 0;
    const db = database();
    const list = new SubscribedTopics(5_000, () => clock);
    expect(await list.mayReceive(db.manager, 'ORDER_PLACED')).toBe(false);
    expect(await list.mayReceive(db.manager, 'STOCK_CHANGED')).toBe(false);
    clock = 4_999;
    expect(await list.mayReceive(db.manager, 'ORDER_PLACED')).toBe(false);
    expect(db.reads()).toBe(1);
    clock = 5_000;
    expect(await list.mayReceive(db.manager, 'ORDER_PLACED')).toBe(false);
    expect(db.reads()).toBe(2);
  });

  it('honours a subscription at once where it was saved, and on another replica within the age', async () => {
    let clock = 0;
    const db = database();
    const saving = new SubscribedTopics(5_000, () => clock);
    const other = new SubscribedTopics(5_000, () => clock);
    expect(await saving.mayReceive(db.manager, 'ORDER_PLACED')).toBe(false);
    expect(await other.mayReceive(db.manager, 'ORDER_PLACED')).toBe(false);
    clock = 1_000;
    db.subscribe('ORDER_PLACED', 'REFUND_ISSUED');
    saving.changed();
    expect(await saving.mayReceive(db.manager, 'ORDER_PLACED')).toBe(true);
    // The other replica's list, read before the subscription, is still young enough...
    clock = 4_999;
    expect(await other.mayReceive(db.manager, 'ORDER_PLACED')).toBe(false);
    // ...until its age: from then on, whatever it consumes reaches the subscription.
    clock = 5_000;
    expect(await other.mayReceive(db.manager, 'ORDER_PLACED')).toBe(true);
    expect(await other.mayReceive(db.manager, 'REFUND_ISSUED')).toBe(true);
    expect(await other.mayReceive(db.manager, 'STOCK_CHANGED')).toBe(false);
  });

  it('answers a subscription only once every replica has it (the age), at once with one process', async () => {
    const started = performance.now();
    await new SubscribedTopics(200).settled();
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    const alone = performance.now();
    await new SubscribedTopics(Number.POSITIVE_INFINITY).settled();
    expect(performance.now() - alone).toBeLessThan(50);
  });

  it('does not keep a list read before its own process saved a subscription', async () => {
    const db = database();
    const list = new SubscribedTopics(Number.POSITIVE_INFINITY, () => 0);
    const release = db.hold();
    const before = list.mayReceive(db.manager, 'ORDER_PLACED');
    db.subscribe('ORDER_PLACED');
    list.changed();
    release();
    // The event that read concurrently may miss it (it was consumed before the answer)...
    expect(await before).toBe(false);
    // ...the next one reads again.
    expect(await list.mayReceive(db.manager, 'ORDER_PLACED')).toBe(true);
    expect(db.reads()).toBe(2);
  });
});
