import { GraphQLScalarType } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';

/** A calendar date, "YYYY-MM-DD", kept as that string (no time zone shifts). */
export const DateScalar = new GraphQLScalarType({
  ...GraphQLLocalDate.toConfig(),
  name: 'Date',
  description: 'A calendar date in ISO 8601 form, YYYY-MM-DD.',
});

/** Today's date in UTC as YYYY-MM-DD. */
export function isoDate(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** The calendar day `days` after (or before, when negative) a "YYYY-MM-DD" day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDate(date);
}
