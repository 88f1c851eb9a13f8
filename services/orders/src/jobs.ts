import { isoDate, type JobDefinition } from '@omni/platform';
import { settlePayments } from './commands/settle-payments';
import { runShoppingListAutoFill } from './commands/shopping-list';
import { runDueSubscriptions } from './commands/subscriptions';
import { settleWalletTopUps } from './commands/wallet';
import { dispatchSettings, dispatchWebhooks } from './partners/webhooks';

/**
 * Places the orders of the subscriptions due today. Hourly, so a day's orders go out within the
 * hour after midnight UTC and a failed run (recorded on the subscription) is retried soon;
 * `runDueSubscriptions` is idempotent per subscription and run date.
 */
export const dueSubscriptions: JobDefinition = {
  name: 'due-subscriptions',
  description: 'places the orders of subscriptions due on or before today (runDueSubscriptions)',
  intervalSeconds: 3600,
  run: async (ctx) => (await runDueSubscriptions(ctx, isoDate(ctx.now))).length,
};

/**
 * Card and cash payments whose capture failed after the order committed, and card refunds the
 * provider did not take: retried every minute until they succeed (each is idempotent at the provider).
 */
export const settlePaymentsJob: JobDefinition = {
  name: 'settle-payments',
  description: 'captures the card payments and sends the card refunds still pending at the provider',
  intervalSeconds: 60,
  run: (ctx) => settlePayments(ctx),
};

// Abandoned carts need no job: a cart's ABANDONED status is derived from `updatedAt` when it is
// read (domain/cart.ts, CART_ABANDON_AFTER_HOURS), so there is nothing to mark.
/**
 * Partner webhooks that are due: sent with their signature, retried with backoff
 * (WEBHOOK_RETRY_BASE_SECONDS doubling to an hour) up to WEBHOOK_MAX_ATTEMPTS, then FAILED.
 */
export const webhookDispatch: JobDefinition = {
  name: 'webhook-dispatch',
  description: 'sends the partner webhook deliveries that are due (signed, retried with backoff, then failed)',
  intervalSeconds: 5,
  validate: (env) => void dispatchSettings(env),
  run: (ctx) => dispatchWebhooks(ctx),
};

/**
 * Shopping lists that fill themselves: tells each shopper of an auto-fill order coming within two
 * days, and places the ones due that were announced in an earlier run (idempotent per item and date).
 */
export const shoppingListAutoFill: JobDefinition = {
  name: 'shopping-list-auto-fill',
  description: 'announces and places the replenishment orders of auto-filled shopping list items (runShoppingListAutoFill)',
  intervalSeconds: 3600,
  run: async (ctx) => (await runShoppingListAutoFill(ctx, isoDate(ctx.now))).length,
};

/** Wallet top-ups paid but not credited yet (loyalty was unreachable), and ones a crash left half-way. */
export const walletTopUps: JobDefinition = {
  name: 'wallet-top-ups',
  description: 'credits wallet top-ups that were paid but not credited yet, and settles ones a crash interrupted',
  intervalSeconds: 60,
  run: (ctx) => settleWalletTopUps(ctx, ctx.now),
};

export const jobs: JobDefinition[] = [dueSubscriptions, settlePaymentsJob, webhookDispatch, shoppingListAutoFill, walletTopUps];
