import { env, readConfig } from '@omni/platform';

/** 15 minutes: far longer than an order takes between reserving and being placed. */
export const DEFAULT_RESERVATION_TTL_SECONDS = 900;

let cached: number | null = null;

/**
 * Seconds a reservation may wait for an order to confirm it (RESERVATION_TTL_SECONDS), validated
 * like all configuration; read once from the process environment.
 */
export function reservationTtlSeconds(from: NodeJS.ProcessEnv = process.env): number {
  const read = () =>
    readConfig({ RESERVATION_TTL_SECONDS: env.positiveInt(DEFAULT_RESERVATION_TTL_SECONDS) }, from).RESERVATION_TTL_SECONDS;
  if (from !== process.env) return read();
  cached ??= read();
  return cached;
}
