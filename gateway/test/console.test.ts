import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@omni/platform';
import express from 'express';
import { authOptions, createAuthenticator } from '../src/auth';
import { consoleRouter } from '../src/console';

/** /console on its own: static files, config.json, and the development token only with the development key. */
const dir = mkdtempSync(join(tmpdir(), 'console-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
const log = createLogger('test', 'silent');

async function serve(router: express.Router): Promise<{ origin: string; close(): Promise<void> }> {
  const app = express();
  app.use(router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const devToken = (origin: string, body: unknown) =>
  fetch(`${origin}/console/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

test('development key: a token per console role, an associate at a location; the gateway accepts it', async () => {
  const auth = authOptions({});
  const { origin, close } = await serve(consoleRouter({ dir }, auth, log)!);
  try {
    expect(await (await fetch(`${origin}/console/config.json`)).json()).toEqual({
      graphqlPath: '/graphql',
      devSignIn: true,
      oidc: null,
    });
    const response = await devToken(origin, { role: 'ASSOCIATE', locationId: 'store-1' });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const caller = await createAuthenticator(auth)(`Bearer ${token}`);
    expect(caller).toMatchObject({ roles: ['ASSOCIATE'], locationId: 'store-1', subject: 'associate@store-1' });
    expect((await devToken(origin, { role: 'ASSOCIATE' })).status).toBe(400);
    expect((await devToken(origin, { role: 'ASSOCIATE', locationId: 'x'.repeat(65) })).status).toBe(400);
    expect((await devToken(origin, { role: 'CUSTOMER' })).status).toBe(400);
    expect((await devToken(origin, { role: 'SERVICE' })).status).toBe(400);
    const csr = (await (await devToken(origin, { role: 'CSR' })).json()) as { token: string };
    expect(await createAuthenticator(auth)(`Bearer ${csr.token}`)).toMatchObject({ roles: ['CSR'], locationId: null });
    // The single-page app answers its own routes, never framed by another site.
    const page = await fetch(`${origin}/console/customers/123`);
    expect(await page.text()).toContain('id="root"');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  } finally {
    await close();
  }
});

test('a real key: no development token, OpenID Connect settings instead', async () => {
  const auth = authOptions({ AUTH_SECRET: 'a-real-secret-that-is-long-enough-0123456789' });
  const router = consoleRouter({ dir, oidc: { issuer: 'https://id.example.com', clientId: 'omni-console' } }, auth, log)!;
  const { origin, close } = await serve(router);
  try {
    expect(await (await fetch(`${origin}/console/config.json`)).json()).toEqual({
      graphqlPath: '/graphql',
      devSignIn: false,
      oidc: { issuer: 'https://id.example.com', clientId: 'omni-console', scope: 'openid profile' },
    });
    const response = await devToken(origin, { role: 'CSR' });
    expect(response.status).toBe(404);
  } finally {
    await close();
  }
});

test('not built: nothing is served at /console', () => {
  expect(consoleRouter({ dir: join(dir, 'missing') }, authOptions({}), log)).toBeNull();
});
