import pg from 'pg';

/** Statement texts named so far, process-wide: a name stands for one text on every connection. */
const names = new Map<string, string>();
/** Texts seen once: named on their second use, so a one-off statement prepares nothing. */
const seen = new Set<string>();
/**
 * At most this many names: each is prepared (and its plan kept) on every pooled connection that
 * runs it, so texts that vary without end (IN lists of every length) stop being named here.
 */
export const MAX_PREPARED_STATEMENTS = 500;

function nameOf(text: string): string | undefined {
  const name = names.get(text);
  if (name !== undefined || names.size >= MAX_PREPARED_STATEMENTS) return name;
  if (!seen.has(text)) {
    if (seen.size < MAX_PREPARED_STATEMENTS * 4) seen.add(text);
    return undefined;
  }
  seen.delete(text);
  const named = `omni_${names.size + 1}`;
  names.set(text, named);
  return named;
}

/**
 * A PostgreSQL connection that runs a statement it has seen before as a named prepared statement:
 * the server parses, analyses and plans it once per connection instead of on every call (most of
 * a backend's CPU for the short statements a service sends). Only statements with parameters;
 * the rest go as they come.
 */
export class PreparingClient extends pg.Client {
  // pg's overloads of query() are not expressible in a subclass; the arguments go through as given.
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = nameOf(text);
      if (name) return (super.query as (...a: unknown[]) => never)({ name, text, values }, callback);
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
