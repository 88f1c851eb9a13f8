import { DomainError } from '@omni/platform';

/** Control characters (NUL above all, which PostgreSQL refuses in text) have no place in an id, key or SKU. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * An id, key or SKU as given, trimmed: `code` (at `field`) when it is empty, longer than its
 * column, or holds control characters, so a client's mistake is a userError and never reaches SQL.
 */
export function cleanText(value: string, maxLength: number, code: string, field: string[]): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > maxLength || hasControlCharacters(trimmed)) {
    throw new DomainError(code, `expected 1 to ${maxLength} printable characters`, field);
  }
  return trimmed;
}
