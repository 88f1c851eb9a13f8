import { ANONYMOUS, ConfigError, type Caller, type Logger } from '@omni/platform';
import { GraphQLError } from 'graphql';
import { JwtError, publicKeyFromPem, remoteJwks, verifyJwt, type JwtPayload, type KeyResolver } from './jwt';

/** The roles a token may carry; anything else in `roles` is dropped. */
export const ROLES = ['CUSTOMER', 'ASSOCIATE', 'CSR', 'PARTNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The development signing key, used when no AUTH_* variable is set (embedded mode, tests,
 * `pnpm token`). It is in the source, so tokens signed with it prove nothing.
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

export interface AuthOptions {
  keys: KeyResolver;
  issuer?: string;
  audience?: string;
  /** True when running on the public development key. */
  development: boolean;
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
      'no AUTH_* key is set: tokens are verified with the public development key (pnpm token); do not expose this gateway',
    );
    return { keys: secretKey(DEV_AUTH_SECRET), issuer: DEV_ISSUER, audience: DEV_AUDIENCE, development: true };
  }
  let keys: KeyResolver;
  if (settings.AUTH_JWKS_URL) keys = remoteJwks(settings.AUTH_JWKS_URL);
  else if (settings.AUTH_PUBLIC_KEY) {
    let key;
    try {
      key = publicKeyFromPem(settings.AUTH_PUBLIC_KEY);
    } catch {
      throw new ConfigError('AUTH_PUBLIC_KEY', 'is not a PEM public key (-----BEGIN PUBLIC KEY-----)');
    }
    keys = async () => ({ kind: 'public', key });
  } else keys = secretKey(settings.AUTH_SECRET!);
  return { keys, issuer: settings.AUTH_ISSUER, audience: settings.AUTH_AUDIENCE, development: false };
}

export function secretKey(secret: string): KeyResolver {
  const bytes = Buffer.from(secret, 'utf8');
  return async () => ({ kind: 'secret', secret: bytes });
}

/** The request fails with this when a token is present but not valid; nothing executes. */
export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

const optionalString = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The caller a verified token names. Claims: sub, roles (or role), customer_id, location_id, partner_id. */
export function callerFromClaims(claims: JwtPayload): Caller {
  const raw = Array.isArray(claims.roles) ? claims.roles : typeof claims.role === 'string' ? [claims.role] : [];
  const roles = [...new Set(raw.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r)))];
  return {
    subject: optionalString(claims.sub),
    roles,
    customerId: optionalString(claims.customer_id),
    locationId: optionalString(claims.location_id),
    partnerId: optionalString(claims.partner_id),
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
      const claims = await verifyJwt(match[1]!, options.keys, { issuer: options.issuer, audience: options.audience });
      return callerFromClaims(claims);
    } catch (error) {
      if (error instanceof JwtError) throw unauthenticated(error.message);
      throw unauthenticated('the token could not be verified');
    }
  };
}
