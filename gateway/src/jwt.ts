import { createHmac, createPublicKey, timingSafeEqual, verify as verifySignature, type KeyObject } from 'node:crypto';

/**
 * Compact JWS (JWT) signing and verification on node:crypto. jose 6 is ESM-only, and the test
 * runner (jest, CommonJS, sources untransformed in node_modules) cannot load it on Node 20, so
 * the few algorithms the gateway accepts are verified here: HS256/384/512 with a shared secret,
 * RS*, PS*, ES* and EdDSA with a public key (PEM or JWKS).
 */

export class JwtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtError';
  }
}

export type JwtPayload = Record<string, unknown> & {
  sub?: string;
  iss?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
};

interface JwtHeader {
  alg?: string;
  kid?: string;
  typ?: string;
}

/** Resolves the key for a token's header; throws JwtError when none fits. */
export type KeyResolver = (header: JwtHeader) => Promise<{ kind: 'secret'; secret: Buffer } | { kind: 'public'; key: KeyObject }>;

const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
const ASYMMETRIC: Record<string, { type: string[]; hash: string | null; pss?: boolean; ieee?: boolean }> = {
  RS256: { type: ['rsa'], hash: 'sha256' },
  RS384: { type: ['rsa'], hash: 'sha384' },
  RS512: { type: ['rsa'], hash: 'sha512' },
  PS256: { type: ['rsa', 'rsa-pss'], hash: 'sha256', pss: true },
  PS384: { type: ['rsa', 'rsa-pss'], hash: 'sha384', pss: true },
  PS512: { type: ['rsa', 'rsa-pss'], hash: 'sha512', pss: true },
  ES256: { type: ['ec'], hash: 'sha256', ieee: true },
  ES384: { type: ['ec'], hash: 'sha384', ieee: true },
  ES512: { type: ['ec'], hash: 'sha512', ieee: true },
  EdDSA: { type: ['ed25519', 'ed448'], hash: null },
};

function decodeJson<T>(part: string, what: string): T {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error();
    return value as T;
  } catch {
    throw new JwtError(`malformed token ${what}`);
  }
}

export interface VerifyOptions {
  issuer?: string;
  audience?: string;
  /** Seconds of clock skew tolerated on exp and nbf. */
  clockToleranceSec?: number;
  now?: () => number;
}

/** Verifies signature, `exp` (required), `nbf`, `iss` and `aud`; returns the payload. */
export async function verifyJwt(token: string, resolveKey: KeyResolver, options: VerifyOptions = {}): Promise<JwtPayload> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || !parts[2]) throw new JwtError('malformed token');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson<JwtHeader>(headerPart, 'header');
  const alg = typeof header.alg === 'string' ? header.alg : '';
  if (!Object.hasOwn(HMAC, alg) && !Object.hasOwn(ASYMMETRIC, alg))
    throw new JwtError(`unsupported algorithm ${JSON.stringify(alg)}`);
  const key = await resolveKey(header);
  const signingInput = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  const signature = Buffer.from(signaturePart, 'base64url');
  let valid: boolean;
  if (key.kind === 'secret') {
    const hash = Object.hasOwn(HMAC, alg) ? HMAC[alg] : undefined;
    if (!hash) throw new JwtError(`algorithm ${alg} does not match the key`);
    const expected = createHmac(hash, key.secret).update(signingInput).digest();
    valid = expected.length === signature.length && timingSafeEqual(expected, signature);
  } else {
    const spec = Object.hasOwn(ASYMMETRIC, alg) ? ASYMMETRIC[alg] : undefined;
    if (!spec || !spec.type.includes(key.key.asymmetricKeyType ?? ''))
      throw new JwtError(`algorithm ${alg} does not match the key`);
    try {
      valid = verifySignature(
        spec.hash,
        signingInput,
        {
          key: key.key,
          ...(spec.pss ? { padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: -1 /* digest length */ } : {}),
          ...(spec.ieee ? { dsaEncoding: 'ieee-p1363' as const } : {}),
        },
        signature,
      );
    } catch {
      valid = false;
    }
  }
  if (!valid) throw new JwtError('signature verification failed');

  const payload = decodeJson<JwtPayload>(payloadPart, 'payload');
  const now = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const tolerance = options.clockToleranceSec ?? 5;
  if (typeof payload.exp !== 'number') throw new JwtError('token has no expiry (exp)');
  if (now - tolerance >= payload.exp) throw new JwtError('token expired');
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || now + tolerance < payload.nbf))
    throw new JwtError('token not yet valid');
  if (options.issuer !== undefined && payload.iss !== options.issuer) throw new JwtError('unexpected issuer');
  if (options.audience !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(options.audience)) throw new JwtError('unexpected audience');
  }
  return payload;
}

/** Signs an HS256 token (the development key, `pnpm token`, tests). */
export function signJwtHs256(payload: JwtPayload, secret: string | Buffer): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

/** A public key from PEM (SPKI or certificate); throws when it is not one. */
export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem.replace(/\\n/g, '\n'));
  if (key.type !== 'public') throw new Error('not a public key');
  return key;
}

/**
 * Keys from a JWKS URL, cached; an unknown `kid` refetches the set (at most every 30 s), so a
 * rotated key is picked up without a restart.
 */
export function remoteJwks(url: string, fetchImpl: typeof fetch = fetch): KeyResolver {
  let keys: { kid?: string; key: KeyObject }[] = [];
  let fetchedAt = 0;
  let pending: Promise<void> | null = null;
  const refresh = async () => {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new JwtError(`JWKS answered HTTP ${response.status}`);
    const body = (await response.json()) as { keys?: (Record<string, unknown> & { kid?: string; use?: string })[] };
    keys = (body.keys ?? [])
      .filter((jwk) => jwk.use === undefined || jwk.use === 'sig')
      .flatMap((jwk) => {
        try {
          const key = createPublicKey({ key: jwk as never, format: 'jwk' });
          return key.type === 'public' ? [{ kid: jwk.kid, key }] : [];
        } catch {
          return [];
        }
      });
    fetchedAt = Date.now();
  };
  const load = async (force: boolean) => {
    if (!force && fetchedAt && Date.now() - fetchedAt < 10 * 60_000) return;
    if (force && Date.now() - fetchedAt < 30_000) return;
    pending ??= refresh().finally(() => {
      pending = null;
    });
    await pending;
  };
  const pick = (kid: string | undefined) => keys.filter((k) => kid === undefined || k.kid === kid);
  return async (header) => {
    await load(false);
    let found = pick(header.kid);
    if (found.length === 0) {
      await load(true);
      found = pick(header.kid);
    }
    if (found.length !== 1)
      throw new JwtError(found.length ? 'token names no key id (kid) and the key set has several' : 'no key for this token');
    return { kind: 'public', key: found[0]!.key };
  };
}
