import { describe, expect, it } from 'vitest';
import { channelOf, describeSession, primaryMode, sessionFromToken } from '../auth';

const token = (claims: object) =>
  `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

describe('sessionFromToken', () => {
  it("reads an identity provider's access token: roles, location, expiry", () => {
    const session = sessionFromToken(token({ sub: 'kim', roles: ['ASSOCIATE'], location_id: 'soho', exp: 2_000_000_000 }));
    expect(session).toMatchObject({ subject: 'kim', roles: ['ASSOCIATE'], locationId: 'soho', expiresAt: 2_000_000_000 });
    expect(primaryMode(session)).toBe('store');
    expect(channelOf(session)).toBe('STORE');
    expect(describeSession({ ...session, locationName: 'SoHo Store' })).toBe('Associate, SoHo Store');
  });

  it('a single `role` claim; an agent acts from the call center', () => {
    const session = sessionFromToken(token({ sub: 'sam', role: 'CSR', exp: 1 }));
    expect(session.roles).toEqual(['CSR']);
    expect(primaryMode(session)).toBe('agent');
    expect(channelOf(session)).toBe('CALL_CENTER');
  });

  it('an admin only has the stock view', () => {
    expect(primaryMode(sessionFromToken(token({ roles: ['ADMIN'] })))).toBe('admin');
  });
});
