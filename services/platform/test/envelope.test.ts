import { Channel } from '../src/channel';
import { newEnvelope, subjectMatches } from '../src/events/envelope';

describe('subjectMatches', () => {
  describe('exact patterns', () => {
    it('matches the identical subject', () => {
      expect(subjectMatches('orders.order.placed', 'orders.order.placed')).toBe(true);
    });

    it('does not match a subject that differs in any token', () => {
      expect(subjectMatches('orders.order.placed', 'orders.order.cancelled')).toBe(false);
      expect(subjectMatches('orders.order.placed', 'crm.order.placed')).toBe(false);
      expect(subjectMatches('orders.order.placed', 'orders.line.placed')).toBe(false);
    });

    it('compares whole tokens, not string prefixes', () => {
      expect(subjectMatches('orders.order', 'orders.orders')).toBe(false);
      expect(subjectMatches('order.placed', 'orders.placed')).toBe(false);
    });

    it('is case-sensitive', () => {
      expect(subjectMatches('orders.order.placed', 'Orders.order.placed')).toBe(false);
    });
  });

  describe('length mismatch', () => {
    it('does not match a longer subject', () => {
      expect(subjectMatches('orders.order', 'orders.order.placed')).toBe(false);
    });

    it('does not match a shorter subject', () => {
      expect(subjectMatches('orders.order.placed', 'orders.order')).toBe(false);
      expect(subjectMatches('orders.order.placed.v2', 'orders.order.placed')).toBe(false);
    });
  });

  describe('`*` (exactly one token)', () => {
    it('matches any single token in its position', () => {
      expect(subjectMatches('orders.*.placed', 'orders.order.placed')).toBe(true);
      expect(subjectMatches('orders.*.placed', 'orders.return.placed')).toBe(true);
      expect(subjectMatches('*.customer.registered', 'crm.customer.registered')).toBe(true);
      expect(subjectMatches('orders.order.*', 'orders.order.shipped')).toBe(true);
    });

    it('does not match zero tokens or several tokens', () => {
      expect(subjectMatches('orders.*.placed', 'orders.placed')).toBe(false);
      expect(subjectMatches('orders.*.placed', 'orders.order.line.placed')).toBe(false);
      expect(subjectMatches('orders.*', 'orders.order.placed')).toBe(false);
      expect(subjectMatches('orders.*', 'orders')).toBe(false);
    });

    it('still requires the other tokens to match', () => {
      expect(subjectMatches('orders.*.placed', 'orders.order.cancelled')).toBe(false);
    });

    it('can be used in every position', () => {
      expect(subjectMatches('*.*.*', 'loyalty.points.changed')).toBe(true);
      expect(subjectMatches('*.*.*', 'loyalty.points')).toBe(false);
    });
  });

  describe('`>` (one or more remaining tokens)', () => {
    it('matches every subject under the prefix, however deep', () => {
      expect(subjectMatches('orders.>', 'orders.order')).toBe(true);
      expect(subjectMatches('orders.>', 'orders.order.placed')).toBe(true);
      expect(subjectMatches('orders.>', 'orders.order.line.shipped')).toBe(true);
    });

    it('needs at least one token after the prefix', () => {
      expect(subjectMatches('orders.>', 'orders')).toBe(false);
      expect(subjectMatches('orders.order.>', 'orders.order')).toBe(false);
    });

    it('does not match other prefixes', () => {
      expect(subjectMatches('orders.>', 'crm.customer.registered')).toBe(false);
      expect(subjectMatches('orders.>', 'ordersx.order.placed')).toBe(false);
    });

    it('alone matches any subject', () => {
      expect(subjectMatches('>', 'crm.customer.registered')).toBe(true);
      expect(subjectMatches('>', 'x')).toBe(true);
    });

    it('combines with `*`', () => {
      expect(subjectMatches('*.order.>', 'orders.order.placed')).toBe(true);
      expect(subjectMatches('*.order.>', 'orders.customer.placed')).toBe(false);
    });
  });
});

describe('newEnvelope', () => {
  it('stamps a unique id, the current time and version 1 by default', () => {
    const before = Date.now();
    const a = newEnvelope('orders.order.placed', { orderId: 'o1' }, Channel.WEB);
    const b = newEnvelope('orders.order.placed', { orderId: 'o1' }, Channel.WEB);
    const after = Date.now();
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.version).toBe(1);
    expect(new Date(a.occurredAt).toISOString()).toBe(a.occurredAt);
    const at = Date.parse(a.occurredAt);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
    expect(a).toMatchObject({ type: 'orders.order.placed', channel: Channel.WEB, payload: { orderId: 'o1' } });
  });

  it('keeps an explicit version and a null channel', () => {
    const e = newEnvelope('crm.customer.merged', {}, null, 3);
    expect(e.version).toBe(3);
    expect(e.channel).toBeNull();
  });

  it('survives a JSON round trip unchanged (it travels as JSON on the bus)', () => {
    const e = newEnvelope('loyalty.points.changed', { points: 12, tier: 'GOLD' }, Channel.STORE);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});
