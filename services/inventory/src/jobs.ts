import type { JobDefinition } from '@omni/platform';
import { expireReservations } from './commands/reservations';
import { reservationTtlSeconds } from './settings';

/** Releases what no order claimed: a checkout that reserved and then never placed its order. */
export const reservationExpiry: JobDefinition = {
  name: 'reservation-expiry',
  description: 'releases reservations that no order confirmed within RESERVATION_TTL_SECONDS',
  intervalSeconds: 60,
  validate: (env) => void reservationTtlSeconds(env),
  run: (ctx) => expireReservations(ctx.db, ctx.now, { channel: null, actor: 'job:reservation-expiry' }),
};

export const jobs: JobDefinition[] = [reservationExpiry];
