import type { Logger, Peers, RequestInfo } from '@omni/platform';
import { ANONYMOUS } from '@omni/platform';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthOptions } from './auth';
import { clientAddress } from './rate-limit';
import { issueToken } from './token';

/**
 * `POST /oauth/token`: the OAuth 2.0 client credentials grant (RFC 6749 section 4.4) for partner
 * API clients. The client id and secret come by HTTP Basic or in the form; orders (which keeps
 * the clients, hashed) checks them; the answer is a short-lived JWT signed with the key this
 * gateway verifies (the development key or AUTH_SECRET), role PARTNER, `partner_id` and `scope`.
 * With AUTH_PUBLIC_KEY or AUTH_JWKS_URL the tokens come from that issuer: no endpoint here.
 */
export interface ApiClientGrant {
  clientId: string;
  partnerId: string;
  scopes: string[];
}

export interface ApiClientDirectory {
  /** The client's grant, or null when the credentials are unknown, wrong or revoked. */
  authenticate(clientId: string, clientSecret: string, info: RequestInfo): Promise<ApiClientGrant | null>;
}

const AUTHENTICATE = /* GraphQL */ `
  query GatewayAuthenticateApiClient($clientId: String!, $clientSecret: String!) {
    authenticateApiClient(clientId: $clientId, clientSecret: $clientSecret) {
      clientId
      partnerId
      scopes
    }
  }
`;

/** Asks orders (as the gateway, role SERVICE) whether the credentials are a live client's. */
export function ordersApiClients(peers: Peers): ApiClientDirectory {
  return {
    async authenticate(clientId, clientSecret, info) {
      const data = await peers
        .get('orders')
        .request<{ authenticateApiClient: ApiClientGrant | null }>(
          AUTHENTICATE,
          { clientId, clientSecret },
          { service: 'gateway', ...info },
        );
      return data.authenticateApiClient;
    },
  };
}

/** Lifetime of an issued token (OAUTH_TOKEN_TTL_SECONDS). */
export const DEFAULT_OAUTH_TOKEN_TTL_SECONDS = 900;
/** Token requests per minute from one client address (OAUTH_TOKEN_RATE_PER_MINUTE), counted per gateway replica. */
export const DEFAULT_OAUTH_TOKEN_RATE_PER_MINUTE = 60;

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  // RFC 6749 section 2.3.1: both parts are form-urlencoded before Basic encoding.
  const part = (value: string) => {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return value;
    }
  };
  return { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)) };
}

export function oauthTokenRouter(options: {
  clients: ApiClientDirectory;
  auth: AuthOptions;
  ttlSeconds?: number;
  /** Requests per minute per client address, before the credentials are checked (a flood never reaches orders). */
  ratePerMinute?: number;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY_HOPS). */
  trustedProxyHops?: number;
  log: Logger;
}): express.Router {
  const router = express.Router();
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_OAUTH_TOKEN_TTL_SECONDS;
  const limiter = new RateLimiterMemory({ points: options.ratePerMinute ?? DEFAULT_OAUTH_TOKEN_RATE_PER_MINUTE, duration: 60 });
  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    res.set('cache-control', 'no-store').set('pragma', 'no-cache');
    const fail = (status: number, error: string, description: string) => {
      if (status === 401) res.set('www-authenticate', 'Basic realm="omni"');
      res.status(status).json({ error, error_description: description });
    };
    try {
      await limiter.consume(clientAddress(req, options.trustedProxyHops ?? 0));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      res.set('retry-after', String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))));
      return fail(429, 'temporarily_unavailable', 'too many token requests from this address (OAUTH_TOKEN_RATE_PER_MINUTE)');
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    if (field('grant_type') !== 'client_credentials') {
      return fail(
        400,
        field('grant_type') ? 'unsupported_grant_type' : 'invalid_request',
        'grant_type must be client_credentials',
      );
    }
    const basic = basicCredentials(req.headers.authorization);
    const clientId = basic?.id ?? field('client_id');
    const clientSecret = basic?.secret ?? field('client_secret');
    if (!clientId || !clientSecret)
      return fail(401, 'invalid_client', 'client credentials are required (HTTP Basic or client_id and client_secret)');
    let grant: ApiClientGrant | null;
    try {
      grant = await options.clients.authenticate(clientId, clientSecret, {
        channel: null,
        requestId: randomUUID(),
        caller: ANONYMOUS,
      });
    } catch (error) {
      options.log.error({ err: error }, 'orders did not check the client credentials');
      return fail(503, 'temporarily_unavailable', 'the client could not be checked; retry');
    }
    if (!grant) return fail(401, 'invalid_client', 'unknown client or wrong secret');
    const requested = field('scope')?.split(' ').filter(Boolean);
    // A narrower scope may be asked for, never a wider one.
    const scopes = requested ? requested.filter((s) => grant.scopes.includes(s)) : grant.scopes;
    if (requested && scopes.length !== requested.length)
      return fail(400, 'invalid_scope', 'a requested scope is not granted to this client');
    const token = await issueToken(
      { role: 'PARTNER', partnerId: grant.partnerId, scopes, subject: `client:${grant.clientId}`, ttlSeconds },
      { secret: options.auth.signingSecret, issuer: options.auth.issuer, audience: options.auth.audience },
    );
    res.json({ access_token: token, token_type: 'Bearer', expires_in: ttlSeconds, scope: scopes.join(' ') });
  });
  return router;
}
