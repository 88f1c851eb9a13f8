/**
 * The stored form of a gift-card code a person typed: upper case, no spaces or dashes. Loyalty
 * keeps cards under it; orders compares the codes of one checkout with it.
 */
export function normalizeGiftCardCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}
