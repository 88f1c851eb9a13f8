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

/** How long a signed caller header is accepted after it was made: a captured one is soon useless. */
export const CALLER_SIGNATURE_TTL_SECONDS = 60;
/** Clock difference between processes tolerated on a signature's expiry. */
const CLOCK_SKEW_SECONDS = 5;

/** HMAC-SHA256 of the caller, the request it is for and its expiry (epoch seconds), base64url. */
function mac(value: string, requestId: string, expiresAt: number, secret: string): string {
  return createHmac('sha256', secret).update(`${value}\n${requestId}\n${expiresAt}`, 'utf8').digest('base64url');
}

/** The `x-omni-caller-signature` value for `value` on request `requestId`: `<expiry>.<hmac>`. */
export function signCallerValue(value: string, requestId: string, secret: string, now = Date.now()): string {
  const expiresAt = Math.floor(now / 1000) + CALLER_SIGNATURE_TTL_SECONDS;
  return `${expiresAt}.${mac(value, requestId, expiresAt, secret)}`;
}

/**
 * True when `signature` signs `value` for request `requestId` under `secret` (constant-time
 * comparison) and has not expired; an expiry further ahead than a fresh signature's is refused too.
 */
export function verifyCallerValue(
  value: string | undefined,
  requestId: string | undefined,
  signature: string | undefined,
  secret: string,
  now = Date.now(),
): boolean {
  if (!value || !requestId || !signature) return false;
  const dot = signature.indexOf('.');
  const expiresAt = Number(signature.slice(0, dot));
  const seconds = now / 1000;
  if (dot < 1 || !Number.isInteger(expiresAt)) return false;
  if (expiresAt < seconds - CLOCK_SKEW_SECONDS || expiresAt > seconds + CALLER_SIGNATURE_TTL_SECONDS + CLOCK_SKEW_SECONDS)
    return false;
  const expected = Buffer.from(mac(value, requestId, expiresAt, secret));
  const given = Buffer.from(signature.slice(dot + 1));
  return expected.length === given.length && timingSafeEqual(expected, given);
}
