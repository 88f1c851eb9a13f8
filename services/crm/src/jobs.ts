import type { JobDefinition } from '@omni/platform';
import { refreshEngagement, rfmWindowDays } from './commands/engagement';
import { runLifecycleMessages } from './commands/lifecycle';
import { dispatcherFor } from './messaging/dispatcher';
import type { MessageSender } from './messaging/sender';

/** CRM's scheduled jobs; the lifecycle messages go out through the same dispatcher and sender as every message. */
export function createJobs(sender: MessageSender): JobDefinition[] {
  const lifecycleMessages: JobDefinition = {
    name: 'lifecycle-messages',
    description: 'sends the welcome, birthday and win-back messages that are due (each occasion once, with marketing consent)',
    intervalSeconds: 3600,
    run: async (ctx) => {
      dispatcherFor(ctx.db, sender);
      const run = await runLifecycleMessages(ctx.db, ctx.now);
      return run.welcome + run.birthday + run.winBack;
    },
  };
  const engagementRefresh: JobDefinition = {
    name: 'engagement-refresh',
    description: 'recomputes RFM scores and segment memberships not computed for a day (recency, spend windows, inactivity)',
    intervalSeconds: 3600,
    validate: (env) => void rfmWindowDays(env),
    run: (ctx) => refreshEngagement(ctx.db, ctx.now),
  };
  return [lifecycleMessages, engagementRefresh];
}
