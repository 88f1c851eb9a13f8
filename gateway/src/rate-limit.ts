import { HeaderMap } from '@apollo/server';
import { ANONYMOUS, env, readConfig, type Caller, type Logger } from '@omni/platform';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const DEFAULT_RATE_LIMIT_ANONYMOUS_PER_MINUTE = 300;

export interface RateLimitOptions {
  /** Requests per minute for one token subject (RATE_LIMIT_PER_MINUTE). */
  perMinute: number;
  /** Requests per minute for one client address without a token (RATE_LIMIT_ANONYMOUS_PER_MINUTE). */
  anonymousPerMinute: number;
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
      REDIS_URL: env.url(['redis', 'rediss']).optional(),
      TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    },
    source,
  );
  return {
    perMinute: settings.RATE_LIMIT_PER_MINUTE,
    anonymousPerMinute: settings.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
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

  const consume = async (caller: Caller | null, req: Request) => {
    const byCaller = caller !== null && caller !== ANONYMOUS && caller.subject !== null;
    const [bucket, key, limit, variable] = byCaller
      ? [signedIn, caller.subject!, options.perMinute, 'RATE_LIMIT_PER_MINUTE']
      : [anonymous, clientAddress(req, options.trustedProxyHops), options.anonymousPerMinute, 'RATE_LIMIT_ANONYMOUS_PER_MINUTE'];
    try {
      await bucket.consume(key);
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
      await consume(context.info.caller, req);
      return context;
    },
    async ready() {
      if (redis && redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
