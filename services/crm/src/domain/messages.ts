import { appointmentContent, type AppointmentFacts } from './appointment-messages';
import { ContactChannel, MessagePurpose } from './consent';

/** What the retailer tells the customer, and when. */
export enum MessageKind {
  ORDER_CONFIRMATION = 'ORDER_CONFIRMATION',
  /** The order was changed (lines, quantities, SKUs), in any channel. */
  ORDER_MODIFIED = 'ORDER_MODIFIED',
  /** The order, or what had not left yet, was cancelled. */
  ORDER_CANCELLED = 'ORDER_CANCELLED',
  READY_FOR_PICKUP = 'READY_FOR_PICKUP',
  SHIPPED = 'SHIPPED',
  RETURN_LABEL = 'RETURN_LABEL',
  RETURN_INSTRUCTIONS = 'RETURN_INSTRUCTIONS',
  REFUND_ISSUED = 'REFUND_ISSUED',
  STORE_CREDIT_ISSUED = 'STORE_CREDIT_ISSUED',
  RETURN_RECEIVED = 'RETURN_RECEIVED',
  /** A gift card bought for someone (or oneself): its code, sent once. Transactional. */
  GIFT_CARD = 'GIFT_CARD',
  /** A store appointment was booked or moved (inventory's `inventory.appointment.changed`). */
  APPOINTMENT_CONFIRMATION = 'APPOINTMENT_CONFIRMATION',
  /** A store appointment was cancelled. */
  APPOINTMENT_CANCELLED = 'APPOINTMENT_CANCELLED',
  /** A store appointment is soon (inventory's `inventory.appointment.reminder_due`). */
  APPOINTMENT_REMINDER = 'APPOINTMENT_REMINDER',
  /** Lifecycle (marketing, consent only): after registration. */
  WELCOME = 'WELCOME',
  /** Lifecycle (marketing, consent only): on the birthday, maybe with a personal offer. */
  BIRTHDAY = 'BIRTHDAY',
  /** Lifecycle (marketing, consent only): after a period of inactivity. */
  WIN_BACK = 'WIN_BACK',
  /** A support case was opened from the shopper's message: its reference, to reply to. Transactional. */
  CASE_OPENED = 'CASE_OPENED',
  /** An agent's answer on a support case, with its reference. Transactional. */
  CASE_REPLY = 'CASE_REPLY',
  /** An auto-filled shopping list item will be ordered soon (orders' `orders.shopping_list.fill_due`). */
  AUTO_FILL_DUE = 'AUTO_FILL_DUE',
}

/**
 * Every kind CRM sends today is transactional: about an order or return the shopper made, so it
 * needs no marketing consent (see `deliveryTargets`). A promotional kind added later is MARKETING.
 */
export const MESSAGE_PURPOSE: Record<MessageKind, MessagePurpose> = {
  [MessageKind.ORDER_CONFIRMATION]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.ORDER_MODIFIED]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.ORDER_CANCELLED]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.READY_FOR_PICKUP]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.SHIPPED]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.RETURN_LABEL]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.RETURN_INSTRUCTIONS]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.REFUND_ISSUED]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.STORE_CREDIT_ISSUED]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.RETURN_RECEIVED]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.GIFT_CARD]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.APPOINTMENT_CONFIRMATION]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.APPOINTMENT_CANCELLED]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.APPOINTMENT_REMINDER]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.WELCOME]: MessagePurpose.MARKETING,
  [MessageKind.BIRTHDAY]: MessagePurpose.MARKETING,
  [MessageKind.WIN_BACK]: MessagePurpose.MARKETING,
  [MessageKind.CASE_OPENED]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.CASE_REPLY]: MessagePurpose.TRANSACTIONAL,
  [MessageKind.AUTO_FILL_DUE]: MessagePurpose.TRANSACTIONAL,
};

/**
 * Kinds a shopper may opt out of. Not the gift card: it carries a code sent once, to whoever the
 * buyer named.
 */
export function canOptOut(kind: MessageKind): boolean {
  return kind !== MessageKind.GIFT_CARD && kind !== MessageKind.CASE_OPENED && kind !== MessageKind.CASE_REPLY;
}

export interface ReturnLabel {
  carrier: string;
  trackingNumber: string;
  url: string;
}

