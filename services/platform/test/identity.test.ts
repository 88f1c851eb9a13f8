import {
  ANONYMOUS,
  attestCaller,
  DEV_SUBGRAPH_SECRET,
  encodeCaller,
  HEADERS,
  requestHeaders,
  requestInfoFromHeaders,
  signCallerValue,
  verifyCallerValue,
  type Caller,
} from '../src';

const SECRET = 'a-test-subgraph-secret-of-32-chars-or-more';
const csr: Caller = { subject: 'agent-7', roles: ['CSR'], customerId: null, locationId: null, partnerId: null };

describe('signed caller identity', () => {
  it('verifies a signature made with the same secret, and only that', () => {
    const value = encodeCaller(csr);
    const signature = signCallerValue(value, SECRET);
    expect(verifyCallerValue(value, signature, SECRET)).toBe(true);
    expect(verifyCallerValue(value, signature, DEV_SUBGRAPH_SECRET)).toBe(false);
    expect(verifyCallerValue(encodeCaller({ ...csr, roles: ['ADMIN'] }), signature, SECRET)).toBe(false);
    expect(verifyCallerValue(value, signature.slice(0, -2), SECRET)).toBe(false);
    expect(verifyCallerValue(value, undefined, SECRET)).toBe(false);
    expect(verifyCallerValue(undefined, signature, SECRET)).toBe(false);
  });

  it('reads the caller from headers only when the signature verifies', () => {
    const value = encodeCaller(csr);
    const signed = {
      [HEADERS.caller]: value,
      [HEADERS.callerSignature]: signCallerValue(value, SECRET),
      [HEADERS.channel]: 'STORE',
    };
    expect(requestInfoFromHeaders(signed, SECRET)).toMatchObject({ caller: csr, channel: 'STORE' });
    expect(requestInfoFromHeaders(signed, DEV_SUBGRAPH_SECRET).caller).toBe(ANONYMOUS);
    expect(requestInfoFromHeaders({ [HEADERS.caller]: value }, SECRET).caller).toBe(ANONYMOUS);
    expect(requestInfoFromHeaders({ [HEADERS.caller]: value, [HEADERS.callerSignature]: 'forged' }, SECRET).caller).toBe(
      ANONYMOUS,
    );
  });

  it('forwards a verified caller with its signature, so peer calls keep the identity', () => {
    const value = encodeCaller(csr);
    const info = requestInfoFromHeaders(
      { [HEADERS.caller]: value, [HEADERS.callerSignature]: signCallerValue(value, SECRET) },
      SECRET,
    );
    const forwarded = requestHeaders({ channel: null, requestId: 'r1', caller: info.caller });
    expect(requestInfoFromHeaders(forwarded, SECRET).caller).toEqual(csr);
  });

  it('never forwards an identity nobody verified', () => {
    const unverified: Caller = { ...csr };
    expect(requestHeaders({ channel: null, requestId: 'r1', caller: unverified })).toEqual({ [HEADERS.requestId]: 'r1' });
    expect(requestHeaders({ channel: null, requestId: 'r1', caller: ANONYMOUS })).toEqual({ [HEADERS.requestId]: 'r1' });
    const attested = attestCaller({ ...csr }, SECRET);
    expect(requestInfoFromHeaders(requestHeaders({ channel: null, requestId: 'r1', caller: attested }), SECRET).caller).toEqual(
      csr,
    );
  });
});
