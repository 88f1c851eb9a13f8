import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

/** What /console/config.json tells the console (gateway/src/console.ts). */
export interface ConsoleConfig {
  graphqlPath: string;
  devSignIn: boolean;
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

export type Role = 'CSR' | 'ASSOCIATE' | 'ADMIN';

export interface Session {
  token: string;
  subject: string;
  roles: string[];
  locationId: string | null;
  /** The location's name, when the sign-in page knew it. */
  locationName?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const STORAGE_KEY = 'omni-console-session';
export const BASE = '/console/';

/** The claims of a JWT (not verified here: the gateway verifies every request). */
export function sessionFromToken(token: string): Session {
  const part = token.split('.')[1] ?? '';
  const json = JSON.parse(
    atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    ),
  ) as Record<string, unknown>;
  const roles = Array.isArray(json.roles) ? json.roles.map(String) : typeof json.role === 'string' ? [json.role] : [];
  return {
    token,
    subject: typeof json.sub === 'string' ? json.sub : 'unknown',
    roles,
    locationId: typeof json.location_id === 'string' ? json.location_id : null,
    expiresAt: typeof json.exp === 'number' ? json.exp : 0,
  };
}

export function storedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return session.expiresAt * 1000 > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function storeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** Development only: the gateway signs a token for the role (POST /console/dev-token). */
export async function devSignIn(role: Role, location: { id: string; name: string } | null): Promise<Session> {
  const locationId = location?.id ?? null;
  const response = await fetch(`${BASE}dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, ...(locationId ? { locationId } : {}) }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `sign-in failed (${response.status})`);
  return { ...sessionFromToken(body.token), ...(location ? { locationName: location.name } : {}) };
}

/** Production: OpenID Connect, authorization code with PKCE, at the configured issuer. */
export function oidcManager(config: NonNullable<ConsoleConfig['oidc']>): UserManager {
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}${BASE}callback`,
    post_logout_redirect_uri: `${window.location.origin}${BASE}`,
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** The access token the issuer returned after the redirect, as a session. */
export async function completeOidcSignIn(manager: UserManager): Promise<Session> {
  const user = await manager.signinRedirectCallback();
  return sessionFromToken(user.access_token);
}

const ROLE_LABELS: Record<string, string> = { CSR: 'Contact-center agent', ASSOCIATE: 'Associate', ADMIN: 'Administrator' };

/** Who is signed in, in words: "Associate, Brooklyn Heights Store". */
export function describeSession(session: Session): string {
  const roles = session.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ');
  const place = session.locationId ? `, ${session.locationName ?? session.locationId}` : '';
  return `${roles}${place}`;
}

export function primaryMode(session: Session): 'agent' | 'store' | 'admin' {
  if (session.roles.includes('CSR')) return 'agent';
  if (session.roles.includes('ASSOCIATE')) return 'store';
  return 'admin';
}

/** The channel the console acts from: the contact center, or the associate's store. */
export function channelOf(session: Session): 'CALL_CENTER' | 'STORE' | 'WEB' {
  if (session.roles.includes('CSR')) return 'CALL_CENTER';
  if (session.roles.includes('ASSOCIATE')) return 'STORE';
  return 'WEB';
}