/** The fact a message is about, taken from an event. */
export type MessageTrigger =
  | { kind: MessageKind.ORDER_CONFIRMATION; orderNumber: string; totalCents: number; currency: string; itemCount: number }
  | {
      kind: MessageKind.ORDER_MODIFIED;
      orderNumber: string;
      totalCents: number;
      currency: string;
      /** Each changed line: what it was and what it is (quantity 0: removed). */
      changes: { fromSku: string; sku: string; fromQuantity: number; quantity: number }[];
    }
  | {
      kind: MessageKind.ORDER_CANCELLED;
      orderNumber: string | null;
      itemCount: number;
      reason: string | null;
      /** What the order costs after the cancellation, when orders said (0: nothing is left). */
      totalCents: number | null;
      currency: string | null;
    }
  | { kind: MessageKind.READY_FOR_PICKUP; orderNumber: string | null; storeName: string | null }
  | { kind: MessageKind.SHIPPED; orderNumber: string | null; carrier: string | null; trackingNumber: string | null }
  | { kind: MessageKind.RETURN_LABEL; rmaNumber: string; label: ReturnLabel }
  | { kind: MessageKind.RETURN_INSTRUCTIONS; rmaNumber: string }
  | {
      kind: MessageKind.REFUND_ISSUED | MessageKind.STORE_CREDIT_ISSUED;
      amountCents: number;
      currency: string;
      orderNumber: string | null;
    }
  | { kind: MessageKind.RETURN_RECEIVED; orderNumber: string | null; exchange: boolean }
  | { kind: MessageKind.GIFT_CARD; code: string; amountCents: number; currency: string; orderNumber: string }
  | ({
      kind: MessageKind.APPOINTMENT_CONFIRMATION | MessageKind.APPOINTMENT_CANCELLED | MessageKind.APPOINTMENT_REMINDER;
      /** A confirmation of a move rather than of a new booking. */
      moved: boolean;
    } & AppointmentFacts)
  /** A lifecycle message: its subject and text rendered from the ADMIN's template (`LifecycleTemplate`). */
  | { kind: MessageKind.WELCOME | MessageKind.BIRTHDAY | MessageKind.WIN_BACK; subject: string; text: string }
  /** `reference` is the case's `[ref:<token>]` marker: a reply that keeps it lands on the case. */
  | { kind: MessageKind.CASE_OPENED; caseSubject: string; reference: string }
  | { kind: MessageKind.CASE_REPLY; caseSubject: string; reference: string; answer: string }
  /** The standing order the shopper set up on her list: what, how many, when. */
  | { kind: MessageKind.AUTO_FILL_DUE; sku: string; quantity: number; fillOn: string };

export interface MessageContent {
  subject: string;
  body: string;
}

