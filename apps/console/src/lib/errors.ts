import type { CombinedError } from '@urql/core';

export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export const NOT_ALLOWED = 'Not allowed for your role';

/** The path a userError names, without the argument's own name: ['input', 'changes', '0', 'quantity'] -> 'changes.0.quantity'. */
export function fieldKey(error: UserError): string {
  const path = error.field ?? [];
  return (path[0] === 'input' ? path.slice(1) : path).join('.');
}

/** The userErrors that name `key` (exactly, or a field below it). */
export function errorsAt(errors: readonly UserError[], key: string): UserError[] {
  return errors.filter((e) => {
    const k = fieldKey(e);
    return k === key || k.startsWith(`${key}.`);
  });
}

/** The userErrors that name none of `keys`: shown once, above the form's buttons. */
export function otherErrors(errors: readonly UserError[], keys: readonly string[]): UserError[] {
  return errors.filter((e) => !keys.some((key) => errorsAt([e], key).length > 0));
}

/**
 * What a failed request means to the person at the screen. FORBIDDEN is a role matter, never a
 * blank page; UNAUTHENTICATED sends them back to sign in.
 */
export function describeError(error: CombinedError | Error | null | undefined): { message: string; code: string | null } | null {
  if (!error) return null;
  const graphQLErrors = 'graphQLErrors' in error ? error.graphQLErrors : [];
  const codes = graphQLErrors.map((e) => String(e.extensions?.code ?? ''));
  if (codes.includes('FORBIDDEN')) return { message: NOT_ALLOWED, code: 'FORBIDDEN' };
  if (codes.includes('UNAUTHENTICATED')) return { message: 'Your session has expired: sign in again', code: 'UNAUTHENTICATED' };
  if (codes.includes('RATE_LIMITED')) return { message: 'Too many requests: wait a moment and try again', code: 'RATE_LIMITED' };
  if ('networkError' in error && error.networkError) {
    return { message: 'The service cannot be reached: check the connection and try again', code: 'NETWORK' };
  }
  const first = graphQLErrors[0];
  if (first) return { message: first.message, code: codes[0] || null };
  return { message: error.message, code: null };
}

/** True when some part of the response was denied (the rest may still be shown). */
export function isForbidden(error: CombinedError | null | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN');
}
