import { CartStatus } from '../entities/cart';

/** Hours a cart may sit untouched before it counts as abandoned (the retailer's setting). */
export const DEFAULT_ABANDON_AFTER_HOURS = 24;

export function abandonCutoff(now: Date, abandonAfterHours: number): Date {
  return new Date(now.getTime() - abandonAfterHours * 3_600_000);
}

export function cartStatus(stored: CartStatus, updatedAt: Date, now: Date, abandonAfterHours: number): CartStatus {
  if (stored !== CartStatus.OPEN) return stored;
  return updatedAt < abandonCutoff(now, abandonAfterHours) ? CartStatus.ABANDONED : CartStatus.OPEN;
}
