import { randomUUID } from 'node:crypto';
import {
  DomainError,
  inTransaction,
  isCurrencyCode,
  recordEvent,
  type Channel,
  type GiftCardIssued,
  type ServiceContext,
  isUniqueViolation,
} from '@omni/platform';
import { type EntityManager } from 'typeorm';
import {
  giftCardHash,
  giftCardLast4,
  isWellFormedGiftCardCode,
  MAX_GIFT_CARD_CENTS,
  newGiftCardCode,
  normalizeGiftCardCode,
  StoredValueEntryKind,
  StoredValueKind,
} from '../domain/stored-value';
import { StoredValueAccount, StoredValueEntry } from '../entities/stored-value';
import { loyaltySettings } from '../settings';
import { resolveCustomer } from './ledger';

export interface IssueGiftCardInput {
  amount: { cents: number; currency: string };
  channel: Channel;
  idempotencyKey: string;
  purchaserCustomerId?: string | null;
}

export interface IssuedGiftCard {
  card: StoredValueAccount;
  /** The full code: only for the request that created the card (it is stored as a keyed hash). */
  code: string | null;
}

/**
 * Issues a gift card with a random code. The same `idempotencyKey` returns the same card (also
 * when two requests race), without its code, which exists only in the first answer; reusing the
 * key for a different amount is `IDEMPOTENCY_KEY_REUSED`.
 */
export async function issueGiftCard(ctx: ServiceContext, input: IssueGiftCardInput): Promise<IssuedGiftCard> {
  const key = input.idempotencyKey.trim();
  if (!key || key.length > 100) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'an idempotency key is 1 to 100 characters', ['input', 'idempotencyKey']);
  }
  const { cents, currency } = input.amount;
  if (!isCurrencyCode(currency))
    throw new DomainError('INVALID_CURRENCY', `${currency} is not an ISO currency code`, ['input', 'amount', 'currency']);
  if (!Number.isSafeInteger(cents) || cents <= 0 || cents > MAX_GIFT_CARD_CENTS) {
    throw new DomainError('INVALID_AMOUNT', `a gift card holds between 1 and ${MAX_GIFT_CARD_CENTS} cents`, [
      'input',
      'amount',
      'cents',
    ]);
  }
  const same = (card: StoredValueAccount): IssuedGiftCard => {
    if (card.currency !== currency)
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this key issued a different gift card', ['input', 'idempotencyKey']);
    return { card, code: null };
  };
  const { giftCardSecret } = loyaltySettings(ctx.log);
  const earlier = await ctx.db.getRepository(StoredValueAccount).findOneBy({ idempotencyKey: key });
  if (earlier) return same(await checkIssued(ctx, earlier, cents));
  let purchaser: string | null = null;
  if (input.purchaserCustomerId) {
    purchaser = await resolveCustomer(ctx, input.purchaserCustomerId);
    if (!purchaser)
      throw new DomainError('UNKNOWN_CUSTOMER', `no customer ${input.purchaserCustomerId}`, ['input', 'purchaserCustomerId']);
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(ctx.db, (manager) =>
        issueCardIn(manager, { cents, currency, channel: input.channel, key, purchaser, secret: giftCardSecret }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await ctx.db.getRepository(StoredValueAccount).findOneBy({ idempotencyKey: key });
      if (winner) return same(await checkIssued(ctx, winner, cents));
      if (attempt >= 3) throw error; // a code collision three times over: something else is wrong
    }
  }
}

/**
 * Writes a new gift card with a random code, its ISSUE entry and `loyalty.giftcard.issued` in
 * the caller's transaction; the code is returned here and stored only as a keyed hash.
 */
export async function issueCardIn(
  manager: EntityManager,
  input: { cents: number; currency: string; channel: Channel | null; key: string; purchaser: string | null; secret: string },
): Promise<IssuedGiftCard & { code: string }> {
  const code = newGiftCardCode();
  const card = manager.create(StoredValueAccount, {
    id: randomUUID(),
    kind: StoredValueKind.GIFT_CARD,
    codeHash: giftCardHash(code, input.secret),
    codeLast4: giftCardLast4(code),
    mergedIntoId: null,
    customerId: null,
    purchaserCustomerId: input.purchaser,
    currency: input.currency,
    balanceCents: input.cents,
    heldCents: 0,
    idempotencyKey: input.key,
  });
  await manager.insert(StoredValueAccount, card);
  await manager.insert(StoredValueEntry, {
    id: randomUUID(),
    accountId: card.id,
    kind: StoredValueEntryKind.ISSUE,
    amountCents: input.cents,
    reason: 'issued',
    channel: input.channel,
    ref: input.key,
    occurredAt: new Date(),
  });
  // The code is a bearer secret: events name the card by id only.
  await recordEvent<GiftCardIssued>(
    manager,
    'loyalty.giftcard.issued',
    { giftCardId: card.id, cents: input.cents, currency: input.currency, purchaserCustomerId: input.purchaser },
    input.channel,
  );
  return { card, code };
}

