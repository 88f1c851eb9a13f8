import { userErrorType } from '@omni/platform';

/** The codes loyalty's mutations answer in `userErrors`. */
export const LoyaltyUserError = userErrorType('Loyalty', 'loyalty, gift card or store credit', [
  'ALREADY_ENROLLED',
  'CURRENCY_MISMATCH',
  'ENGAGEMENT_CAPPED',
  'HOLD_CAPTURED',
  'HOLD_RELEASED',
  'IDEMPOTENCY_KEY_REUSED',
  'INSUFFICIENT_FUNDS',
  'INSUFFICIENT_POINTS',
  'INVALID_AMOUNT',
  'INVALID_CURRENCY',
  'INVALID_IDEMPOTENCY_KEY',
  'INVALID_POINTS',
  'INVALID_RATE',
  'INVALID_REFERENCE',
  'INVALID_RULE',
  'INVALID_SOURCE',
  'NOT_ENROLLED',
  'NO_EARN_RULE',
  'PROOF_REQUIRED',
  'UNKNOWN_CUSTOMER',
  'UNKNOWN_GIFT_CARD',
  'UNKNOWN_HOLD',
  'UNKNOWN_RULE',
  'WALLET_LIMIT_EXCEEDED',
]);
