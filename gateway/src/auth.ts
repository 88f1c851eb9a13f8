import { ANONYMOUS, ConfigError, type Caller, type Logger } from '@omni/platform';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
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
  /** Longest lifetime of a token accepted (from its `iat`, or from now), seconds. */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS?: number;
  /** With AUTH_JWKS_URL: the signing algorithms accepted, comma-separated. */
  AUTH_ALGORITHMS?: string;
}

/** A token valid for longer than this is refused: one day, unless AUTH_MAX_TOKEN_LIFETIME_SECONDS says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** The algorithms an identity provider's key set (AUTH_JWKS_URL) is trusted with unless AUTH_ALGORITHMS says otherwise. */
export const DEFAULT_JWKS_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** A verification key: a secret (HS256), a public key, or a JWKS endpoint's key set. */
export type VerificationKey = Uint8Array | KeyObject | JWTVerifyGetKey;

export interface AuthOptions {
  keys: VerificationKey;
  issuer?: string;
  audience?: string;
  /** The `alg` values accepted: those of the configured key only (an HS256 token never meets a public key). */
  algorithms: string[];
  /** A token living longer than this many seconds is refused. */
  maxLifetimeSeconds: number;
  /** True when running on the public development key. */
  development: boolean;
  /** The HS256 secret (development key or AUTH_SECRET): `POST /oauth/token` signs with it; unset with a public key or JWKS. */
  signingSecret?: string;
}

/** Turns the AUTH_* settings into verification options; a bad combination is a ConfigError. */
export function authOptions(settings: AuthSettings, log?: Logger): AuthOptions {
  const sources = (['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_SECRET'] as const).filter((name) => settings[name]);
  const maxLifetimeSeconds = settings.AUTH_MAX_TOKEN_LIFETIME_SECONDS ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
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
      algorithms: ['HS256'],
      maxLifetimeSeconds,
      development: true,
      signingSecret: DEV_AUTH_SECRET,
    };
  }
  let keys: VerificationKey;
  let algorithms: string[];
  if (settings.AUTH_JWKS_URL) {
    const url = new URL(settings.AUTH_JWKS_URL);
    const keySet = jose().then((j) => j.createRemoteJWKSet(url));
    keys = async (header, token) => (await keySet)(header, token);
    algorithms =
      settings.AUTH_ALGORITHMS?.split(',')
        .map((a) => a.trim())
        .filter(Boolean) ?? DEFAULT_JWKS_ALGORITHMS;
    if (algorithms.some((a) => a.startsWith('HS') || a === 'none')) {
      throw new ConfigError('AUTH_ALGORITHMS', 'names public-key algorithms only (RS256, PS256, ES256, EdDSA, ...)');
    }
  } else if (settings.AUTH_PUBLIC_KEY) {
    let key: KeyObject;
    try {
      key = createPublicKey(settings.AUTH_PUBLIC_KEY);
    } catch {
      throw new ConfigError('AUTH_PUBLIC_KEY', 'is not a PEM public key (-----BEGIN PUBLIC KEY-----)');
    }
    keys = key;
    algorithms = algorithmsOf(key);
  } else {
    keys = secretKey(settings.AUTH_SECRET!);
    algorithms = ['HS256'];
  }
  return {
    keys,
    issuer: settings.AUTH_ISSUER,
    audience: settings.AUTH_AUDIENCE,
    algorithms,
    maxLifetimeSeconds,
    development: false,
    ...(settings.AUTH_SECRET ? { signingSecret: settings.AUTH_SECRET } : {}),
  };
}

/** The algorithms a public key signs with, by its type (and an EC key's curve). */
export function algorithmsOf(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      const byCurve: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
      if (curve && byCurve[curve]) return [byCurve[curve]];
      throw new ConfigError('AUTH_PUBLIC_KEY', `is an EC key on ${curve ?? 'an unknown curve'}: use P-256, P-384 or P-521`);
    }
    case 'ed25519':
    case 'ed448':
      return ['EdDSA'];
    default:
      throw new ConfigError('AUTH_PUBLIC_KEY', `is a ${key.asymmetricKeyType ?? 'symmetric'} key: use RSA, EC or Ed25519`);
  }
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

/** How many verified tokens the gateway remembers (a token is a few hundred bytes). */
const VERIFIED_TOKENS = 10_000;

/**
 * No Authorization header: anonymous. A Bearer token: its caller, or UNAUTHENTICATED. A token
 * verified once is remembered until its `exp` (bounded, least recently used out), so a client's
 * next requests skip the signature check; a token is immutable, so what it proves cannot change.
 */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const verified = new LRUCache<string, Caller>({ max: VERIFIED_TOKENS, ttlAutopurge: false });
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    const remembered = verified.get(match[1]!);
    if (remembered) return remembered;
    const { caller, expiresAt } = await verify(match[1]!, options);
    const ttl = expiresAt * 1000 - Date.now();
    if (ttl > 0) verified.set(match[1]!, caller, { ttl });
    return caller;
  };
}

/** The caller a token proves, and when it stops proving it (epoch seconds); UNAUTHENTICATED otherwise. */
async function verify(token: string, options: AuthOptions): Promise<{ caller: Caller; expiresAt: number }> {
  try {
    const claims = {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: options.algorithms,
      requiredClaims: ['exp'],
    };
    const { jwtVerify, errors } = await jose();
    try {
      const { payload } =
        typeof options.keys === 'function'
          ? await jwtVerify(token, options.keys, claims)
          : await jwtVerify(token, options.keys, claims);
      if (livesTooLong(payload, options.maxLifetimeSeconds)) {
        throw unauthenticated(`the token lives longer than ${options.maxLifetimeSeconds} seconds, the most accepted`);
      }
      return { caller: callerFromClaims(payload), expiresAt: payload.exp! };
    } catch (error) {
      if (error instanceof errors.JOSEError) throw unauthenticated(reasonOf(error, errors));
      throw error;
    }
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    throw unauthenticated('the token could not be verified');
  }
}

/** A token whose lifetime (from `iat`, or what is left of it from now) is over the maximum. */
function livesTooLong(payload: JWTPayload, maxSeconds: number, now = Date.now()): boolean {
  const exp = payload.exp!;
  if (typeof payload.iat === 'number' && exp - payload.iat > maxSeconds) return true;
  return exp - now / 1000 > maxSeconds;
}

type JoseErrors = Awaited<ReturnType<typeof jose>>['errors'];

function reasonOf(error: Error, errors: JoseErrors): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  return 'the token is not valid';
}
