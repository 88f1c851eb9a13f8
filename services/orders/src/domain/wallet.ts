/** Wallet top-ups: the pure rules. */

export enum TopUpStatus {
  PENDING = 'PENDING',
  CAPTURED = 'CAPTURED',
  CREDITED = 'CREDITED',
  DECLINED = 'DECLINED',
  REFUNDED = 'REFUNDED',
}

/** Smallest and largest top-up: 1.00 to 1,000.00 in any currency. */
export const MIN_TOP_UP_CENTS = 100;
export const MAX_TOP_UP_CENTS = 100_000;

/**
 * Providers that only record money taken elsewhere (`manual`) or at a till (`cash`): staff may top
 * a wallet up with them, a shopper may not (nothing would be charged).
 */
export const STAFF_ONLY_PROVIDERS = ['manual', 'cash'];

/** Why this amount cannot be a top-up, or null. */
export function topUpAmountProblem(cents: number): string | null {
  if (!Number.isSafeInteger(cents) || cents < MIN_TOP_UP_CENTS || cents > MAX_TOP_UP_CENTS) {
    return `a top-up is between ${MIN_TOP_UP_CENTS} and ${MAX_TOP_UP_CENTS} minor units`;
  }
  return null;
}

/** Finished one way or the other: nothing left for the job to do. */
export function isSettled(status: TopUpStatus): boolean {
  return status === TopUpStatus.CREDITED || status === TopUpStatus.DECLINED || status === TopUpStatus.REFUNDED;
}
