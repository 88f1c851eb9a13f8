import { createHmac } from 'node:crypto';
import { ConfigError } from '../src/config';
import {
  DEV_EVENT_SECRET,
  newEnvelope,
  signEnvelope,
  signEventBody,
  verifyEvent,
  type EventEnvelope,
} from '../src/events/envelope';
import { InProcessBus } from '../src/events/in-process-bus';
import { natsEndpoint } from '../src/events/nats-bus';
import type { Logger } from '../src/logger';
import { distributedNats } from '../src/process';

const SECRET = 'a-test-event-secret-of-at-least-32-characters';
const placed = () => newEnvelope('orders.order.placed', { orderId: 'o-1', totalCents: 1_000 }, null);

describe('event signatures', () => {
  it('verifies what was signed with the same secret, and returns the envelope', () => {
    const event = placed();
    const { body, signature } = signEnvelope(event, SECRET);
    expect(body).toBe(JSON.stringify(event));
    expect(verifyEvent(body, signature, SECRET)).toEqual({ ok: true, event });
    expect(verifyEvent(Buffer.from(body), signature, SECRET)).toEqual({ ok: true, event });
  });

  it('rejects an unsigned event, another secret, and a body changed after signing', () => {
    const { body, signature } = signEnvelope(placed(), SECRET);
    expect(verifyEvent(body, undefined, SECRET)).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifyEvent(body, '', SECRET)).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifyEvent(body, signature, DEV_EVENT_SECRET)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyEvent(body.replace('1000', '9000'), signature, SECRET)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyEvent(body, signature.slice(0, -1), SECRET)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('signs the bytes with a context of its own: a bare HMAC of the body does not pass', () => {
    const { body } = signEnvelope(placed(), SECRET);
    const bare = createHmac('sha256', SECRET).update(body).digest('base64url');
    expect(verifyEvent(body, bare, SECRET)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a signed body that is no envelope', () => {
    for (const body of ['not json', '42', 'null', '{"id":1}']) {
      expect(verifyEvent(body, signEventBody(body, SECRET), SECRET)).toEqual({ ok: false, reason: 'undecodable' });
    }
  });

  it('rejects a signed event that arrives on a subject other than its type', () => {
    const event = placed();
    const { body, signature } = signEnvelope(event, SECRET);
    const of = (type: string) => `omni.${type}`;
    expect(verifyEvent(body, signature, SECRET, { subject: 'omni.orders.order.placed', of }).ok).toBe(true);
    expect(verifyEvent(body, signature, SECRET, { subject: 'omni.orders.return.received', of })).toEqual({
      ok: false,
      reason: 'wrong-subject',
      event,
    });
  });
});

describe('the in-process bus signs and verifies too', () => {
  it('delivers with the development secret by default, a decoded copy to each handler', async () => {
    const bus = new InProcessBus();
    const received: EventEnvelope[] = [];
    await bus.subscribe({ durable: 'a', types: ['orders.>'], handle: async (e) => void received.push(e) });
    const event = placed();
    await bus.publish(event);
    await bus.close();
    expect(received).toEqual([event]);
    expect(received[0]).not.toBe(event);
  });

  it('delivers with a secret of its own', async () => {
    const error = jest.fn();
    const bus = new InProcessBus({ error } as unknown as Logger, SECRET);
    const handle = jest.fn(async () => undefined);
    await bus.subscribe({ durable: 'a', types: ['orders.order.placed'], handle });
    await bus.publish(placed());
    await bus.close();
    expect(handle).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });
});

describe('NATS credentials', () => {
  it('splits credentials off a URL, which nats.js would ignore and logs must not show', () => {
    expect(natsEndpoint('nats://orders:s%40cret@nats:4222')).toEqual({
      server: 'nats://nats:4222',
      user: 'orders',
      password: 's@cret',
    });
    expect(natsEndpoint('nats://nats:4222')).toEqual({ server: 'nats://nats:4222', user: undefined, password: undefined });
    expect(natsEndpoint('nats://x:y@nats:4222', 'orders', 'pw')).toEqual({
      server: 'nats://nats:4222',
      user: 'orders',
      password: 'pw',
    });
  });

  const failure = (settings: Record<string, string>) => {
    try {
      distributedNats(settings);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    return null;
  };

  it('are required in the distributed mode when NATS_URL is set, naming the variable', () => {
    expect(failure({ NATS_URL: 'nats://nats:4222' })?.variable).toBe('NATS_USER');
    expect(failure({ NATS_URL: 'nats://nats:4222', NATS_PASSWORD: 'pw' })?.variable).toBe('NATS_USER');
    expect(failure({ NATS_URL: 'nats://nats:4222', NATS_USER: 'orders' })?.variable).toBe('NATS_PASSWORD');
    expect(failure({ NATS_URL: 'nats://orders@nats:4222' })?.variable).toBe('NATS_PASSWORD');
    expect(failure({ NATS_URL: 'nats://a:b@nats:4222', NATS_USER: 'orders', NATS_PASSWORD: 'pw' })?.message).toMatch(
      /NATS_USER is set and NATS_URL carries credentials too/,
    );
  });

  it('come from NATS_USER / NATS_PASSWORD or from the URL; no NATS_URL needs none', () => {
    expect(distributedNats({})).toBeUndefined();
    expect(distributedNats({ NATS_URL: 'nats://nats:4222', NATS_USER: 'orders', NATS_PASSWORD: 'pw' })).toEqual({
      server: 'nats://nats:4222',
      user: 'orders',
      password: 'pw',
    });
    expect(distributedNats({ NATS_URL: 'nats://orders:pw@nats:4222' })).toEqual({
      server: 'nats://nats:4222',
      user: 'orders',
      password: 'pw',
    });
  });
});
