import type { Channel } from '@omni/platform';

/** Why two customer records cannot be merged, or null when they can. */
export function mergeRefusal(
  survivor: { id: string; mergedIntoId: string | null } | null,
  duplicate: { id: string; mergedIntoId: string | null } | null,
): { code: string; message: string; field: string } | null {
  if (!survivor) return { code: 'UNKNOWN_CUSTOMER', message: 'no such survivor customer', field: 'survivorId' };
  if (!duplicate) return { code: 'UNKNOWN_CUSTOMER', message: 'no such duplicate customer', field: 'duplicateId' };
  if (survivor.mergedIntoId) {
    return { code: 'CUSTOMER_MERGED', message: `the survivor was merged into ${survivor.mergedIntoId}`, field: 'survivorId' };
  }
  if (duplicate.id === survivor.id)
    return { code: 'SAME_CUSTOMER', message: 'a customer cannot be merged into itself', field: 'duplicateId' };
  if (duplicate.mergedIntoId && duplicate.mergedIntoId !== survivor.id) {
    return { code: 'CUSTOMER_MERGED', message: `the duplicate was merged into ${duplicate.mergedIntoId}`, field: 'duplicateId' };
  }
  return null;
}

/** Channels in the order first touched: the survivor's, then the duplicate's it lacked. */
export function unionChannels(first: readonly Channel[], second: readonly Channel[]): Channel[] {
  return [...new Set([...first, ...second])];
}
