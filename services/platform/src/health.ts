import type { DataSource } from 'typeorm';
import type { EventBus } from './events/bus';

/** How long a readiness check waits for the database before calling it down. */
export const READINESS_TIMEOUT_MS = 2_000;

/** What `/readyz` answers: ready only when every check is `ok`; the others name what failed. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, 'ok' | 'failed' | 'timeout' | 'disconnected'>;
}

/** Rejects after `ms` (the timer does not hold the process open). */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A service can serve when its database answers (within `timeoutMs`: a pool waiting for a dead
 * server must not hang the probe) and its bus is connected: a service that cannot publish keeps
 * its writes' events in the outbox, and one that cannot consume falls behind on others' events,
 * so it leaves the load balancer's rotation until NATS is back.
 */
export async function serviceReadiness(db: DataSource, bus: EventBus, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const database = await withTimeout(db.query('SELECT 1'), timeoutMs).then(
    () => 'ok' as const,
    (error: Error) => (error.message === 'timeout' ? ('timeout' as const) : ('failed' as const)),
  );
  const checks: Readiness['checks'] = { database, bus: bus.isReady() ? 'ok' : 'disconnected' };
  return { ready: Object.values(checks).every((check) => check === 'ok'), checks };
}
