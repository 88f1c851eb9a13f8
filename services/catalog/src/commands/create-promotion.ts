import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, isCurrencyCode, isWellFormedId, type Channel } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { TIERS } from '../domain/promotions';
import { Promotion, PromotionKind } from '../entities/promotion';
import { promotionsChanged } from '../promotion-cache';

export interface PromotionDraft {
  name: string;
  code?: string | null;
  kind: PromotionKind;
  value: number;
  currency?: string | null;
  channels?: Channel[] | null;
  minSubtotal?: { cents: number; currency: string } | null;
  minTier?: string | null;
  /** Only members of this CRM segment. */
  segmentId?: string | null;
  /** Only this customer: a personal offer. */
  customerId?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
}

function validate(draft: PromotionDraft): { code: string | null; currency: string | null } {
  if (!draft.name.trim()) throw new DomainError('INVALID_NAME', 'a promotion needs a name', ['input', 'name']);
  const code = draft.code?.trim().toUpperCase() || null;
  if (code && !/^[A-Z0-9_-]{3,40}$/.test(code)) {
    throw new DomainError('INVALID_CODE', 'a code is 3 to 40 letters, digits, - or _', ['input', 'code']);
  }
  if (!Number.isSafeInteger(draft.value) || draft.value <= 0) {
    throw new DomainError('INVALID_VALUE', 'a discount is a whole number above zero', ['input', 'value']);
  }
  if (draft.kind === PromotionKind.PERCENT_OFF && draft.value > 100) {
    throw new DomainError('INVALID_VALUE', 'a percentage is at most 100', ['input', 'value']);
  }
  const currencies = [draft.currency, draft.minSubtotal?.currency].filter((c): c is string => !!c);
  for (const c of currencies) {
    if (!isCurrencyCode(c)) throw new DomainError('INVALID_CURRENCY', `"${c}" is not an ISO 4217 code`, ['input', 'currency']);
  }
  if (new Set(currencies).size > 1) {
    throw new DomainError('CURRENCY_MISMATCH', 'the amount and the minimum subtotal are in one currency', [
      'input',
      'minSubtotal',
      'currency',
    ]);
  }
  const currency = currencies[0] ?? null;
  if (draft.kind === PromotionKind.AMOUNT_OFF && !currency) {
    throw new DomainError('CURRENCY_REQUIRED', 'an amount off names its currency', ['input', 'currency']);
  }
  if (draft.minSubtotal && (!Number.isSafeInteger(draft.minSubtotal.cents) || draft.minSubtotal.cents < 0)) {
    throw new DomainError('INVALID_PRICE', 'a minimum subtotal is a non-negative amount in cents', [
      'input',
      'minSubtotal',
      'cents',
    ]);
  }
  if (draft.minTier && !(TIERS as readonly string[]).includes(draft.minTier)) {
    throw new DomainError('INVALID_TIER', `tiers are ${TIERS.join(', ')}`, ['input', 'minTier']);
  }
  for (const field of ['segmentId', 'customerId'] as const) {
    const id = draft[field];
    if (id != null && !isWellFormedId(id)) {
      throw new DomainError('INVALID_AUDIENCE', `${field} is an id of 1 to 36 characters`, ['input', field]);
    }
  }
  if (draft.segmentId && draft.customerId) {
    throw new DomainError('INVALID_AUDIENCE', 'a promotion is for a segment or for one customer, not both', [
      'input',
      'customerId',
    ]);
  }
  if (draft.startsAt && draft.endsAt && draft.endsAt <= draft.startsAt) {
    throw new DomainError('INVALID_DATES', 'a promotion ends after it starts', ['input', 'endsAt']);
  }
  return { code, currency };
}

export async function createPromotion(db: DataSource, draft: PromotionDraft): Promise<Promotion> {
  const { code, currency } = validate(draft);
  return inTransaction(db, async (manager) => {
    if (code && (await manager.existsBy(Promotion, { code }))) {
      throw new DomainError('CODE_TAKEN', `another promotion uses the code ${code}`, ['input', 'code']);
    }
    const promotion = manager.create(Promotion, {
      id: randomUUID(),
      name: draft.name.trim(),
      code,
      kind: draft.kind,
      value: draft.value,
      currency,
      channels: [...new Set(draft.channels ?? [])],
      minSubtotalCents: draft.minSubtotal?.cents ?? null,
      minTier: draft.minTier ?? null,
      segmentId: draft.segmentId?.trim() || null,
      customerId: draft.customerId?.trim() || null,
      startsAt: draft.startsAt ?? null,
      endsAt: draft.endsAt ?? null,
      active: true,
    });
    await manager.insert(Promotion, promotion);
    await promotionsChanged(manager);
    return promotion;
  });
}
