import type { Channel } from '@omni/platform';

/** The ways CRM can reach a customer directly; each needs the customer's consent. */
export enum ContactChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  PUSH = 'PUSH',
}

/** A customer's standing decision for one contact channel, with when and where it was made. */
export interface ConsentState {
  channel: ContactChannel;
  granted: boolean;
  givenAt: Date | null;
  withdrawnAt: Date | null;
  source: Channel | null;
}

/** The moment of the latest decision (grant or withdrawal) on a consent. */
export function decidedAt(consent: ConsentState): number {
  return Math.max(consent.givenAt?.getTime() ?? 0, consent.withdrawnAt?.getTime() ?? 0);
}

/** Granting or withdrawing: a grant records when and where; a withdrawal keeps the earlier grant's time. */
export function decideConsent(
  current: ConsentState | null,
  channel: ContactChannel,
  granted: boolean,
  source: Channel,
  at: Date,
): ConsentState {
  if (granted) return { channel, granted: true, givenAt: at, withdrawnAt: null, source };
  return { channel, granted: false, givenAt: current?.givenAt ?? null, withdrawnAt: at, source };
}

/**
 * The consents a merged customer keeps: per channel, the latest decision of either record, so a
 * withdrawal made on the duplicate is never lost to an older grant on the survivor.
 */
export function mergeConsents(survivor: ConsentState[], duplicate: ConsentState[]): ConsentState[] {
  const merged = new Map<ContactChannel, ConsentState>();
  for (const consent of [...survivor, ...duplicate]) {
    const kept = merged.get(consent.channel);
    if (!kept || decidedAt(consent) > decidedAt(kept)) merged.set(consent.channel, consent);
  }
  return [...merged.values()];
}

/** Where a customer can be reached, per channel. */
export interface Contacts {
  email: string | null;
  phone: string | null;
  /** The most recently linked DEVICE identifier (a push token). */
  deviceToken: string | null;
}

/** Why a message may go to the shopper at all. */
export enum MessagePurpose {
  /** About something the shopper did (an order, a shipment, a return): not marketing. */
  TRANSACTIONAL = 'TRANSACTIONAL',
  /** Promotion: only with marketing consent. */
  MARKETING = 'MARKETING',
}

/** The rule that let a message through, recorded on it. */
export enum MessageBasis {
  /** A transactional message to a contact address the shopper gave, of a kind they did not opt out of. */
  TRANSACTIONAL = 'TRANSACTIONAL',
  /** The shopper's marketing consent on the message's channel. */
  MARKETING_CONSENT = 'MARKETING_CONSENT',
}

export interface DeliveryTarget {
  channel: ContactChannel;
  recipient: string;
  basis: MessageBasis;
}

/**
 * Where a message goes, and by which rule.
 *
 * - MARKETING: every channel the customer consented to and can be reached on. No consent, no
 *   message, whatever contact details exist.
 * - TRANSACTIONAL: nothing when the shopper opted out of this kind; otherwise email and push to
 *   whatever address is on file (a device token exists only once the shopper let the app notify
 *   them), and SMS only with the shopper's SMS consent: a number given to be found at the till is
 *   not an agreement to receive texts (automated texts need express consent, e.g. TCPA).
 */
export function deliveryTargets(
  purpose: MessagePurpose,
  consents: readonly Pick<ConsentState, 'channel' | 'granted'>[],
  contacts: Contacts,
  optedOut = false,
): DeliveryTarget[] {
  const granted = new Set(consents.filter((c) => c.granted).map((c) => c.channel));
  const address: Record<ContactChannel, string | null> = {
    [ContactChannel.EMAIL]: contacts.email,
    [ContactChannel.SMS]: contacts.phone,
    [ContactChannel.PUSH]: contacts.deviceToken,
  };
  if (purpose === MessagePurpose.TRANSACTIONAL && optedOut) return [];
  return Object.values(ContactChannel).flatMap((channel): DeliveryTarget[] => {
    const recipient = address[channel];
    if (!recipient) return [];
    if (purpose === MessagePurpose.MARKETING)
      return granted.has(channel) ? [{ channel, recipient, basis: MessageBasis.MARKETING_CONSENT }] : [];
    if (channel === ContactChannel.SMS && !granted.has(channel)) return [];
    return [{ channel, recipient, basis: MessageBasis.TRANSACTIONAL }];
  });
}
