import { randomUUID } from 'node:crypto';
import type { Channel } from '../channel';

/** Every event on the bus. `type` is `<service>.<entity>.<fact>`, e.g. `orders.order.placed`. */
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  channel: Channel | null;
  version: number;
  payload: P;
}

export function newEnvelope<P>(type: string, payload: P, channel: Channel | null, version = 1): EventEnvelope<P> {
  return { id: randomUUID(), type, occurredAt: new Date().toISOString(), channel, version, payload };
}

/** NATS-style subject match: `*` is one token, `>` the rest. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}