/** "USD 49.50" style amounts: integer minor units, never floats in the arithmetic. */
export function formatMoney(cents: number, currency: string): string {
  const digits = currency === 'JPY' || currency === 'KRW' ? 0 : 2;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  if (digits === 0) return `${sign}${currency} ${abs}`;
  return `${sign}${currency} ${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function order(number: string | null): string {
  return number ? `order ${number}` : 'your order';
}

function describeChange(change: { fromSku: string; sku: string; fromQuantity: number; quantity: number }): string {
  if (change.quantity === 0) return `${change.fromSku} removed`;
  if (change.sku !== change.fromSku) return `${change.fromSku} replaced by ${change.quantity} x ${change.sku}`;
  return `${change.sku} now ${change.quantity} (was ${change.fromQuantity})`;
}

/** At most `max` characters (a subject line has 200, the reference included). */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What to say for a trigger, before it is shaped for a channel. */
function content(trigger: MessageTrigger): { subject: string; text: string } {
  switch (trigger.kind) {
    case MessageKind.APPOINTMENT_CONFIRMATION:
      return appointmentContent('CONFIRMATION', trigger);
    case MessageKind.APPOINTMENT_CANCELLED:
      return appointmentContent('CANCELLED', trigger);
    case MessageKind.APPOINTMENT_REMINDER:
      return appointmentContent('REMINDER', trigger);
    case MessageKind.ORDER_CONFIRMATION:
      return {
        subject: `Order ${trigger.orderNumber} confirmed`,
        text: `Thanks for your order ${trigger.orderNumber}: ${trigger.itemCount} item${trigger.itemCount === 1 ? '' : 's'}, ${formatMoney(trigger.totalCents, trigger.currency)}.`,
      };
    case MessageKind.ORDER_MODIFIED:
      return {
        subject: `Order ${trigger.orderNumber} changed`,
        text: `Your order ${trigger.orderNumber} was changed: ${trigger.changes.map(describeChange).join('; ')}. It now totals ${formatMoney(trigger.totalCents, trigger.currency)}.`,
      };
    case MessageKind.ORDER_CANCELLED: {
      const what = `${trigger.itemCount} item${trigger.itemCount === 1 ? '' : 's'}`;
      const rest =
        trigger.totalCents != null && trigger.currency && trigger.totalCents > 0
          ? ` The rest of your order goes ahead; it now totals ${formatMoney(trigger.totalCents, trigger.currency)}.`
          : '';
      return {
        subject: `${trigger.orderNumber ? `Order ${trigger.orderNumber}` : 'Your order'} cancelled`,
        text: `We cancelled ${what} of ${order(trigger.orderNumber)}${trigger.reason ? ` (${trigger.reason})` : ''}: ${trigger.itemCount === 1 ? 'it' : 'they'} will not be sent.${rest}`,
      };
    }
    case MessageKind.READY_FOR_PICKUP: {
      const where = trigger.storeName ? ` at ${trigger.storeName}` : '';
      return {
        subject: `${trigger.orderNumber ? `Order ${trigger.orderNumber}` : 'Your order'} is ready for pickup${where}`,
        text: `Good news: ${order(trigger.orderNumber)} is ready for pickup${where}. Bring this message or your order number to the store.`,
      };
    }
    case MessageKind.SHIPPED: {
      const tracking = trigger.trackingNumber
        ? ` Tracking: ${trigger.carrier ? `${trigger.carrier} ` : ''}${trigger.trackingNumber}.`
        : '';
      return {
        subject: `${trigger.orderNumber ? `Order ${trigger.orderNumber}` : 'Your order'} has shipped`,
        text: `${trigger.orderNumber ? `Order ${trigger.orderNumber}` : 'Your order'} is on its way.${tracking}`,
      };
    }
    case MessageKind.RETURN_LABEL:
      return {
        subject: `Your return label for ${trigger.rmaNumber}`,
        text: `Your return ${trigger.rmaNumber} is open. Print your ${trigger.label.carrier} label: ${trigger.label.url} (tracking ${trigger.label.trackingNumber}).`,
      };
    case MessageKind.RETURN_INSTRUCTIONS:
      return {
        subject: `Your return ${trigger.rmaNumber}`,
        text: `Your return ${trigger.rmaNumber} is open. Bring the items and this number to any of our stores.`,
      };
    case MessageKind.REFUND_ISSUED:
      return {
        subject: 'Your refund has been issued',
        text: `We received your return for ${order(trigger.orderNumber)} and refunded ${formatMoney(trigger.amountCents, trigger.currency)} to your original payment method.`,
      };
    case MessageKind.STORE_CREDIT_ISSUED:
      return {
        subject: 'Your store credit is ready',
        text: `We received your return for ${order(trigger.orderNumber)} and added ${formatMoney(trigger.amountCents, trigger.currency)} of store credit to your account.`,
      };
    case MessageKind.RETURN_RECEIVED:
      return {
        subject: 'We received your return',
        text: `We received your return for ${order(trigger.orderNumber)}.${trigger.exchange ? ' Your exchange is on its way.' : ''}`,
      };
    case MessageKind.CASE_OPENED:
      return {
        subject: `We have your question: ${clip(trigger.caseSubject, 100)} ${trigger.reference}`,
        text: `Thanks for getting in touch about "${trigger.caseSubject}". An agent will answer soon. To add anything, reply to this message and keep ${trigger.reference} in the subject: it lands on the same request, whatever channel you use.`,
      };
    case MessageKind.CASE_REPLY:
      return {
        subject: `Re: ${clip(trigger.caseSubject, 120)} ${trigger.reference}`,
        text: `${trigger.answer}\n\nReply to this message to answer; keep ${trigger.reference} in the subject.`,
      };
    case MessageKind.GIFT_CARD:
      return {
        subject: `Your gift card of ${formatMoney(trigger.amountCents, trigger.currency)}`,
        text: `Here is your gift card of ${formatMoney(trigger.amountCents, trigger.currency)} (order ${trigger.orderNumber}). Its code is ${trigger.code}: spend it online, in the app or in any of our stores. Keep this message: the code is not shown again.`,
      };
    case MessageKind.WELCOME:
    case MessageKind.BIRTHDAY:
    case MessageKind.WIN_BACK:
      return { subject: trigger.subject, text: trigger.text };
    case MessageKind.AUTO_FILL_DUE:
      return {
        subject: `Your shopping list reorders ${trigger.sku} on ${trigger.fillOn}`,
        text: `Your shopping list will order ${trigger.quantity} × ${trigger.sku} on ${trigger.fillOn}, paid from your wallet, then your default payment method. To skip it or change it, open your list in the app before then.`,
      };
  }
}

export const SMS_MAX_LENGTH = 320;

/**
 * The message for one channel: an email gets a greeting and a subject, an SMS and a push stay
 * short (an SMS at most two segments).
 */
export function composeMessage(trigger: MessageTrigger, firstName: string, channel: ContactChannel): MessageContent {
  const { subject, text } = content(trigger);
  switch (channel) {
    case ContactChannel.EMAIL:
      return { subject, body: `Hi ${firstName},\n\n${text}\n\nThank you for shopping with us.` };
    case ContactChannel.SMS: {
      const body = text.length > SMS_MAX_LENGTH ? `${text.slice(0, SMS_MAX_LENGTH - 1)}…` : text;
      return { subject, body };
    }
    case ContactChannel.PUSH:
      return { subject, body: text };
  }
}
