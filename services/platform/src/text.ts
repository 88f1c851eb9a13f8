/**
 * True when `value` holds a control character (U+0000 to U+001F, or DEL): no name, id or code
 * needs one. Text a person writes (an answer, a message) may keep its tabs and line breaks.
 */
export function hasControlCharacters(value: string, allow: 'none' | 'line-breaks' = 'none'): boolean {
  // eslint-disable-next-line no-control-regex
  return (allow === 'line-breaks' ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(value);
}

/** An id a caller typed or sent, before it reaches a lookup: 1 to `max` characters, no control characters. */
export function isWellFormedId(value: string, max = 36): boolean {
  return value.trim().length > 0 && value.length <= max && !hasControlCharacters(value);
}
