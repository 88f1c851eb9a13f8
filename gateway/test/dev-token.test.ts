import { parseScopes, issueToken } from '../src/token';

/** `pnpm dev-token --scope …`: a PARTNER token with an API client's scopes, as POST /oauth/token signs them. */
describe('pnpm dev-token --scope', () => {
  it.each([
    ['orders:read,orders:write', ['orders:read', 'orders:write']],
    ['orders:read webhooks:manage', ['orders:read', 'webhooks:manage']],
    ['orders:read,,orders:read', ['orders:read']],
  ])('reads %j as %j', (value, scopes) => {
    expect(parseScopes(value)).toEqual(scopes);
  });

  it.each([
    ['orders:wirte', /unknown scope\(s\) orders:wirte/],
    ['', /name one or more of orders:read/],
  ])('refuses %j', (value, message) => {
    expect(() => parseScopes(value)).toThrow(message);
  });

  it('signs the scopes into the `scope` claim, space-separated', async () => {
    const token = await issueToken({ role: 'PARTNER', partnerId: 'acme', scopes: parseScopes('orders:read,webhooks:manage') });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toEqual(
      expect.objectContaining({ roles: ['PARTNER'], partner_id: 'acme', scope: 'orders:read webhooks:manage' }),
    );
  });
});
