import type { Logger } from '../src/logger';
import { newEnvelope, type EventEnvelope } from '../src/events/envelope';
import { InProcessBus } from '../src/events/in-process-bus';

function fakeLogger() {
  const log = { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() };
  return { log, logger: log as unknown as Logger };
}

const event = (type: string, payload: unknown = {}) => newEnvelope(type, payload, null);

describe('InProcessBus', () => {
  let bus: InProcessBus;

  afterEach(async () => {
    await bus?.close();
  });

  it('is ready until closed', async () => {
    bus = new InProcessBus(undefined, 1);
    expect(bus.kind).toBe('in-process');
    expect(bus.isReady()).toBe(true);
    await bus.close();
    expect(bus.isReady()).toBe(false);
  });

  it('delivers an event to every matching subscriber and to no other', async () => {
    bus = new InProcessBus(undefined, 1);
    const exact: string[] = [];
    const wildcard: string[] = [];
    const star: string[] = [];
    const other: string[] = [];
    await bus.subscribe({ durable: 'exact', types: ['orders.order.placed'], handle: async (e) => void exact.push(e.id) });
    await bus.subscribe({ durable: 'wild', types: ['orders.>'], handle: async (e) => void wildcard.push(e.id) });
    await bus.subscribe({ durable: 'star', types: ['*.order.placed'], handle: async (e) => void star.push(e.id) });
    await bus.subscribe({
      durable: 'crm',
      types: ['crm.>', 'loyalty.points.changed'],
      handle: async (e) => void other.push(e.id),
    });

    const placed = event('orders.order.placed');
    const shipped = event('orders.order.shipped');
    await bus.publish(placed);
    await bus.publish(shipped);
    await bus.drain();

    expect(exact).toEqual([placed.id]);
    expect(wildcard.sort()).toEqual([placed.id, shipped.id].sort());
    expect(star).toEqual([placed.id]);
    expect(other).toEqual([]);
  });

  it('passes the envelope to the handler unchanged', async () => {
    bus = new InProcessBus(undefined, 1);
    const received: EventEnvelope[] = [];
    await bus.subscribe({ durable: 'c', types: ['crm.customer.registered'], handle: async (e) => void received.push(e) });
    const registered = event('crm.customer.registered', { customerId: 'c-1', email: 'a@b.co' });
    await bus.publish(registered);
    await bus.drain();
    expect(received).toEqual([registered]);
  });

  it('delivers once to a subscription whose several types all match', async () => {
    bus = new InProcessBus(undefined, 1);
    const handle = jest.fn(async () => undefined);
    await bus.subscribe({ durable: 'dup', types: ['orders.>', 'orders.order.placed', 'orders.*.placed'], handle });
    await bus.publish(event('orders.order.placed'));
    await bus.drain();
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('delivers asynchronously: publish returns before the handler runs', async () => {
    bus = new InProcessBus(undefined, 1);
    const handle = jest.fn(async () => undefined);
    await bus.subscribe({ durable: 'async', types: ['a.b'], handle });
    await bus.publish(event('a.b'));
    expect(handle).not.toHaveBeenCalled();
    await bus.drain();
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('does not deliver events published before the subscription', async () => {
    bus = new InProcessBus(undefined, 1);
    await bus.publish(event('a.b'));
    const handle = jest.fn(async () => undefined);
    await bus.subscribe({ durable: 'late', types: ['a.b'], handle });
    await bus.drain();
    expect(handle).not.toHaveBeenCalled();
  });

  it('retries a failing handler until it succeeds, logging each failure', async () => {
    const { log, logger } = fakeLogger();
    bus = new InProcessBus(logger, 2);
    let calls = 0;
    const applied: string[] = [];
    await bus.subscribe({
      durable: 'flaky',
      types: ['orders.order.placed'],
      handle: async (e) => {
        calls++;
        if (calls < 3) throw new Error(`transient failure ${calls}`);
        applied.push(e.id);
      },
    });
    const placed = event('orders.order.placed');
    await bus.publish(placed);
    await bus.drain();

    expect(calls).toBe(3);
    expect(applied).toEqual([placed.id]);
    expect(log.error).toHaveBeenCalledTimes(2);
    expect(log.error.mock.calls[0][0]).toMatchObject({ event: placed.id, consumer: 'flaky' });
  });

  it('backs off between retries, doubling the delay up to the maximum', async () => {
    bus = new InProcessBus(undefined, 20, 40);
    const times: number[] = [];
    await bus.subscribe({
      durable: 'slow',
      types: ['x.y'],
      handle: async () => {
        times.push(performance.now());
        if (times.length < 4) throw new Error('not yet');
      },
    });
    await bus.publish(event('x.y'));
    await bus.drain();
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 20 ms, then 40 ms, then capped at 40 ms (timers may fire a millisecond early).
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    expect(gaps[2]).toBeGreaterThanOrEqual(38);
  });

  it('keeps delivering to other subscribers while one handler fails', async () => {
    bus = new InProcessBus(undefined, 5);
    const healthy = jest.fn(async () => undefined);
    let failures = 0;
    await bus.subscribe({
      durable: 'failing',
      types: ['a.>'],
      handle: async () => {
        if (failures++ < 2) throw new Error('down');
      },
    });
    await bus.subscribe({ durable: 'healthy', types: ['a.>'], handle: healthy });
    await bus.publish(event('a.b'));
    await bus.drain();
    expect(healthy).toHaveBeenCalledTimes(1);
    expect(failures).toBe(3);
  });

  it('drain() resolves at once when nothing is in flight', async () => {
    bus = new InProcessBus(undefined, 1);
    await expect(bus.drain()).resolves.toBeUndefined();
  });

  it('drain() waits for every delivery, including events published by handlers', async () => {
    bus = new InProcessBus(undefined, 1);
    const seen: string[] = [];
    await bus.subscribe({
      durable: 'first',
      types: ['orders.order.placed'],
      handle: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen.push(e.type);
        await bus.publish(event('loyalty.points.changed'));
      },
    });
    await bus.subscribe({
      durable: 'second',
      types: ['loyalty.points.changed'],
      handle: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen.push(e.type);
      },
    });
    await bus.publish(event('orders.order.placed'));
    await bus.drain();
    expect(seen).toEqual(['orders.order.placed', 'loyalty.points.changed']);
  });

  it('close() stops retrying a handler that never succeeds', async () => {
    bus = new InProcessBus(undefined, 5);
    const handle = jest.fn(async () => {
      throw new Error('permanent');
    });
    await bus.subscribe({ durable: 'broken', types: ['a.b'], handle });
    await bus.publish(event('a.b'));
    while (handle.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await bus.close();
    const calls = handle.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(handle.mock.calls.length).toBe(calls);
    expect(calls).toBeLessThanOrEqual(3);
  });
});
