import {
  ANONYMOUS,
  attestCaller,
  CALLER_SIGNATURE_TTL_SECONDS,
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
  const at = Date.UTC(2026, 10, 30, 12, 0, 0);

  it('verifies a signature made with the same secret for the same request, and only that', () => {
    const value = encodeCaller(csr);
    const signature = signCallerValue(value, 'r1', SECRET, at);
    expect(verifyCallerValue(value, 'r1', signature, SECRET, at)).toBe(true);
    expect(verifyCallerValue(value, 'r1', signature, DEV_SUBGRAPH_SECRET, at)).toBe(false);
    expect(verifyCallerValue(value, 'r2', signature, SECRET, at)).toBe(false);
    expect(verifyCallerValue(encodeCaller({ ...csr, roles: ['ADMIN'] }), 'r1', signature, SECRET, at)).toBe(false);
    expect(verifyCallerValue(value, 'r1', signature.slice(0, -2), SECRET, at)).toBe(false);
    expect(verifyCallerValue(value, 'r1', undefined, SECRET, at)).toBe(false);
    expect(verifyCallerValue(undefined, 'r1', signature, SECRET, at)).toBe(false);
    expect(verifyCallerValue(value, undefined, signature, SECRET, at)).toBe(false);
  });

  it('refuses a captured signature once it has expired, and one that claims to live longer than a fresh one', () => {
    const value = encodeCaller(csr);
    const signature = signCallerValue(value, 'r1', SECRET, at);
    const later = (seconds: number) => at + seconds * 1000;
    expect(verifyCallerValue(value, 'r1', signature, SECRET, later(CALLER_SIGNATURE_TTL_SECONDS))).toBe(true);
    expect(verifyCallerValue(value, 'r1', signature, SECRET, later(CALLER_SIGNATURE_TTL_SECONDS + 10))).toBe(false);
    expect(verifyCallerValue(value, 'r1', signature, SECRET, later(3600))).toBe(false);
    const farAhead = signCallerValue(value, 'r1', SECRET, later(3600));
    expect(verifyCallerValue(value, 'r1', farAhead, SECRET, at)).toBe(false);
    const [, mac] = signature.split('.');
    expect(verifyCallerValue(value, 'r1', `${Number(signature.split('.')[0]) + 3600}.${mac}`, SECRET, later(3600))).toBe(false);
  });

  it('reads the caller from headers only when the signature verifies', () => {
    const value = encodeCaller(csr);
    const signed = {
      [HEADERS.caller]: value,
      [HEADERS.requestId]: 'r1',
      [HEADERS.callerSignature]: signCallerValue(value, 'r1', SECRET),
      [HEADERS.channel]: 'STORE',
    };
    expect(requestInfoFromHeaders(signed, SECRET)).toMatchObject({ caller: csr, channel: 'STORE', requestId: 'r1' });
    expect(requestInfoFromHeaders(signed, DEV_SUBGRAPH_SECRET).caller).toBe(ANONYMOUS);
    expect(requestInfoFromHeaders({ ...signed, [HEADERS.requestId]: 'r2' }, SECRET).caller).toBe(ANONYMOUS);
    expect(requestInfoFromHeaders({ [HEADERS.caller]: value, [HEADERS.requestId]: 'r1' }, SECRET).caller).toBe(ANONYMOUS);
    expect(requestInfoFromHeaders({ ...signed, [HEADERS.callerSignature]: 'forged' }, SECRET).caller).toBe(ANONYMOUS);
  });

  it('forwards a verified caller freshly signed for the request, so peer calls keep the identity', () => {
    const value = encodeCaller(csr);
    const info = requestInfoFromHeaders(
      { [HEADERS.caller]: value, [HEADERS.requestId]: 'r1', [HEADERS.callerSignature]: signCallerValue(value, 'r1', SECRET) },
      SECRET,
    );
    const forwarded = requestHeaders({ channel: null, requestId: 'r1', caller: info.caller });
    expect(requestInfoFromHeaders(forwarded, SECRET).caller).toEqual(csr);
  });

  it('signs the caller once for every subgraph call of one request', () => {
    const info = { channel: null, requestId: 'r1', caller: attestCaller({ ...csr }, SECRET) };
    const headers = requestHeaders(info);
    expect(requestHeaders(info)).toBe(headers);
    expect(requestInfoFromHeaders(headers, SECRET).caller).toEqual(csr);
    // Another request (another info) is signed for its own request id.
    expect(requestHeaders({ ...info, requestId: 'r2' })[HEADERS.requestId]).toBe('r2');
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