async function checkIssued(ctx: ServiceContext, card: StoredValueAccount, cents: number): Promise<StoredValueAccount> {
  const issue = await ctx.db.getRepository(StoredValueEntry).findOneBy({ accountId: card.id, kind: StoredValueEntryKind.ISSUE });
  if (issue?.amountCents !== cents)
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this key issued a different gift card', ['input', 'idempotencyKey']);
  return card;
}

/** The card with exactly this code (typed with or without dashes, any case), or null. */
export async function findGiftCard(manager: EntityManager, typed: string, secret: string): Promise<StoredValueAccount | null> {
  const code = normalizeGiftCardCode(typed);
  if (!isWellFormedGiftCardCode(code)) return null;
  return manager.findOneBy(StoredValueAccount, { codeHash: giftCardHash(code, secret), kind: StoredValueKind.GIFT_CARD });
}

/** A store-credit account, or the wallet it was merged into (its owner merged into another customer). */
export async function survivingWallet(manager: EntityManager, account: StoredValueAccount): Promise<StoredValueAccount> {
  let current = account;
  for (let hops = 0; current.mergedIntoId && hops < 5; hops++) {
    const next = await manager.findOneBy(StoredValueAccount, { id: current.mergedIntoId });
    if (!next) break;
    current = next;
  }
  return current;
}

/** The customer's store-credit wallet in a currency (following merges), or null. */
export async function findWallet(
  manager: EntityManager,
  customerId: string,
  currency: string,
): Promise<StoredValueAccount | null> {
  const own = await manager.findOneBy(StoredValueAccount, { customerId, currency, kind: StoredValueKind.STORE_CREDIT });
  return own && survivingWallet(manager, own);
}

/** The customer's store-credit wallet in a currency (following merges), created empty on first use. */
export async function wallet(manager: EntityManager, customerId: string, currency: string): Promise<StoredValueAccount> {
  const existing = await findWallet(manager, customerId, currency);
  if (existing) return existing;
  const created = manager.create(StoredValueAccount, {
    id: randomUUID(),
    kind: StoredValueKind.STORE_CREDIT,
    codeHash: null,
    codeLast4: null,
    mergedIntoId: null,
    customerId,
    purchaserCustomerId: null,
    currency,
    balanceCents: 0,
    heldCents: 0,
    idempotencyKey: null,
  });
  await manager.insert(StoredValueAccount, created);
  return created;
}

/**
 * Moves stored value and appends its entry in the caller's transaction. A debit applies only
 * if the unheld balance covers it (`consumeHeld` cents of a hold are spent with it), as one
 * conditional UPDATE: concurrent spenders of one card cannot take it below zero.
 */
export async function moveStoredValue(
  manager: EntityManager,
  account: StoredValueAccount,
  entry: {
    kind: StoredValueEntryKind;
    amountCents: number;
    reason: string;
    channel: Channel | null;
    ref: string | null;
    orderId?: string | null;
  },
  consumeHeld = 0,
): Promise<StoredValueEntry> {
  const update = manager
    .createQueryBuilder()
    .update(StoredValueAccount)
    .set({ balanceCents: () => '"balanceCents" + :amount', heldCents: () => '"heldCents" - :held' })
    .where('id = :id')
    .setParameters({ id: account.id, amount: entry.amountCents, held: consumeHeld });
  if (entry.amountCents < 0) update.andWhere('"balanceCents" - "heldCents" + :held + :amount >= 0');
  const result = await update.execute();
  if (!result.affected) throw new DomainError('INSUFFICIENT_FUNDS', 'the balance does not cover this amount', ['amount']);
  const row = manager.create(StoredValueEntry, {
    id: randomUUID(),
    accountId: account.id,
    occurredAt: new Date(),
    ...entry,
    orderId: entry.orderId ?? null,
    reason: entry.reason.slice(0, 200),
  });
  await manager.insert(StoredValueEntry, row);
  return row;
}

/** Store credit for a customer (a return resolved as STORE_CREDIT, a goodwill gesture). */
export async function creditStoreCredit(
  manager: EntityManager,
  customerId: string,
  cents: number,
  currency: string,
  reason: string,
  ref: string | null,
  channel: Channel | null,
): Promise<StoredValueEntry | null> {
  if (!Number.isSafeInteger(cents) || cents <= 0 || !isCurrencyCode(currency)) return null;
  const target = await wallet(manager, customerId, currency);
  return moveStoredValue(manager, target, { kind: StoredValueEntryKind.CREDIT, amountCents: cents, reason, channel, ref });
}

/** The balance enquiry (rate-limited by the resolver): the card with this code, or null. */
export function giftCardBalance(ctx: ServiceContext, code: string): Promise<StoredValueAccount | null> {
  return findGiftCard(ctx.db.manager, code, loyaltySettings(ctx.log).giftCardSecret);
}

/** A gift card's movements, newest first. */
export function giftCardEntries(ctx: ServiceContext, accountId: string, first: number): Promise<StoredValueEntry[]> {
  return ctx.db.getRepository(StoredValueEntry).find({
    where: { accountId },
    order: { occurredAt: 'DESC', id: 'DESC' },
    take: first,
  });
}
