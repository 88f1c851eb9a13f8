import { createHmac, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ConfigError, type EventEnvelope } from '@omni/platform';
import { Brackets, In, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { JobContext } from '@omni/platform';
import { receivesEvent } from '../domain/webhooks';
import { Order } from '../entities/order';
import { WebhookDelivery, WebhookSubscription } from '../entities/partner';
import { subscribedTopics, useDistributedSubscriptionLists } from './subscribed-topics';
import { TOPIC_OF_EVENT, WebhookDeliveryStatus, webhookEvent } from './topics';

/** Headers of a delivery (Shopify-style names). */
export const WEBHOOK_HEADERS = {
  signature: 'x-omni-hmac-sha256',
  topic: 'x-omni-topic',
  deliveryId: 'x-omni-delivery-id',
  timestamp: 'x-omni-timestamp',
} as const;

/**
 * The signature of a delivery: base64 HMAC-SHA256, under the subscription's signing secret, of
 * `<timestamp>.<raw body>` (the timestamp header, seconds since the epoch): a receiver recomputes
 * it over the bytes it got, compares in constant time, and refuses old timestamps (replays).
 */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('base64');
}

export interface DispatchSettings {
  /** Attempts before a delivery is FAILED (WEBHOOK_MAX_ATTEMPTS, default 8). */
  maxAttempts: number;
  /** First retry delay; doubled per attempt up to an hour (WEBHOOK_RETRY_BASE_SECONDS, default 30). */
  retryBaseSeconds: number;
  /** How long a receiver may take to answer (WEBHOOK_TIMEOUT_MS, default 10000). */
  timeoutMs: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(name, 'must be a positive integer');
  return value;
}

/**
 * Where webhooks may go (WEBHOOK_URL_POLICY). `open`: any http(s) URL, loopback included, so a
 * developer receives on their own machine (the embedded default). `public`: https only, and
 * never a loopback, private, link-local or carrier-grade NAT address, checked on the literal and
 * on every address the name resolves to, when subscribing and again before each send (the
 * distributed default: a partner must not make us call our own network). Hosts in
 * WEBHOOK_ALLOWED_HOSTS (comma-separated) are exempt.
 */
export type UrlPolicy = 'open' | 'public';

let defaultPolicy: UrlPolicy = 'open';

/** The distributed orders process (main.ts) defaults to the `public` policy, and runs as several replicas. */
export function useDistributedWebhookDefaults(): void {
  defaultPolicy = 'public';
  useDistributedSubscriptionLists();
}

export function dispatchSettings(env: NodeJS.ProcessEnv = process.env): DispatchSettings & {
  urlPolicy: UrlPolicy;
  allowedHosts: string[];
} {
  const policy = env.WEBHOOK_URL_POLICY || defaultPolicy;
  if (policy !== 'open' && policy !== 'public') throw new ConfigError('WEBHOOK_URL_POLICY', 'must be open or public');
  return {
    maxAttempts: positiveInt(env, 'WEBHOOK_MAX_ATTEMPTS', 8),
    retryBaseSeconds: positiveInt(env, 'WEBHOOK_RETRY_BASE_SECONDS', 30),
    timeoutMs: positiveInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    urlPolicy: policy,
    allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  };
}

const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

/** True for an address of our own network (loopback, private, link-local, multicast, unspecified). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why `url` may not receive webhooks under the policy, or null when it may. */
export async function refusedDestination(
  url: URL,
  settings: { urlPolicy: UrlPolicy; allowedHosts: string[] },
): Promise<string | null> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be http or https';
  if (settings.urlPolicy === 'open') return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (settings.allowedHosts.includes(host)) return null;
  if (url.protocol !== 'https:') return 'url must be https';
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `${host} does not resolve`;
  }
  if (!addresses.length || addresses.some(isInternalAddress)) return `${host} is a private or loopback address`;
  return null;
}

