import { parseArgs } from 'node:util';
import { API_SCOPES } from '@omni/platform';
import { DEV_AUDIENCE, DEV_AUTH_SECRET, DEV_ISSUER, ROLES, type Role } from './auth';

export interface TokenClaims {
  /** One role, or several in `roles` (a back-office user may be both ADMIN and CSR). */
  role?: Role;
  roles?: Role[];
  subject?: string;
  customerId?: string;
  locationId?: string;
  partnerId?: string;
  /** An API client's scopes (the `scope` claim); unset: the role's full rights. */
  scopes?: string[];
  /** Lifetime in seconds. */
  ttlSeconds?: number;
}

/** Parses a lifetime such as 90s, 15m, 1h, 7d (a bare number is seconds). */
export function parseTtl(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match) throw new Error(`--ttl ${value}: expected a number with s, m, h or d (e.g. 1h)`);
  return Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
}

/** An HS256 token the gateway accepts when it runs on `secret` (default: the development key). */
export async function issueToken(
  claims: TokenClaims,
  options: { secret?: string; issuer?: string; audience?: string; now?: number } = {},
): Promise<string> {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  // jose ships only ES modules.
  const { SignJWT } = await import('jose');
  const roles = claims.roles ?? (claims.role ? [claims.role] : []);
  return new SignJWT({
    roles,
    ...(claims.customerId ? { customer_id: claims.customerId } : {}),
    ...(claims.locationId ? { location_id: claims.locationId } : {}),
    ...(claims.partnerId ? { partner_id: claims.partnerId } : {}),
    ...(claims.scopes ? { scope: claims.scopes.join(' ') } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject ?? `dev-${roles.join('-').toLowerCase() || 'nobody'}`)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.ttlSeconds ?? 3600))
    .sign(new TextEncoder().encode(options.secret ?? DEV_AUTH_SECRET));
}

/**
 * The scopes of `--scope orders:read,webhooks:manage` (commas or spaces): each one an API client may
 * hold. Throws naming the unknown ones.
 */
export function parseScopes(value: string): string[] {
  const scopes = [...new Set(value.split(/[\s,]+/).filter(Boolean))];
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--scope: unknown scope(s) ${unknown.join(', ')}; one or more of ${API_SCOPES.join(', ')}`);
  if (!scopes.length) throw new Error(`--scope: name one or more of ${API_SCOPES.join(', ')}`);
  return scopes;
}

const USAGE =
  `usage: pnpm dev-token --role <${ROLES.join('|')}> [--customer <id>] [--location <id>] [--partner <id>] [--subject <s>] [--ttl 1h]\n` +
  `       pnpm dev-token --scope <${API_SCOPES.join(',')}> --partner <id> [--subject <s>] [--ttl 1h]   (a PARTNER token with those scopes, like POST /oauth/token's)\n`;

/**
 * `pnpm dev-token --role CSR [--customer id] [--location id] [--partner id] [--subject s] [--ttl 1h]`;
 * `pnpm dev-token --scope orders:read,orders:write --partner acme`: a partner token with scopes.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      scope: { type: 'string' },
      customer: { type: 'string' },
      location: { type: 'string' },
      partner: { type: 'string' },
      subject: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
    },
  });
  // Scopes narrow the PARTNER role only: --scope means a partner token.
  const role = values.role?.toUpperCase() ?? (values.scope !== undefined ? 'PARTNER' : undefined);
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  let scopes: string[] | undefined;
  if (values.scope !== undefined) {
    if (role !== 'PARTNER' || !values.partner) {
      process.stderr.write(`--scope makes a PARTNER token: name its partner with --partner <id>\n${USAGE}`);
      process.exit(2);
    }
    try {
      scopes = parseScopes(values.scope);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(2);
    }
  }
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTtl(values.ttl);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  if (process.env.AUTH_JWKS_URL || process.env.AUTH_PUBLIC_KEY) {
    process.stderr.write('the gateway verifies tokens with AUTH_JWKS_URL / AUTH_PUBLIC_KEY: get a token from that issuer\n');
    process.exit(2);
  }
  const token = await issueToken(
    {
      role: role as Role,
      subject: values.subject,
      customerId: values.customer,
      locationId: values.location,
      partnerId: values.partner,
      scopes,
      ttlSeconds,
    },
    {
      secret: process.env.AUTH_SECRET || undefined,
      issuer: process.env.AUTH_ISSUER || undefined,
      audience: process.env.AUTH_AUDIENCE || undefined,
    },
  );
  process.stdout.write(`${token}\n`);
}

if (require.main === module) void main();
