import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ANONYMOUS, env, readConfig, type Caller, type Logger } from '@omni/platform';
import type { Request } from 'express';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const DEFAULT_RATE_LIMIT_ANONYMOUS_PER_MINUTE = 300;
/** Lookups by a secret a caller may be guessing (a gift-card code, a guest order's e-mail and number). */
export const DEFAULT_RATE_LIMIT_LOOKUPS_PER_MINUTE = 20;
/** Whom a request's budget is counted for (its subject, or its address), kept on its context. */
const BUDGET_KEY = Symbol('rate limit budget');
/** The root fields `RATE_LIMIT_LOOKUPS_PER_MINUTE` counts, each alias once. */
export const GUESSABLE_LOOKUPS = new Set(['giftCard', 'guestOrder']);

export interface RateLimitOptions {
  /** Requests per minute for one token subject (RATE_LIMIT_PER_MINUTE). */
  perMinute: number;
  /** Requests per minute for one client address without a token (RATE_LIMIT_ANONYMOUS_PER_MINUTE). */
  anonymousPerMinute: number;
  /** Gift-card balance and guest-order lookups per minute for one caller (RATE_LIMIT_LOOKUPS_PER_MINUTE). */
  lookupsPerMinute?: number;
  /** Shared counters for every gateway replica (REDIS_URL); unset: this process's memory. */
  redisUrl?: string;
  /** Proxies in front of the gateway whose X-Forwarded-For is believed (TRUST_PROXY_HOPS); default 0. */
  trustedProxyHops?: number;
}

/** RATE_LIMIT_PER_MINUTE, RATE_LIMIT_ANONYMOUS_PER_MINUTE, REDIS_URL, TRUST_PROXY_HOPS; a bad value is a ConfigError. */
export function rateLimitOptions(source: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  const settings = readConfig(
    {
      RATE_LIMIT_PER_MINUTE: env.positiveInt(DEFAULT_RATE_LIMIT_PER_MINUTE),
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: env.positiveInt(DEFAULT_RATE_LIMIT_ANONYMOUS_PER_MINUTE),
      RATE_LIMIT_LOOKUPS_PER_MINUTE: env.positiveInt(DEFAULT_RATE_LIMIT_LOOKUPS_PER_MINUTE),
      REDIS_URL: env.url(['redis', 'rediss']).optional(),
      TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    },
    source,
  );
  return {
    perMinute: settings.RATE_LIMIT_PER_MINUTE,
    anonymousPerMinute: settings.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    lookupsPerMinute: settings.RATE_LIMIT_LOOKUPS_PER_MINUTE,
    redisUrl: settings.REDIS_URL,
    trustedProxyHops: settings.TRUST_PROXY_HOPS,
  };
}

export interface RateLimiter {
  /**
   * Builds a request's context and counts the request against its caller's budget: the token's
   * subject, or the client address for anonymous callers and invalid tokens. Over the budget it
   * throws RATE_LIMITED (HTTP 429 with Retry-After) and nothing runs.
   */
  guard<T extends { info: { caller: Caller } }>(req: Request, build: () => Promise<T>): Promise<T>;
  /**
   * Counts `lookups` guessable lookups (GUESSABLE_LOOKUPS) of the request whose context `guard`
   * built against the caller's tighter budget; over it, throws RATE_LIMITED and nothing runs.
   */
  countLookups(context: object, lookups: number): Promise<void>;
  /** Resolves once the shared store answers (at once in memory); until then each replica counts alone. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The client address: the TCP peer, or with `hops` trusted proxies in front, the address that
 * many entries from the right of X-Forwarded-For (what Express's `trust proxy` with a hop count
 * computes; entries further left are the client's own claim).
 */
export function clientAddress(req: Pick<Request, 'headers' | 'socket'>, hops = 0): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}

