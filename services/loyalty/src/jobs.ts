import type { JobDefinition } from '@omni/platform';
import { releaseExpiredHolds } from './commands/holds';
import { runPointsExpiry } from './commands/maintenance';

/**
 * What the ADMIN mutation `runLoyaltyMaintenance` does with its defaults: stale holds first
 * (so the points they held are judged by the expiry in the same run), then dormant points.
 * Both are safe to run twice and concurrently.
 */
export const maintenance: JobDefinition = {
  name: 'maintenance',
  description: 'releases expired holds, then expires the points of accounts inactive for LOYALTY_POINTS_EXPIRY_DAYS',
  intervalSeconds: 3600,
  run: async (ctx) => {
    const releasedHolds = await releaseExpiredHolds(ctx, ctx.now);
    const expiry = await runPointsExpiry(ctx, ctx.now);
    return releasedHolds + expiry.accounts;
  },
};

/**
 * Holds whose checkout never came back (its orders process died between taking them and its
 * commit) go back to the shopper within a minute of their expiry, not at the next hourly run.
 */
export const holdExpiry: JobDefinition = {
  name: 'hold-expiry',
  description: 'releases holds past LOYALTY_HOLD_TTL_SECONDS whose order never committed',
  intervalSeconds: 60,
  run: (ctx) => releaseExpiredHolds(ctx, ctx.now),
};

export const jobs: JobDefinition[] = [maintenance, holdExpiry];
