/**
 * Lifecycle messages (welcome, birthday, win-back): when each is due, and what it says. Pure:
 * the clock and the customer's data come from the caller.
 */

export enum LifecycleKind {
  /** After registration, once. */
  WELCOME = 'WELCOME',
  /** On the birthday in the shopper's time zone, once a year. */
  BIRTHDAY = 'BIRTHDAY',
  /** After a period without any order, visit or app check-in, once per such period. */
  WIN_BACK = 'WIN_BACK',
}

export interface Birthday {
  month: number;
  day: number;
  year: number | null;
}

/** The time zone used when a customer has none: the retailer's. */
export const DEFAULT_TIME_ZONE = 'UTC';
const DAY_MS = 86_400_000;

/** Whether `zone` is an IANA time zone this runtime knows (`Europe/Berlin`, `America/New_York`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1..12); February has 29 when `year` is null (a birthday given without year). */
export function daysInMonth(month: number, year: number | null): number {
  if (month === 2) return year == null || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A birthday as entered, or a message saying what is wrong: month 1-12, a day that month has,
 * a year (optional) from 1900 to the current one and not in the future.
 */
export function birthdayProblem(birthday: Birthday, today: Date): string | null {
  const { month, day, year } = birthday;
  if (!Number.isInteger(month) || month < 1 || month > 12) return 'month is 1 to 12';
  if (year != null && (!Number.isInteger(year) || year < 1900 || year > today.getUTCFullYear()))
    return `year is from 1900 to ${today.getUTCFullYear()}`;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(month, year)) return 'that month has no such day';
  if (year != null && Date.UTC(year, month - 1, day) > today.getTime()) return 'a birthday is not in the future';
  return null;
}

/** The calendar date at `now` in `timeZone`: { year, month (1-12), day }. */
export function localDate(now: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    now,
  );
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/**
 * Whether it is the customer's birthday at `now` in their time zone. A 29 February birthday is
 * celebrated on 28 February in a year without one.
 */
export function isBirthdayToday(birthday: Pick<Birthday, 'month' | 'day'>, timeZone: string, now: Date): boolean {
  const today = localDate(now, timeZone);
  if (birthday.month === 2 && birthday.day === 29 && !isLeapYear(today.year)) return today.month === 2 && today.day === 28;
  return today.month === birthday.month && today.day === birthday.day;
}

/**
 * The (month, day) pairs that may be someone's birthday somewhere at `now` (time zones run from
 * UTC-12 to UTC+14, so the UTC date and the days either side), 29 February included when 28
 * February is one of them in a year without a 29th. A query narrows to these; `isBirthdayToday`
 * decides.
 */
export function possibleBirthdays(now: Date): { month: number; day: number }[] {
  const dates = [-1, 0, 1].map((offset) => new Date(now.getTime() + offset * DAY_MS));
  const pairs = dates.map((d) => ({ month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
  if (dates.some((d) => d.getUTCMonth() === 1 && d.getUTCDate() === 28 && !isLeapYear(d.getUTCFullYear())))
    pairs.push({ month: 2, day: 29 });
  return pairs;
}

/** Whether the last activity is at least `days` days before `now`. */
export function isInactive(lastActivityAt: Date, days: number, now: Date): boolean {
  return now.getTime() - lastActivityAt.getTime() >= days * DAY_MS;
}

/**
 * What makes an occasion unique: one welcome ever, one birthday greeting per year (in the
 * shopper's time zone), one win-back per period of inactivity (named by when it began).
 */
export function occasionKey(kind: LifecycleKind, context: { localYear?: number; lastActivityAt?: Date }): string {
  switch (kind) {
    case LifecycleKind.WELCOME:
      return 'WELCOME';
    case LifecycleKind.BIRTHDAY:
      return `BIRTHDAY:${context.localYear}`;
    case LifecycleKind.WIN_BACK:
      return `WIN_BACK:${context.lastActivityAt?.toISOString()}`;
  }
}

/** The placeholders a template may use. */
export const PLACEHOLDERS = ['firstName', 'offer', 'offerEndsOn'] as const;
export type TemplateValues = Record<(typeof PLACEHOLDERS)[number], string>;

/** Placeholders a text uses that do not exist (`{firstname}` misspelt), to refuse the template. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

/** The text with `{firstName}`, `{offer}` and `{offerEndsOn}` replaced; anything else is left as written. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as keyof TemplateValues] : whole,
  );
}

/** "15% off" or "USD 10.00 off", as a message says it. */
export function describeOffer(offer: { kind: 'PERCENT_OFF' | 'AMOUNT_OFF'; value: number; currency: string | null }): string {
  if (offer.kind === 'PERCENT_OFF') return `${offer.value}% off`;
  const cents = offer.value;
  return `${offer.currency} ${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')} off`;
}
