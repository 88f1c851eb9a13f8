import {
  dialectOf,
  DomainError,
  inTransaction,
  isCurrencyCode,
  isUniqueViolation,
  type Channel,
  type ServiceContext,
} from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { MAX_WALLET_CENTS, StoredValueEntryKind, walletTopUpRef } from '../domain/stored-value';
import { StoredValueAccount, StoredValueEntry } from '../entities/stored-value';
import { moveStoredValue, wallet } from './stored-value';

export interface WalletTopUpCredit {
  /** The customer, as orders resolved them (a survivor's id after a merge). */
  customerId: string;
  amount: { cents: number; currency: string };
  /** Orders' top-up id: the credit is made once per top-up, however often it is asked. */
  topUpId: string;
  reason: string;
  channel: Channel | null;
}

export interface CreditedTopUp {
  entry: StoredValueEntry;
  /** The wallet after the credit (available = balance less holds). */
  wallet: StoredValueAccount;
}

/** The wallet row, locked for the rest of the transaction on PostgreSQL (SQLite serializes writers). */
async function lockWallet(manager: EntityManager, id: string): Promise<StoredValueAccount> {
  const query = manager.createQueryBuilder(StoredValueAccount, 'a').where('a.id = :id', { id });
  if (dialectOf(manager.connection) === 'postgres') query.setLock('pessimistic_write');
  return query.getOneOrFail();
}

/**
 * Credits a paid wallet top-up to the customer's store credit (created on first use): one TOP_UP
 * entry per top-up id. The wallet row is locked before the entry is looked for, so a retry racing
 * the first call finds its entry and credits nothing more. A wallet that would hold more than
 * MAX_WALLET_CENTS is `WALLET_LIMIT_EXCEEDED`: nothing is credited (orders refunds the payment).
 */
export async function creditWalletTopUp(ctx: ServiceContext, input: WalletTopUpCredit): Promise<CreditedTopUp> {
  const { cents, currency } = input.amount;
  if (!Number.isSafeInteger(cents) || cents <= 0)
    throw new DomainError('INVALID_AMOUNT', 'a top-up is a whole number of cents above zero', ['input', 'amount', 'cents']);
  if (!isCurrencyCode(currency))
    throw new DomainError('INVALID_CURRENCY', `${currency} is not an ISO currency code`, ['input', 'amount', 'currency']);
  if (!input.topUpId.trim()) throw new DomainError('INVALID_REFERENCE', 'a top-up id is required', ['input', 'topUpId']);
  const ref = walletTopUpRef(input.topUpId);
  const credit = () =>
    inTransaction(ctx.db, async (manager) => {
      const target = await lockWallet(manager, (await wallet(manager, input.customerId, currency)).id);
      const earlier = await manager.findOneBy(StoredValueEntry, { kind: StoredValueEntryKind.TOP_UP, ref });
      if (earlier) return { entry: earlier, wallet: target };
      if (target.balanceCents + cents > MAX_WALLET_CENTS) {
        throw new DomainError('WALLET_LIMIT_EXCEEDED', `a wallet holds at most ${MAX_WALLET_CENTS} cents`, ['input', 'amount']);
      }
      const entry = await moveStoredValue(manager, target, {
        kind: StoredValueEntryKind.TOP_UP,
        amountCents: cents,
        reason: input.reason,
        channel: input.channel,
        ref,
      });
      return { entry, wallet: Object.assign(target, { balanceCents: target.balanceCents + cents }) };
    });
  try {
    return await credit();
  } catch (error) {
    // Two first top-ups of one customer created the wallet at once: the loser credits the winner's.
    if (!isUniqueViolation(error)) throw error;
    return credit();
  }
}
