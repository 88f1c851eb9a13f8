import { ANONYMOUS, ConfigError, type Caller, type Logger } from '@omni/platform';
import { GraphQLError } from 'graphql';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWTPayload, JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };

/** jose ships only ES modules: loaded once, on first use. */
const jose = () => import('jose');

/** The roles a token may carry; anything else in `roles` is dropped. */
export const ROLES = ['CUSTOMER', 'ASSOCIATE', 'CSR', 'PARTNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The development signing key, used when no AUTH_* variable is set (embedded mode, tests,
 * `pnpm dev-token`). It is in the source, so tokens signed with it prove nothing.
 */
export const DEV_AUTH_SECRET = 'omni-development-auth-secret-not-for-production';
export const DEV_ISSUER = 'omni-dev';
export const DEV_AUDIENCE = 'omni-gateway';

export interface AuthSettings {
  AUTH_JWKS_URL?: string;
  AUTH_PUBLIC_KEY?: string;
  AUTH_SECRET?: string;
  AUTH_ISSUER?: string;
  AUTH_AUDIENCE?: string;
}

/** A verification key: a secret (HS256), a public key, or a JWKS endpoint's key set. */
export type VerificationKey = Uint8Array | KeyObject | JWTVerifyGetKey;

export interface AuthOptions {
  keys: VerificationKey;
  issuer?: string;
  audience?: string;
  /** True when running on the public development key. */
  development: boolean;
  /** The HS256 secret (development key or AUTH_SECRET): `POST /oauth/token` signs with it; unset with a public key or JWKS. */
  signingSecret?: string;
}

/** Turns the AUTH_* settings into verification options; a bad combination is a ConfigError. */
export function authOptions(settings: AuthSettings, log?: Logger): AuthOptions {
  const sources = (['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_SECRET'] as const).filter((name) => settings[name]);
  if (sources.length > 1) throw new ConfigError(sources[1]!, `cannot be combined with ${sources[0]}: set exactly one key source`);
  if (sources.length === 0) {
    for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const) {
      if (settings[name]) throw new ConfigError(name, 'is set but no key is: set AUTH_JWKS_URL, AUTH_PUBLIC_KEY or AUTH_SECRET');
    }
    log?.warn(
      'no AUTH_* key is set: tokens are verified with the public development key (pnpm dev-token); do not expose this gateway',
    );
    return {
      keys: secretKey(DEV_AUTH_SECRET),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      development: true,
      signingSecret: DEV_AUTH_SECRET,
    };
  }
  let keys: VerificationKey;
  if (settings.AUTH_JWKS_URL) {
    const url = new URL(settings.AUTH_JWKS_URL);
    const keySet = jose().then((j) => j.createRemoteJWKSet(url));
    keys = async (header, token) => (await keySet)(header, token);
  } else if (settings.AUTH_PUBLIC_KEY) {
    try {
      keys = createPublicKey(settings.AUTH_PUBLIC_KEY);
    } catch {
      throw new ConfigError('AUTH_PUBLIC_KEY', 'is not a PEM public key (-----BEGIN PUBLIC KEY-----)');
    }
  } else keys = secretKey(settings.AUTH_SECRET!);
  return {
    keys,
    issuer: settings.AUTH_ISSUER,
    audience: settings.AUTH_AUDIENCE,
    development: false,
    ...(settings.AUTH_SECRET ? { signingSecret: settings.AUTH_SECRET } : {}),
  };
}

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** The request fails with this when a token is present but not valid; nothing executes. */
export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

const optionalString = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The caller a verified token names. Claims: sub, roles (or role), customer_id, location_id, partner_id, scope (space-separated, RFC 8693). */
export function callerFromClaims(claims: JWTPayload & Record<string, unknown>): Caller {
  const raw = Array.isArray(claims.roles) ? claims.roles : typeof claims.role === 'string' ? [claims.role] : [];
  const roles = [...new Set(raw.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r)))];
  return {
    subject: optionalString(claims.sub),
    roles,
    customerId: optionalString(claims.customer_id),
    locationId: optionalString(claims.location_id),
    partnerId: optionalString(claims.partner_id),
    ...(typeof claims.scope === 'string' ? { scopes: claims.scope.split(' ').filter(Boolean) } : {}),
  };
}

export type Authenticator = (authorization: string | undefined) => Promise<Caller>;

/** No Authorization header: anonymous. A Bearer token: its caller, or UNAUTHENTICATED. */
export function createAuthenticator(options: AuthOptions): Authenticator {
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    try {
      const verify = { issuer: options.issuer, audience: options.audience, requiredClaims: ['exp'] };
      const { jwtVerify, errors } = await jose();
      try {
        const { payload } =
          typeof options.keys === 'function'
            ? await jwtVerify(match[1]!, options.keys, verify)
            : await jwtVerify(match[1]!, options.keys, verify);
        return callerFromClaims(payload);
      } catch (error) {
        if (error instanceof errors.JOSEError) throw unauthenticated(reasonOf(error, errors));
        throw error;
      }
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      throw unauthenticated('the token could not be verified');
    }
  };
}

type JoseErrors = Awaited<ReturnType<typeof jose>>['errors'];

function reasonOf(error: Error, errors: JoseErrors): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  return 'the token is not valid';
}
