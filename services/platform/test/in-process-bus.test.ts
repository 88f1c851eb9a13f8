import type { Logger } from '../src/logger';
import { newEnvelope, type EventEnvelope } from '../src/events/envelope';
import { BusUnavailableError } from '../src/events/bus';
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
    bus = new InProcessBus();
    expect(bus.kind).toBe('in-process');
    expect(bus.isReady()).toBe(true);
    await bus.close();
    expect(bus.isReady()).toBe(false);
  });

  it('delivers an event to every matching subscriber and to no other', async () => {
    bus = new InProcessBus();
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
    bus = new InProcessBus();
    const received: EventEnvelope[] = [];
    await bus.subscribe({ durable: 'c', types: ['crm.customer.registered'], handle: async (e) => void received.push(e) });
    const registered = event('crm.customer.registered', { customerId: 'c-1', email: 'a@b.co' });
    await bus.publish(registered);
    await bus.drain();
    expect(received).toEqual([registered]);
  });

  it('delivers once to a subscription whose several types all match', async () => {
    bus = new InProcessBus();
    const handle = jest.fn(async () => undefined);
    await bus.subscribe({ durable: 'dup', types: ['orders.>', 'orders.order.placed', 'orders.*.placed'], handle });
    await bus.publish(event('orders.order.placed'));
    await bus.drain();
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('answers a publish only once every subscriber has taken the event', async () => {
    bus = new InProcessBus();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const applied: string[] = [];
    await bus.subscribe({ durable: 'fast', types: ['a.b'], handle: async (e) => void applied.push(`fast ${e.id}`) });
    await bus.subscribe({
      durable: 'slow',
      types: ['a.b'],
      handle: async (e) => {
        await gate;
        applied.push(`slow ${e.id}`);
      },
    });
    const published = event('a.b');
    let answered = false;
    const publishing = bus.publish(published).then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(applied).toEqual([`fast ${published.id}`]);
    expect(answered).toBe(false);
    release();
    await publishing;
    expect(applied).toEqual([`fast ${published.id}`, `slow ${published.id}`]);
  });

  it('hands a subscriber the events published in one turn together, in the order published', async () => {
    bus = new InProcessBus();
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe({
      durable: 'batching',
      types: ['a.b'],
      window: 10,
      handle: async (e) => {
        started.push(e.id);
        await gate;
      },
    });
    const events = [event('a.b'), event('a.b'), event('a.b')];
    const publishing = Promise.all(events.map((e) => bus.publish(e)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // All three are being handled at once, none finished: what a DeliveryQueue applies in one transaction.
    expect(started).toEqual(events.map((e) => e.id));
    release();
    await publishing;
  });

  it('does not deliver events published before the subscription', async () => {
    bus = new InProcessBus();
    await bus.publish(event('a.b'));
    const handle = jest.fn(async () => undefined);
    await bus.subscribe({ durable: 'late', types: ['a.b'], handle });
    await bus.drain();
    expect(handle).not.toHaveBeenCalled();
  });

  it('fails the publish when a subscriber fails, logged, after the others took the event', async () => {
    const { log, logger } = fakeLogger();
    bus = new InProcessBus(logger);
    const healthy = jest.fn(async () => undefined);
    await bus.subscribe({
      durable: 'failing',
      types: ['a.>'],
      handle: async () => {
        throw new Error('down');
      },
    });
    await bus.subscribe({ durable: 'healthy', types: ['a.>'], handle: healthy });
    const published = event('a.b');
    await expect(bus.publish(published)).rejects.toThrow('down');
    expect(healthy).toHaveBeenCalledTimes(1);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0][0]).toMatchObject({ event: published.id, consumer: 'failing' });
  });

  it('drain() resolves at once when nothing is in flight', async () => {
    bus = new InProcessBus();
    await expect(bus.drain()).resolves.toBeUndefined();
  });

  it('drain() waits for every delivery, including events published by handlers', async () => {
    bus = new InProcessBus();
    const seen: string[] = [];
    await bus.subscribe({
      durable: 'first',
      types: ['orders.order.placed'],
      handle: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen.push(e.type);
        void bus.publish(event('loyalty.points.changed'));
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
    void bus.publish(event('orders.order.placed'));
    await bus.drain();
    expect(seen).toEqual(['orders.order.placed', 'loyalty.points.changed']);
  });

  it('close() lets deliveries in flight finish, then refuses publishes: the relay keeps those events', async () => {
    bus = new InProcessBus();
    const applied: string[] = [];
    await bus.subscribe({
      durable: 'c',
      types: ['a.b'],
      handle: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        applied.push(e.id);
      },
    });
    const first = event('a.b');
    const publishing = bus.publish(first);
    await bus.close();
    await publishing;
    expect(applied).toEqual([first.id]);
    await expect(bus.publish(event('a.b'))).rejects.toBeInstanceOf(BusUnavailableError);
    expect(bus.isReady()).toBe(false);
  });
});
