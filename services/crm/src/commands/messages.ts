import { randomUUID } from 'node:crypto';
import { dialectOf, entityColumns, hydrateRows, perDataSource, runStatement, tableOf, type Channel } from '@omni/platform';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { ContactChannel, deliveryTargets, MessageBasis } from '../domain/consent';
import { defaultPhoneCountry } from '../configuration';
import { IdentityKind } from '../domain/identity';
import { storedPhoneAsE164 } from '../domain/phone';
import { composeMessage, MESSAGE_PURPOSE, type MessageTrigger } from '../domain/messages';
import { Customer, CustomerIdentity, MarketingConsent } from '../entities/customer';
import { CustomerMessage, KnownOrder, MessageStatus } from '../entities/message';
import { lockCustomer } from './customers';

export interface MessageRequest {
  trigger: MessageTrigger;
  orderId: string | null;
  salesChannel: Channel | null;
  /** The event that caused it: a message per event and channel, at most. */
  eventId: string;
}

/** Where a customer may be reached besides their row: their consents and their newest device. */
export interface ContactPoints {
  consents: MarketingConsent[];
  deviceToken: string | null;
}

/**
 * `lockCustomerToMessage`'s statement, per data source: the live customer :id (locked on
 * PostgreSQL: their row only) with their consents and devices (:device identities): one row per
 * consent and device pair (at least one).
 */
const contactStatement = perDataSource(
  (db) =>
    `SELECT ${entityColumns(db, Customer, 'c', 'c_')}, ${entityColumns(db, MarketingConsent, 'mc', 'mc_')}, ` +
    `${entityColumns(db, CustomerIdentity, 'd', 'd_')} FROM ${tableOf(db, Customer)} c ` +
    `LEFT JOIN ${tableOf(db, MarketingConsent)} mc ON mc."customerId" = c."id" ` +
    `LEFT JOIN ${tableOf(db, CustomerIdentity)} d ON d."customerId" = c."id" AND d."kind" = :device ` +
    `WHERE c."id" = :id AND c."mergedIntoId" IS NULL${dialectOf(db) === 'postgres' ? ' FOR UPDATE OF c' : ''}`,
);

/** The distinct entities the rows hold under `prefix` (a left join's missing row aside), in the order first seen. */
function joined<E extends { id: string }>(
  db: DataSource,
  entity: EntityTarget<E>,
  rows: Record<string, unknown>[],
  prefix: string,
): E[] {
  const seen = new Set<unknown>();
  const distinct = rows.filter((row) => {
    const id = row[`${prefix}id`];
    if (id == null || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return hydrateRows(db, entity, distinct, prefix);
}

/**
 * `lockCustomer` with the customer's contact points, for a consumer that writes to them: one
 * statement when the id is live (only the customer row is locked). A merged-away id gives its
 * survivor, whose contact points `queueMessages` reads itself (`contact` null).
 */
export async function lockCustomerToMessage(
  manager: EntityManager,
  id: string,
): Promise<{ customer: Customer; contact: ContactPoints | null } | null> {
  const db = manager.connection;
  const { rows } = await runStatement(manager, contactStatement(db), { id, device: IdentityKind.DEVICE });
  if (rows.length === 0) {
    const customer = await lockCustomer(manager, id);
    return customer && { customer, contact: null };
  }
  const [customer] = hydrateRows(db, Customer, [rows[0]!], 'c_') as [Customer];
  const consents = joined(db, MarketingConsent, rows, 'mc_');
  const devices = joined(db, CustomerIdentity, rows, 'd_');
  return { customer, contact: { consents, deviceToken: newest(devices)?.value ?? null } };
}

function newest(identities: CustomerIdentity[]): CustomerIdentity | undefined {
  return identities.reduce<CustomerIdentity | undefined>((latest, identity) => {
    if (!latest) return identity;
    const diff = identity.createdAt.getTime() - latest.createdAt.getTime();
    return diff > 0 || (diff === 0 && identity.id > latest.id) ? identity : latest;
  }, undefined);
}

async function readContactPoints(manager: EntityManager, customerId: string): Promise<ContactPoints> {
  const consents = await manager.findBy(MarketingConsent, { customerId });
  const device = await manager.findOne(CustomerIdentity, {
    where: { customerId, kind: IdentityKind.DEVICE },
    order: { createdAt: 'DESC', id: 'DESC' },
  });
  return { consents, deviceToken: device?.value ?? null };
}

/**
 * Queues the message on every channel its rule allows (`deliveryTargets`): a transactional one
 * (everything CRM sends today) to the shopper's email and app unless they opted out of its kind,
 * and by SMS with SMS consent; a marketing one only where the shopper consented. Each message
 * records the rule that let it through (`basis`). The dispatcher sends them once this
 * transaction commits. `contact`: the customer's contact points when the caller read them.
 */
export async function queueMessages(
  manager: EntityManager,
  customer: Customer,
  request: MessageRequest,
  contact?: ContactPoints | null,
): Promise<CustomerMessage[]> {
  // An erased customer has no contact details left, and is never written to again.
  if (customer.erasedAt) return [];
  const { consents, deviceToken } = contact ?? (await readContactPoints(manager, customer.id));
  const phone = customer.phone && storedPhoneAsE164(customer.phone, defaultPhoneCountry());
  const targets = deliveryTargets(
    MESSAGE_PURPOSE[request.trigger.kind],
    consents,
    { email: customer.email, phone, deviceToken },
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
