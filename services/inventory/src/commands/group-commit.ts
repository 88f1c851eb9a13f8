import { afterThisTurn } from '@omni/platform';

/** What became of one item of a batch: its result, its error (nothing of it written), or deferred to a later batch. */
export type Settled<R> = { result: R } | { error: unknown } | 'deferred';

export interface GroupCommitOptions<T, R> {
  /** Applies the items in one transaction, a `Settled` per item; throws (rolled back) to have each applied alone. */
  together(items: T[]): Promise<Settled<R>[]>;
  /** Applies one item in a transaction of its own. */
  alone(item: T): Promise<R>;
  /** What an item locks (its order, its stock rows): two items sharing one never go in one batch. */
  keysOf(item: T): string[];
  /** Keys of one batch at most (one item alone may have more). */
  maxKeys: number;
  /** Transactions at once (SQLite runs one at a time anyway). */
  concurrency: number;
}

interface Waiting<T, R> {
  item: T;
  keys: string[];
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Requests applied in as few transactions as the load allows (group commit): those that arrive
 * while a transaction runs go together in the next one, so under load one BEGIN, one statement per
 * kind of write and one COMMIT serve many. Items that lock the same rows wait for each other.
 * When a batch fails as a whole it rolls back and each of its items is applied alone, so only the
 * failing one fails; an item refused in a batch (`{ error }`) wrote nothing and fails alone too.
 */
export class GroupCommitQueue<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  /** Keys of the items in running transactions. */
  private readonly busy = new Set<string>();
  private running = 0;
  private readonly pumpSoon = afterThisTurn(() => this.pump());

  constructor(private readonly options: GroupCommitOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, keys: this.options.keysOf(item), resolve, reject });
      // After the requests of this turn of the event loop.
      this.pumpSoon();
    });
  }

  private pump(): void {
    while (this.running < this.options.concurrency) {
      const batch = this.nextBatch();
      if (batch.length === 0) return;
      this.running += 1;
      const keys = batch.flatMap((w) => w.keys);
      for (const key of keys) this.busy.add(key);
      void this.run(batch).finally(() => {
        this.running -= 1;
        for (const key of keys) this.busy.delete(key);
        this.pump();
      });
    }
  }

  /** The oldest waiting items that share no key with each other or with a running transaction. */
  private nextBatch(): Waiting<T, R>[] {
    const batch: Waiting<T, R>[] = [];
    const taken = new Set<string>();
    for (let i = 0; i < this.waiting.length;) {
      const { keys } = this.waiting[i]!;
      if (batch.length > 0 && taken.size + keys.length > this.options.maxKeys) break;
      if (keys.some((key) => this.busy.has(key) || taken.has(key))) {
        i += 1;
        continue;
      }
      for (const key of keys) taken.add(key);
      batch.push(...this.waiting.splice(i, 1));
    }
    return batch;
  }

  private async run(batch: Waiting<T, R>[]): Promise<void> {
    if (batch.length > 1) {
      let settled: Settled<R>[] | null;
      try {
        settled = await this.options.together(batch.map((w) => w.item));
      } catch {
        settled = null;
      }
      if (settled) {
        const again: Waiting<T, R>[] = [];
        batch.forEach((waiting, i) => {
          const outcome = settled[i];
          if (outcome === undefined || outcome === 'deferred') again.push(waiting);
          else if ('error' in outcome) waiting.reject(outcome.error);
          else waiting.resolve(outcome.result);
        });
        // First in the next batch, where nothing before them can defer them again.
        this.waiting.unshift(...again);
        return;
      }
    }
    for (const waiting of batch) {
      try {
        waiting.resolve(await this.options.alone(waiting.item));
      } catch (error) {
        waiting.reject(error);
      }
    }
  }
}
