import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@omni/platform';
import express, { type Router } from 'express';
import type { AuthOptions, Role } from './auth';
import { issueToken } from './token';

/** Where `pnpm --filter @omni/console build` writes the console (apps/console/dist). */
export const CONSOLE_DIST = join(__dirname, '..', '..', 'apps', 'console', 'dist');

/** The roles the console's development sign-in offers. */
export const CONSOLE_ROLES = ['CSR', 'ASSOCIATE', 'ADMIN'] as const satisfies readonly Role[];

/** Lifetime of a development token from `POST /console/dev-token`: one working day. */
export const CONSOLE_DEV_TOKEN_TTL_SECONDS = 8 * 3600;

export interface ConsoleOptions {
  /** The built console (index.html and assets); default CONSOLE_DIST. */
  dir?: string;
  /**
   * OpenID Connect for production sign-in (authorization code with PKCE): the issuer and the
   * console's client id at that issuer (CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID).
   */
  oidc?: { issuer: string; clientId: string; scope?: string };
}

/** What the console reads at start: where the API is and how to sign in. */
export interface ConsoleConfig {
  graphqlPath: string;
  /** True only while the gateway verifies tokens with the development key. */
  devSignIn: boolean;
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

const LOCATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Serves the console at /console: its static files (any other path under it answers index.html,
 * the single-page app routes itself), `config.json`, and while the development key is in use,
 * `POST /console/dev-token`, which signs a token for a console role (an ASSOCIATE's with their
 * location). That endpoint does not exist with a real key: the console then signs in with OIDC.
 */
export function consoleRouter(options: ConsoleOptions, auth: AuthOptions, log: Logger): Router | null {
  const dir = options.dir ?? CONSOLE_DIST;
  if (!existsSync(join(dir, 'index.html'))) {
    log.info({ dir }, 'the console is not built (pnpm --filter @omni/console build): /console is not served');
    return null;
  }
  const config: ConsoleConfig = {
    graphqlPath: '/graphql',
    devSignIn: auth.development,
    oidc: options.oidc ? { ...options.oidc, scope: options.oidc.scope ?? 'openid profile' } : null,
  };
  const router = express.Router();
  // Not framed by another site, no type sniffing, no token-bearing URL leaked in a Referer.
  router.use('/console', (_req, res, next) => {
    res.set({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    next();
  });
  router.get('/console/config.json', (_req, res) => {
    res.set('cache-control', 'no-store').json(config);
  });
  if (auth.development) {
    router.post('/console/dev-token', express.json({ limit: 1024 }), async (req, res) => {
      const body = (req.body ?? {}) as { role?: unknown; locationId?: unknown };
      const role = CONSOLE_ROLES.find((r) => r === body.role);
      if (!role) {
        res.status(400).json({ error: `role must be one of ${CONSOLE_ROLES.join(', ')}` });
        return;
      }
      const locationId = typeof body.locationId === 'string' ? body.locationId : undefined;
      if (role === 'ASSOCIATE' && (!locationId || !LOCATION_ID.test(locationId))) {
        res.status(400).json({ error: 'an ASSOCIATE signs in at a location: locationId is required' });
        return;
      }
      const subject = role === 'ASSOCIATE' ? `associate@${locationId}` : `console-${role.toLowerCase()}`;
      const token = await issueToken({
        role,
        subject,
        ...(role === 'ASSOCIATE' ? { locationId } : {}),
        ttlSeconds: CONSOLE_DEV_TOKEN_TTL_SECONDS,
      });
      res.set('cache-control', 'no-store').json({ token, subject, expiresIn: CONSOLE_DEV_TOKEN_TTL_SECONDS });
    });
  }
  // Assets have content hashes in their names; index.html must be asked for again each time.
  router.use(
    '/console',
    express.static(dir, {
      maxAge: '1d',
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) res.set('cache-control', 'no-cache');
      },
    }),
  );
  router.get(/^\/console(\/.*)?$/, (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile(join(dir, 'index.html'));
  });
  return router;
}
