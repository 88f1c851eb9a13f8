import { ConfigError } from '@omni/platform';
import { distributedEndpoints } from '../src/services';

/** The distributed mode refuses to run on the public development keys. */
describe('distributed mode settings', () => {
  const urls = {
    CRM_URL: 'http://crm:4001/graphql',
    CATALOG_URL: 'http://catalog:4002/graphql',
    INVENTORY_URL: 'http://inventory:4003/graphql',
    ORDERS_URL: 'http://orders:4004/graphql',
    LOYALTY_URL: 'http://loyalty:4005/graphql',
  };
  const secrets = {
    SUBGRAPH_SECRET: 's'.repeat(40),
    AUTH_JWKS_URL: 'https://id.example.com/jwks.json',
    AUTH_ISSUER: 'https://id.example.com/',
    AUTH_AUDIENCE: 'omni-gateway',
  };
  const failure = (settings: Record<string, unknown>) => {
    try {
      distributedEndpoints(settings);
    } catch (error) {
      return error instanceof ConfigError ? error.message : String(error);
    }
    return null;
  };

  it('is the embedded mode when no subgraph URL is set, whatever the keys', () => {
    expect(distributedEndpoints({})).toBeNull();
  });

  it('routes to every subgraph when all URLs and both keys are set', () => {
    expect(distributedEndpoints({ ...urls, ...secrets })?.get('orders')).toBe('http://orders:4004/graphql');
  });

  it('names what is missing: a subgraph URL, the subgraph secret, a token key, issuer or audience', () => {
    const { LOYALTY_URL: _omit, ...four } = urls;
    expect(failure({ ...four, ...secrets })).toContain('LOYALTY_URL');
    expect(failure({ ...urls, AUTH_SECRET: 'a'.repeat(40) })).toContain('SUBGRAPH_SECRET');
    const { AUTH_ISSUER: _issuer, ...noIssuer } = secrets;
    expect(failure({ ...urls, ...noIssuer })).toContain('AUTH_ISSUER');
    const { AUTH_AUDIENCE: _audience, ...noAudience } = secrets;
    expect(failure({ ...urls, ...noAudience })).toContain('AUTH_AUDIENCE');
    expect(failure({ ...urls, SUBGRAPH_SECRET: secrets.SUBGRAPH_SECRET })).toContain(
      'AUTH_JWKS_URL or AUTH_PUBLIC_KEY or AUTH_SECRET',
    );
  });
});
