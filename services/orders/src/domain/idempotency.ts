import { createHash } from 'node:crypto';
import { hasRole, Role, type Caller, type Channel } from '@omni/platform';

/**
 * Whose an idempotency key is. The same key from another caller is another request, never a
 * replay of someone else's order: a partner's keys are the partner's, a shopper's the shopper's,
 * a staff member's their own on one channel, and services name their own scope.
 */
export function idempotencyScope(caller: Caller, channel: Channel): string {
  if (hasRole(caller, Role.PARTNER)) return `partner:${caller.partnerId ?? ''}`;
  if (hasRole(caller, Role.ASSOCIATE, Role.CSR, Role.ADMIN)) return `staff:${caller.subject ?? ''}:${channel}`;
  if (hasRole(caller, Role.CUSTOMER) && caller.customerId) return `customer:${caller.customerId}`;
  if (hasRole(caller, Role.SERVICE)) return `service:${caller.subject ?? ''}`;
  return 'anonymous';
}

/** A stable digest of a request (keys sorted at every level), to tell a replay from a reuse. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('hex');
}

function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