export function rateLimited(limit: number, variable: string, result: RateLimiterRes): GraphQLError {
  const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  return new GraphQLError(`Rate limit of ${limit} requests per minute exceeded (${variable}); retry in ${seconds} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds: seconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
    },
  });
}

export function createRateLimiter(options: RateLimitOptions, log: Logger): RateLimiter {
  // ioredis: fail fast instead of queueing commands while Redis is away (rate-limiter-flexible's advice).
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 })
    : null;
  redis?.on('error', (error: Error) => log.warn({ err: error.message }, 'rate limit: Redis unavailable'));
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
    if (!redis) return memory;
    // While Redis is down each replica counts in its own memory instead of refusing or waving through.
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `omni:rl:${name}`,
      points,
      duration: 60,
      insuranceLimiter: memory,
    });
  };
  const signedIn = limiter('caller', options.perMinute);
  const anonymous = limiter('anonymous', options.anonymousPerMinute);
  const lookupsPerMinute = options.lookupsPerMinute ?? DEFAULT_RATE_LIMIT_LOOKUPS_PER_MINUTE;
  const lookups = limiter('lookups', lookupsPerMinute);

  const consume = async (caller: Caller | null, req: Request) => {
    const byCaller = caller !== null && caller !== ANONYMOUS && caller.subject !== null;
    const [bucket, key, limit, variable] = byCaller
      ? [signedIn, `subject:${caller.subject!}`, options.perMinute, 'RATE_LIMIT_PER_MINUTE']
      : [
          anonymous,
          `address:${clientAddress(req, options.trustedProxyHops)}`,
          options.anonymousPerMinute,
          'RATE_LIMIT_ANONYMOUS_PER_MINUTE',
        ];
    await take(bucket, key, 1, limit, variable);
    return key;
  };
  const take = async (bucket: RateLimiterAbstract, key: string, points: number, limit: number, variable: string) => {
    try {
      await bucket.consume(key, points);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimited(limit, variable, rejection);
      // The store failed and so did its insurance: serve rather than refuse everyone.
      log.error({ err: (rejection as Error).message }, 'rate limit: counting failed');
    }
  };

  return {
    async guard(req, build) {
      let context;
      try {
        context = await build();
      } catch (error) {
        // An invalid token counts against its address, so guessing tokens is limited too.
        await consume(null, req);
        throw error;
      }
      // On the context itself: Apollo hands plugins a copy of it.
      Object.assign(context, { [BUDGET_KEY]: await consume(context.info.caller, req) });
      return context;
    },
    async countLookups(context, count) {
      const key = (context as { [BUDGET_KEY]?: string })[BUDGET_KEY];
      if (key && count > 0) await take(lookups, key, count, lookupsPerMinute, 'RATE_LIMIT_LOOKUPS_PER_MINUTE');
    },
    async ready() {
      if (redis && redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** How many guessable lookups (GUESSABLE_LOOKUPS) an operation makes at its root, aliases and fragments included. */
export function guessableLookups(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d.selectionSet]),
  );
  const count = (set: SelectionSetNode | undefined, seen: Set<string>): number =>
    (set?.selections ?? []).reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + (GUESSABLE_LOOKUPS.has(selection.name.value) ? 1 : 0);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet, seen);
      if (seen.has(selection.name.value)) return total;
      return total + count(fragments.get(selection.name.value), new Set([...seen, selection.name.value]));
    }, 0);
  return operation.operation === 'query' ? count(operation.selectionSet, new Set()) : 0;
}

/**
 * Counts an operation's guessable lookups against the caller's RATE_LIMIT_LOOKUPS_PER_MINUTE before
 * it runs. Apollo hands the same parsed document to every request with the same query text, so an
 * operation's lookups are counted once and kept with it.
 */
export function lookupLimitPlugin<T extends object>(limiter: RateLimiter): ApolloServerPlugin<T> {
  const counted = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation) return;
          let lookups = counted.get(operation);
          if (lookups === undefined) counted.set(operation, (lookups = guessableLookups(document, operation)));
          await limiter.countLookups(contextValue, lookups);
        },
      };
    },
  };
}
