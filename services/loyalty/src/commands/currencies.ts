import { DomainError, formatRate, inTransaction, isCurrencyCode, parseRate, type ServiceContext } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { DEFAULT_POINT_VALUE, earnRateOf } from '../domain/currencies';
import { CurrencyConversionRate, LoyaltyCurrency } from '../entities/currencies';

function currencyOf(code: string, field: string[]): string {
  const currency = code.trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw new DomainError('INVALID_CURRENCY', `"${code}" is not an ISO 4217 code`, field);
  return currency;
}

function rateOf(text: string, field: string[]): bigint {
  const rate = parseRate(text);
  if (rate === null) {
    throw new DomainError('INVALID_RATE', 'a rate is a decimal above 0 and at most 1000000, with at most 9 decimals', field);
  }
  return rate;
}

/** Sets how points are earned and redeemed in a currency (ADMIN). */
export async function setLoyaltyCurrency(
  ctx: ServiceContext,
  input: { currency: string; earnRate: string; pointValue: string },
): Promise<LoyaltyCurrency> {
  const currency = currencyOf(input.currency, ['input', 'currency']);
  const row = Object.assign(new LoyaltyCurrency(), {
    currency,
    earnRate: formatRate(rateOf(input.earnRate, ['input', 'earnRate'])),
    pointValue: formatRate(rateOf(input.pointValue, ['input', 'pointValue'])),
    updatedAt: new Date(),
  });
  await inTransaction(ctx.db, (manager) => manager.save(LoyaltyCurrency, row));
  return row;
}

/** Sets (or with `rate` null removes) the conversion of gift cards and store credit from one currency to another (ADMIN). */
export async function setConversionRate(
  ctx: ServiceContext,
  input: { from: string; to: string; rate?: string | null },
): Promise<CurrencyConversionRate | null> {
  const fromCurrency = currencyOf(input.from, ['input', 'from']);
  const toCurrency = currencyOf(input.to, ['input', 'to']);
  if (fromCurrency === toCurrency)
    throw new DomainError('INVALID_CURRENCY', 'a conversion is between two currencies', ['input', 'to']);
  return inTransaction(ctx.db, async (manager) => {
    if (!input.rate) {
      await manager.delete(CurrencyConversionRate, { fromCurrency, toCurrency });
      return null;
    }
    const row = Object.assign(new CurrencyConversionRate(), {
      fromCurrency,
      toCurrency,
      rate: formatRate(rateOf(input.rate, ['input', 'rate'])),
      updatedAt: new Date(),
    });
    await manager.save(CurrencyConversionRate, row);
    return row;
  });
}

/** A currency's earn rate and point value, in billionths (the defaults without settings). */
export async function currencySettings(
  manager: EntityManager,
  currency: string,
): Promise<{ earnRate: bigint; pointValue: bigint; pointValueText: string }> {
  const row = await manager.findOneBy(LoyaltyCurrency, { currency });
  return {
    earnRate: earnRateOf(row?.earnRate),
    pointValue: row ? parseRate(row.pointValue)! : DEFAULT_POINT_VALUE,
    pointValueText: row?.pointValue ?? '1',
  };
}

/** The configured rate from `from` to `to`, or null: no conversion. */
export async function conversionRate(
  manager: EntityManager,
  from: string,
  to: string,
): Promise<{ rate: bigint; text: string } | null> {
  const row = await manager.findOneBy(CurrencyConversionRate, { fromCurrency: from, toCurrency: to });
  return row ? { rate: parseRate(row.rate)!, text: row.rate } : null;
}
