import { GroupCommitQueue, type GroupCommitOptions, type Settled } from '../src/commands/group-commit';

type Item = { id: string; keys: string[] };

/** A queue over fake transactions that records what each batch held. */
function queue(options: Partial<GroupCommitOptions<Item, string>> = {}) {
  const batches: string[][] = [];
  const alone: string[] = [];
  const q = new GroupCommitQueue<Item, string>({
    together: async (items) => {
      batches.push(items.map((i) => i.id));
      return items.map((i) => ({ result: `${i.id} together` }));
    },
    alone: async (item) => {
      alone.push(item.id);
      if (item.id === 'bad') throw new Error('bad alone');
      return `${item.id} alone`;
    },
    keysOf: (item) => item.keys,
    maxKeys: 100,
    concurrency: 1,
    ...options,
  });
  return { q, batches, alone };
}

const item = (id: string, ...keys: string[]): Item => ({ id, keys: keys.length ? keys : [id] });

describe('group commit', () => {
  it('applies the requests of one turn together, and those arriving meanwhile in the next batch', async () => {
    const { q, batches } = queue();
    const first = [q.submit(item('a')), q.submit(item('b')), q.submit(item('c'))];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [q.submit(item('d')), q.submit(item('e'))];
    expect(await Promise.all([...first, ...second])).toEqual([
      'a together',
      'b together',
      'c together',
      'd together',
      'e together',
    ]);
    expect(batches).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('never puts two requests sharing a key in one batch, and caps a batch by its keys', async () => {
    const { q, batches, alone } = queue({ maxKeys: 4 });
    await Promise.all([
      q.submit(item('a', 'order-1', 'row-1')),
      q.submit(item('b', 'order-2', 'row-1')),
      q.submit(item('c', 'order-3', 'row-2')),
      q.submit(item('d', 'order-4', 'row-3')),
    ]);
    expect(batches).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ]);
    expect(alone).toEqual([]);
  });

  it('applies each request of a failed batch alone: only the failing one fails', async () => {
    const { q, alone } = queue({
      together: async (items) => {
        if (items.some((i) => i.id === 'bad')) throw new Error('rolled back');
        return items.map((i) => ({ result: i.id }));
      },
    });
    const results = await Promise.allSettled([q.submit(item('a')), q.submit(item('bad')), q.submit(item('c'))]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a alone',
      'bad alone',
      'c alone',
    ]);
    expect(alone).toEqual(['a', 'bad', 'c']);
  });

  it('settles refused requests with their error and runs deferred ones after the batch', async () => {
    const { q, batches, alone } = queue({
      together: async (items) => {
        batches.push(items.map((i) => i.id));
        return items.map((i, n): Settled<string> => {
          if (i.id === 'short') return { error: new Error('not enough') };
          return n > 0 && i.id === 'later' ? 'deferred' : { result: i.id };
        });
      },
    });
    const results = await Promise.allSettled([
      q.submit(item('a')),
      q.submit(item('short')),
      q.submit(item('later')),
      q.submit(item('b')),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a',
      'not enough',
      'later alone',
      'b',
    ]);
    expect(batches).toEqual([['a', 'short', 'later', 'b']]);
    expect(alone).toEqual(['later']);
  });
});