/** Seconds before attempt `attempts + 1`: base, 2 x base, 4 x base... at most an hour. */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  return Math.min(3600, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/**
 * Consumer step: one PENDING delivery per active subscription that receives this event
 * (`receivesEvent`): an order's events reach its partner's subscriptions and those staff scoped to
 * every order; the retailer-wide ones (stock, merged customers) only the latter. The unique
 * (event, subscription) key and `applyOnce` make a redelivered event write nothing twice.
 */
export async function enqueueDeliveries(manager: EntityManager, event: EventEnvelope): Promise<number> {
  const mapping = TOPIC_OF_EVENT[event.type];
  if (!mapping) return 0;
  // Parsed first, whoever placed the order: a malformed event is refused (and parked) for every order.
  const parsed = webhookEvent(event);
  if (!(await subscribedTopics(manager.connection).mayReceive(manager, mapping.topic))) return 0;
  // The active subscriptions that may receive it: the order's partner's (by subquery) and those
  // scoped to every order.
  const query = manager.getRepository(WebhookSubscription).createQueryBuilder('s').where('s.active = :active', { active: true });
  if (parsed.audience === 'ORDER') {
    const partnerOfOrder = query
      .subQuery()
      .select('o.partnerId')
      .from(Order, 'o')
      .where('o.id = :orderId', { orderId: parsed.orderId })
      .getQuery();
    query
      .andWhere(
        new Brackets((either) => either.where('s.allOrders = :all', { all: true }).orWhere(`s.partnerId IN ${partnerOfOrder}`)),
      )
      .setParameter('orderId', parsed.orderId);
  } else {
    query.andWhere('s.allOrders = :all', { all: true });
  }
  const candidates = (await query.getMany()).filter((s) => s.topics.includes(mapping.topic));
  if (!candidates.length) return 0;
  let envelope: { source: string; subject: string; data: Record<string, unknown>; orderPartnerId: string | null };
  if (parsed.audience === 'ORDER') {
    const order = await manager.findOneBy(Order, { id: parsed.orderId });
    if (!order) return 0;
    envelope = {
      source: '/omni/orders',
      subject: `orders/${order.id}`,
      data: parsed.data(order),
      orderPartnerId: order.partnerId,
    };
  } else {
    envelope = { source: parsed.source, subject: parsed.subject, data: parsed.data, orderPartnerId: null };
  }
  const subscriptions = candidates.filter((s) =>
    receivesEvent(s, { topic: mapping.topic, audience: parsed.audience, orderPartnerId: envelope.orderPartnerId }),
  );
  if (!subscriptions.length) return 0;
  const existing = new Set(
    (await manager.findBy(WebhookDelivery, { eventId: event.id, subscriptionId: In(subscriptions.map((s) => s.id)) })).map(
      (d) => d.subscriptionId,
    ),
  );
  const now = new Date();
  let written = 0;
  for (const subscription of subscriptions) {
    if (existing.has(subscription.id)) continue;
    const id = randomUUID();
    // CloudEvents 1.0, structured mode: the id is the delivery's (stable across retries).
    const body = JSON.stringify({
      specversion: '1.0',
      id,
      type: mapping.cloudType,
      source: envelope.source,
      subject: envelope.subject,
      time: event.occurredAt,
      datacontenttype: 'application/json',
      data: envelope.data,
    });
    await manager.insert(WebhookDelivery, {
      id,
      subscriptionId: subscription.id,
      eventId: event.id,
      topic: mapping.topic,
      status: WebhookDeliveryStatus.PENDING,
      attempts: 0,
      responseStatus: null,
      lastError: null,
      latencyMs: null,
      body,
      nextAttemptAt: now,
      createdAt: now,
      deliveredAt: null,
    });
    written += 1;
  }
  return written;
}

/**
 * Deletes a subscription in one transaction: it becomes inactive (nothing is queued for it any
 * more; its delivery log stays readable) and its PENDING deliveries become CANCELLED. A delivery
 * the dispatch job is sending at that moment may still arrive once. Returns how many deliveries
 * it cancelled.
 */
export async function deleteSubscription(manager: EntityManager, subscription: WebhookSubscription): Promise<number> {
  await manager.update(WebhookSubscription, { id: subscription.id }, { active: false });
  const cancelled = await manager.update(
    WebhookDelivery,
    { subscriptionId: subscription.id, status: WebhookDeliveryStatus.PENDING },
    { status: WebhookDeliveryStatus.CANCELLED, lastError: 'the subscription was deleted' },
  );
  subscription.active = false;
  return cancelled.affected ?? 0;
}

const BATCH = 50;

/**
 * The `webhook-dispatch` job: sends the deliveries that are due, each with its own timeout, outside
 * any transaction (a slow receiver holds no lock and never blocks the outbox). A 2xx answer
 * delivers; anything else (status, timeout, refused connection) counts an attempt and waits its
 * backoff, and the last allowed attempt marks it FAILED with that error. One whose subscription
 * was deleted after it was read as due is CANCELLED, never sent.
 */
export async function dispatchWebhooks(ctx: JobContext, settings = dispatchSettings()): Promise<number> {
  const due = await ctx.db.getRepository(WebhookDelivery).find({
    where: { status: WebhookDeliveryStatus.PENDING, nextAttemptAt: LessThanOrEqual(ctx.now) },
    order: { nextAttemptAt: 'ASC', id: 'ASC' },
    take: BATCH,
  });
  if (!due.length) return 0;
  const subscriptions = new Map(
    (await ctx.db.getRepository(WebhookSubscription).findBy({ id: In([...new Set(due.map((d) => d.subscriptionId))]) })).map(
      (s) => [s.id, s],
    ),
  );
  let sent = 0;
  await Promise.all(
    due.map(async (delivery) => {
      const subscription = subscriptions.get(delivery.subscriptionId);
      if (!subscription?.active) {
        // Deleted after this delivery was read as due (deleting cancels the pending ones): never sent.
        await ctx.db
          .getRepository(WebhookDelivery)
          .update(
            { id: delivery.id, status: WebhookDeliveryStatus.PENDING },
            { status: WebhookDeliveryStatus.CANCELLED, lastError: 'the subscription was deleted' },
          );
        return;
      }
      const attempts = delivery.attempts + 1;
      const started = Date.now();
      let responseStatus: number | null = null;
      let error: string | null = null;
      const refused = await refusedDestination(new URL(subscription.url), settings);
      if (refused) error = refused;
      else {
        const timestamp = String(Math.floor(Date.now() / 1000));
        try {
          const response = await fetch(subscription.url, {
            method: 'POST',
            redirect: 'manual',
            signal: AbortSignal.timeout(settings.timeoutMs),
            headers: {
              'content-type': 'application/cloudevents+json; charset=utf-8',
              [WEBHOOK_HEADERS.signature]: signDelivery(subscription.signingSecret, timestamp, delivery.body),
              [WEBHOOK_HEADERS.topic]: delivery.topic,
              [WEBHOOK_HEADERS.deliveryId]: delivery.id,
              [WEBHOOK_HEADERS.timestamp]: timestamp,
            },
            body: delivery.body,
          });
          responseStatus = response.status;
          await response.body?.cancel().catch(() => undefined);
          if (response.status < 200 || response.status >= 300) error = `the receiver answered ${response.status}`;
        } catch (failure) {
          error =
            (failure as Error).name === 'TimeoutError'
              ? `no answer within ${settings.timeoutMs} ms`
              : String((failure as Error).message);
        }
      }
      const latencyMs = Date.now() - started;
      const delivered = error === null;
      const failed = !delivered && (attempts >= settings.maxAttempts || refused !== null);
      await ctx.db.getRepository(WebhookDelivery).update(
        { id: delivery.id, status: WebhookDeliveryStatus.PENDING },
        {
          attempts,
          responseStatus,
          latencyMs,
          lastError: error?.slice(0, 500) ?? null,
          status: delivered
            ? WebhookDeliveryStatus.DELIVERED
            : failed
              ? WebhookDeliveryStatus.FAILED
              : WebhookDeliveryStatus.PENDING,
          deliveredAt: delivered ? new Date() : null,
          nextAttemptAt:
            delivered || failed ? ctx.now : new Date(Date.now() + retryDelaySeconds(attempts, settings.retryBaseSeconds) * 1000),
        },
      );
      if (delivered) sent += 1;
      else
        ctx.log.warn(
          { deliveryId: delivery.id, attempts, error },
          failed ? 'webhook delivery failed' : 'webhook delivery will be retried',
        );
    }),
  );
  return sent;
}
