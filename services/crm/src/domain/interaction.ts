/** The kinds of touchpoint on a customer's timeline. */
export enum InteractionKind {
  CHAT = 'CHAT',
  EMAIL = 'EMAIL',
  PHONE_CALL = 'PHONE_CALL',
  SOCIAL_POST = 'SOCIAL_POST',
  STORE_VISIT = 'STORE_VISIT',
  CHATBOT = 'CHATBOT',
  REVIEW = 'REVIEW',
  /** An SMS the retailer sent. */
  SMS = 'SMS',
  /** A push notification the retailer sent. */
  PUSH_NOTIFICATION = 'PUSH_NOTIFICATION',
  /** Recorded by CRM from `orders.order.placed`. */
  ORDER_PLACED = 'ORDER_PLACED',
  /** Recorded by CRM from `orders.return.received`. */
  RETURN_RECEIVED = 'RETURN_RECEIVED',
  /** Recorded by CRM from `orders.order.cancelled`, with the order's new total. */
  ORDER_CANCELLED = 'ORDER_CANCELLED',
  /** Recorded by CRM from `orders.order.modified`, with the order's new total. */
  ORDER_MODIFIED = 'ORDER_MODIFIED',
  /** Recorded by CRM from `inventory.appointment.changed`: booked, moved, cancelled or checked in. */
  APPOINTMENT = 'APPOINTMENT',
}

export const MAX_SUMMARY_LENGTH = 2000;

/** Trimmed text of at most `max` characters, or null when empty or too long. */
export function boundedText(raw: string | null | undefined, max: number): string | null {
  const text = (raw ?? '').trim();
  return text.length > 0 && text.length <= max ? text : null;
}
