import { pruneEvents, type EventSettings } from '../events/retention';
import type { JobDefinition } from './scheduler';

/**
 * Every service's own job: deletes what the event machinery no longer needs (published outbox
 * rows, processed-event ids and replayed dead letters past their retention; `pruneEvents`).
 * Returns how many rows went.
 */
export function outboxPruneJob(settings: EventSettings): JobDefinition {
  return {
    name: 'outbox-prune',
    description:
      'deletes published outbox rows and processed-event ids past OUTBOX_RETENTION_HOURS / PROCESSED_EVENT_RETENTION_HOURS',
    intervalSeconds: 3600,
    run: async (ctx) => {
      const pruned = await pruneEvents(ctx.db, ctx.now, settings);
      return pruned.outboxEvents + pruned.processedEvents + pruned.deadLetters;
    },
  };
}
