import type { ApolloServerPlugin } from '@apollo/server';
import { ANONYMOUS, type Logger } from '@omni/platform';
import type { Request, RequestHandler } from 'express';
import { nulCharacterMiddleware, operationNamePlugin } from './client-input';
import { corsMiddleware, corsOrigins, type CorsOrigins } from './cors';
import type { GatewayContext } from './data-sources';
import {
  introspectionPlugin,
  introspectionPolicy,
  queryLimitsPlugin,
  tokenLimitMiddleware,
  type IntrospectionPolicy,
  type QueryLimits,
} from './limits';
import { createRateLimiter, lookupLimitPlugin, rateLimitOptions, type RateLimitOptions } from './rate-limit';

/** What the gateway's edge does with a request before it runs; unset values come from the environment. */
export interface EdgeOptions {
  /** `distributed`: CORS and introspection default to closed; default `embedded`. */
  mode?: 'embedded' | 'distributed';
  /** CORS_ORIGINS. */
  corsOrigins?: CorsOrigins;
  /** RATE_LIMIT_PER_MINUTE, RATE_LIMIT_ANONYMOUS_PER_MINUTE, RATE_LIMIT_LOOKUPS_PER_MINUTE, REDIS_URL, TRUST_PROXY_HOPS. */
  rateLimit?: RateLimitOptions;
  /** INTROSPECTION. */
  introspection?: IntrospectionPolicy;
}

/**
 * The protections in front of the supergraph, in request order: CORS (before the body is read),
 * the token limit and NUL characters (after the body parser, before Apollo parses), the rate limit (while the
 * context is built, before parsing), then query limits and introspection (Apollo plugins, after
 * validation, before execution).
 */
export interface GatewayEdge {
  beforeBody: RequestHandler[];
  afterBody: RequestHandler[];
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** Apollo's own `introspection` switch. */
  introspection: boolean;
  context(req: Request, build: () => Promise<GatewayContext>): Promise<GatewayContext>;
  close(): Promise<void>;
}

export function gatewayEdge(options: EdgeOptions, limits: QueryLimits, log: Logger): GatewayEdge {
  const mode = options.mode ?? 'embedded';
  const introspection = options.introspection ?? introspectionPolicy(process.env.INTROSPECTION, mode);
  const rateLimiter = createRateLimiter(options.rateLimit ?? rateLimitOptions(process.env), log);
  return {
    beforeBody: [corsMiddleware(options.corsOrigins ?? corsOrigins(process.env.CORS_ORIGINS, mode))],
    afterBody: [tokenLimitMiddleware(limits.maxTokens), nulCharacterMiddleware()],
    plugins: [
      operationNamePlugin<GatewayContext>(),
      queryLimitsPlugin<GatewayContext>(limits),
      lookupLimitPlugin<GatewayContext>(rateLimiter),
      // `on` and `off` need nothing per request (`off` is Apollo's own switch below).
      ...(introspection === 'authenticated'
        ? [introspectionPlugin<GatewayContext>(introspection, (context) => context.info.caller === ANONYMOUS)]
        : []),
    ],
    introspection: introspection !== 'off',
    context: (req, build) => rateLimiter.guard(req, build),
    close: () => rateLimiter.close(),
  };
}
