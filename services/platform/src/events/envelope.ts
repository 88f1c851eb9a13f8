import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../channel';

/** Every event on the bus. `type` is `<service>.<entity>.<fact>`, e.g. `orders.order.placed`. */
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  occurredAt: string;
  channel: Channel | null;
  version: number;
  payload: P;
  /** W3C trace context of the request that wrote the event (only while tracing is on): its consumers' spans join that trace. */
  traceparent?: string;
}

export function newEnvelope<P>(type: string, payload: P, channel: Channel | null, version = 1): EventEnvelope<P> {
  return { id: randomUUID(), type, occurredAt: new Date().toISOString(), channel, version, payload };
}

/**
 * Events are authenticated: the bus that publishes an envelope signs its exact JSON bytes with
 * HMAC-SHA256 under EVENT_SECRET, and the bus that delivers it checks the signature before any
 * handler runs. On NATS the signature travels in the `Omni-Signature` header, the body is the
 * envelope's JSON unchanged. A message without a valid signature is never applied.
 */

/** Public, so it protects nothing: the embedded mode and development only. */
export const DEV_EVENT_SECRET = 'omni-development-event-secret-not-for-production';

/** The NATS header carrying the signature of the message body. */
export const EVENT_SIGNATURE_HEADER = 'Omni-Signature';

/** Prefixed to the signed bytes, so no other HMAC under the same secret can pass for an event's. */
const SIGNATURE_CONTEXT = 'omni.event.v1\n';

/** An envelope as it travels: its JSON and the signature of exactly those bytes. */
export interface SignedEvent {
  body: string;
  signature: string;
}

/** HMAC-SHA256 of the body (as UTF-8 bytes), base64url. */
export function signEventBody(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(SIGNATURE_CONTEXT, 'utf8').update(body).digest('base64url');
}

export function signEnvelope(event: EventEnvelope, secret: string): SignedEvent {
  const body = JSON.stringify(event);
  return { body, signature: signEventBody(body, secret) };
}

/** Why a delivered message was not accepted as an event. */
export type EventRejection = 'unsigned' | 'bad-signature' | 'undecodable' | 'wrong-subject';

export type VerifiedEvent = { ok: true; event: EventEnvelope } | { ok: false; reason: EventRejection; event?: EventEnvelope };

/**
 * Checks a delivered message: the signature first (constant-time), then the JSON, then, when the
 * bus names the subject it arrived on, that the envelope's type is that subject's (a signed event
 * republished on another subject is refused).
 */
export function verifyEvent(
  body: string | Uint8Array,
  signature: string | undefined,
  secret: string,
  subjectOf?: { subject: string; of: (type: string) => string },
): VerifiedEvent {
  if (!signature) return { ok: false, reason: 'unsigned' };
  const expected = Buffer.from(signEventBody(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let event: EventEnvelope;
  try {
    event = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8')) as EventEnvelope;
  } catch {
    return { ok: false, reason: 'undecodable' };
  }
  if (!event || typeof event !== 'object' || typeof event.id !== 'string' || typeof event.type !== 'string') {
    return { ok: false, reason: 'undecodable' };
  }
  if (subjectOf && subjectOf.of(event.type) !== subjectOf.subject) return { ok: false, reason: 'wrong-subject', event };
  return { ok: true, event };
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
