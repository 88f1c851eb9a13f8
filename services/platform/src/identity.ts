import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The caller the gateway verified travels to the subgraphs in `x-omni-caller` (base64url JSON),
 * signed in `x-omni-caller-signature` with a secret only the gateway and the subgraphs share
 * (SUBGRAPH_SECRET). A subgraph treats an identity without a valid signature as anonymous.
 */

/** Public, so it protects nothing: the embedded mode and development only. */
export const DEV_SUBGRAPH_SECRET = 'omni-development-subgraph-secret-not-for-production';

/** Minimum length of a SUBGRAPH_SECRET / AUTH_SECRET (32 bytes of entropy as text or more). */
export const MIN_SECRET_LENGTH = 32;

/** HMAC-SHA256 of the header value, base64url. */
export function signCallerValue(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('base64url');
}

/** True when `signature` is the HMAC of `value` under `secret` (constant-time comparison). */
export function verifyCallerValue(value: string | undefined, signature: string | undefined, secret: string): boolean {
  if (!value || !signature) return false;
  const expected = Buffer.from(signCallerValue(value, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
