import { ConfigError } from '@omni/platform';
import cors from 'cors';
import type { RequestHandler } from 'express';

/** The request headers a browser app may send the gateway. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'x-channel', 'x-request-id'];
/** Response headers a browser app may read: when to retry after RATE_LIMITED, and the request id. */
export const CORS_EXPOSED_HEADERS = ['retry-after', 'x-request-id'];

/** Which browser origins may call the gateway: any (`*`) or a list of exact origins (empty: none). */
export type CorsOrigins = '*' | string[];

/**
 * Parses `CORS_ORIGINS`: `*`, or comma-separated origins (`https://shop.example.com`). Unset: any
 * origin embedded (development), none distributed.
 */
export function corsOrigins(value: string | undefined, mode: 'embedded' | 'distributed'): CorsOrigins {
  if (value === undefined || value.trim() === '') return mode === 'embedded' ? '*' : [];
  if (value.trim() === '*') return '*';
  return value.split(',').map((raw) => {
    const origin = raw.trim();
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError('CORS_ORIGINS', `has an invalid origin ${JSON.stringify(origin)}: use scheme://host[:port]`);
    }
    // An origin is exactly scheme://host[:port], which is what a browser sends in `Origin`.
    if (!/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError('CORS_ORIGINS', `has an invalid origin ${JSON.stringify(origin)}: use scheme://host[:port]`);
    }
    return origin;
  });
}

/**
 * CORS for /graphql. Tokens travel in the Authorization header, never in cookies, so credentials
 * are not allowed (no Access-Control-Allow-Credentials): `*` is then safe for development, and a
 * listed origin is echoed back with `Vary: Origin`. A preflight is answered 204 here; from an
 * origin not listed it carries no Access-Control-Allow-Origin, so the browser refuses the call.
 */
export function corsMiddleware(origins: CorsOrigins): RequestHandler {
  return cors({
    origin: origins === '*' ? '*' : origins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    // Browsers cache a preflight this long (Chromium caps it at 2 hours).
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}
