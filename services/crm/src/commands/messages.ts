import { randomUUID } from 'node:crypto';
import type { Channel } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { ContactChannel, deliveryTargets, MessageBasis } from '../domain/consent';
import { defaultPhoneCountry } from '../configuration';
import { IdentityKind } from '../domain/identity';
import { storedPhoneAsE164 } from '../domain/phone';
import { composeMessage, MESSAGE_PURPOSE, type MessageTrigger } from '../domain/messages';
import { Customer, CustomerIdentity, MarketingConsent } from '../entities/customer';
import { CustomerMessage, KnownOrder, MessageStatus } from '../entities/message';

export interface MessageRequest {
  trigger: MessageTrigger;
  orderId: string | null;
  salesChannel: Channel | null;
  /** The event that caused it: a message per event and channel, at most. */
  eventId: string;
}

/**
 * Queues the message on every channel its rule allows (`deliveryTargets`): a transactional one
 * (everything CRM sends today) to the shopper's email and app unless they opted out of its kind,
 * and by SMS with SMS consent; a marketing one only where the shopper consented. Each message
 * records the rule that let it through (`basis`). The dispatcher sends them once this
 * transaction commits.
 */
export async function queueMessages(
  manager: EntityManager,
  customer: Customer,
  request: MessageRequest,
): Promise<CustomerMessage[]> {
  // An erased customer has no contact details left, and is never written to again.
  if (customer.erasedAt) return [];
  const consents = await manager.findBy(MarketingConsent, { customerId: customer.id });
  const device = await manager.findOne(CustomerIdentity, {
    where: { customerId: customer.id, kind: IdentityKind.DEVICE },
    order: { createdAt: 'DESC', id: 'DESC' },
  });
  const phone = customer.phone && storedPhoneAsE164(customer.phone, defaultPhoneCountry());
  const targets = deliveryTargets(
    MESSAGE_PURPOSE[request.trigger.kind],
    consents,
    { email: customer.email, phone, deviceToken: device?.value ?? null },
    (customer.messageOptOuts ?? []).includes(request.trigger.kind),
  );
  const messages = targets.map((target) =>
    newMessage(manager, request, {
      customerId: customer.id,
      channel: target.channel,
      recipient: target.recipient,
      basis: target.basis,
      greeting: customer.firstName,
    }),
  );
  if (messages.length > 0) await insertMessages(manager, messages);
  return messages;
}

/**
 * Queues one transactional e-mail to `recipient` (who may not be a customer): no marketing
 * consent is asked, the purchaser asked for it. Kept on the purchaser's record when there is one.
 */
export async function queueTransactionalEmail(
  manager: EntityManager,
  request: MessageRequest & { recipient: string; customer: Customer | null; greeting: string },
): Promise<CustomerMessage> {
  const message = newMessage(manager, request, {
    customerId: request.customer?.id ?? null,
    channel: ContactChannel.EMAIL,
    recipient: request.recipient,
    basis: MessageBasis.TRANSACTIONAL,
    greeting: request.greeting,
  });
  await insertMessages(manager, [message]);
  return message;
}

/** One statement: the rows hold every value already, so nothing is read back (SQLite would). */
async function insertMessages(manager: EntityManager, messages: CustomerMessage[]): Promise<void> {
  await manager.createQueryBuilder().insert().into(CustomerMessage).values(messages).updateEntity(false).execute();
}

/** A message ready for the dispatcher: composed for its channel, PENDING now. */
function newMessage(
  manager: EntityManager,
  request: MessageRequest,
  to: { customerId: string | null; channel: ContactChannel; recipient: string; basis: MessageBasis; greeting: string },
): CustomerMessage {
  const now = new Date();
  return manager.create(CustomerMessage, {
    id: randomUUID(),
    customerId: to.customerId,
    kind: request.trigger.kind,
    channel: to.channel,
    recipient: to.recipient,
    basis: to.basis,
    ...composeMessage(request.trigger, to.greeting, to.channel),
    orderId: request.orderId,
    salesChannel: request.salesChannel,
    sourceEventId: request.eventId,
    status: MessageStatus.PENDING,
    attempts: 0,
    lastError: null,
    nextAttemptAt: now,
    createdAt: now,
    sentAt: null,
    providerMessageId: null,
  });
}

/** The order number CRM learned from `orders.order.placed`, or null when it never saw the order. */
export async function orderNumber(manager: EntityManager, orderId: string): Promise<string | null> {
  return (await manager.findOneBy(KnownOrder, { orderId }))?.number ?? null;
}
