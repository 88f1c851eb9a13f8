import { randomUUID } from 'node:crypto';
import { dialectOf, DomainError, hasControlCharacters, inTransaction, isUniqueViolation, type Channel } from '@omni/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { defaultPhoneCountry } from '../configuration';
import { IdentityKind } from '../domain/identity';
import {
  cleanInboundText,
  findReplyToken,
  inboundInteractionKind,
  normalizeReplyToken,
  parseSender,
  replyMarker,
  stripQuotedReply,
  type Sender,
} from '../domain/inbound';
import { InteractionKind } from '../domain/interaction';
import { MessageKind } from '../domain/messages';
import { CaseTransitionError, nextCaseStatus, SupportCaseAction, SupportCaseStatus } from '../domain/support-case';
import { MessageDirection, SupportCaseMessage, type MessageAttachment } from '../entities/case-message';
import { Customer, CustomerIdentity } from '../entities/customer';
import { SupportCase } from '../entities/support-case';
import { lockCustomer, requireCustomer, touchChannel } from './customers';
import { holderOf } from './identities';
import { insertInteraction } from './interactions';
import { queueTransactionalEmail } from './messages';
import { appendHistory, newReplyToken } from './support-cases';

/** What a message body may hold once its quoted original is cut (longer is cut with an ellipsis). */
export const INBOUND_BODY_MAX = 20_000;
const MAX_ATTACHMENTS = 50;

export interface InboundAttachment {
  filename: string;
  contentType?: string | null;
  size: number;
}

export interface InboundMessageRequest {
  channel: Channel;
  /** An e-mail address (or `Name <address>`), a phone number or a social handle. */
  from: string;
  /** What `from` is, when the guess would be wrong. */
  fromKind?: Sender['kind'] | null;
  subject?: string | null;
  body: string;
  /** The case reference (`SupportCase.replyToken`); also looked for in the subject and body. */
  replyToken?: string | null;
  /** The provider's id of the message (an e-mail's Message-ID): the same id again adds nothing. */
  externalId?: string | null;
  /** The address it was sent to (`support+<token>@…` names the case too). */
  to?: string | null;
  attachments?: readonly InboundAttachment[] | null;
  receivedAt?: Date | null;
  /** Sent automatically (an auto-reply): recorded, never answered, so two robots cannot loop. */
  automatic?: boolean;
}

export interface InboundOutcome {
  supportCase: SupportCase;
  message: SupportCaseMessage;
  /** true: it landed on an existing case; false: it opened one. */
  threaded: boolean;
}

interface CleanInbound {
  sender: Sender;
  subject: string | null;
  body: string;
  quoteStripped: boolean;
  token: string | null;
  externalId: string | null;
  attachments: MessageAttachment[];
  receivedAt: Date;
  automatic: boolean;
}

function oneLine(raw: string | null | undefined, max: number): string | null {
  const text = cleanInboundText((raw ?? '').replace(/\s+/g, ' '), max);
  return text || null;
}

/** Checks and cleans a message before its transaction: every client mistake is a user error. */
function clean(request: InboundMessageRequest): CleanInbound {
  const sender = parseSender(request.from, request.fromKind ?? null, defaultPhoneCountry());
  if (!sender) {
    throw new DomainError('INVALID_SENDER', 'from is an e-mail address, a phone number or a social handle', ['input', 'from']);
  }
  const stripped = stripQuotedReply(request.body ?? '');
  const body = cleanInboundText(stripped.text, INBOUND_BODY_MAX);
  const attachments: MessageAttachment[] = [];
  for (const [i, a] of (request.attachments ?? []).entries()) {
    const filename = oneLine(a.filename, 255);
    if (!filename || !Number.isSafeInteger(a.size) || a.size < 0) {
      throw new DomainError('INVALID_ATTACHMENT', 'an attachment has a file name and a size in bytes (0 or more)', [
        'input',
        'attachments',
        String(i),
      ]);
    }
    attachments.push({ filename, contentType: oneLine(a.contentType, 100), size: a.size });
  }
  if (attachments.length > MAX_ATTACHMENTS) {
    throw new DomainError('INVALID_ATTACHMENT', `at most ${MAX_ATTACHMENTS} attachments`, ['input', 'attachments']);
  }
  if (!body && attachments.length === 0) throw new DomainError('INVALID_BODY', 'the message has no text', ['input', 'body']);
  const externalId = request.externalId == null ? null : request.externalId.trim();
  if (externalId != null && (!externalId || externalId.length > 200 || hasControlCharacters(externalId, 'line-breaks'))) {
    throw new DomainError('INVALID_EXTERNAL_ID', 'externalId is 1 to 200 characters', ['input', 'externalId']);
  }
  const receivedAt = request.receivedAt ?? new Date();
  if (Number.isNaN(receivedAt.getTime()) || receivedAt.getTime() > Date.now() + 5 * 60_000) {
    throw new DomainError('INVALID_TIME', 'a message cannot arrive in the future', ['input', 'receivedAt']);
  }
  const subject = oneLine(request.subject, 200);
  return {
    sender,
    subject,
    body: body || '(attachments only)',
    quoteStripped: stripped.stripped,
    token: normalizeReplyToken(request.replyToken) ?? findReplyToken(request.subject, request.to, request.body),
    externalId: externalId || null,
    attachments,
    receivedAt,
    automatic: request.automatic ?? false,
  };
}

async function lockCase(manager: EntityManager, where: { id: string } | { replyToken: string }): Promise<SupportCase | null> {
  return dialectOf(manager.connection) === 'postgres'
    ? manager.findOne(SupportCase, { where, lock: { mode: 'pessimistic_write' } })
    : manager.findOneBy(SupportCase, where);
}

/** The address case e-mail goes to: the customer's, else the sender's own when they wrote by e-mail. */
function emailRecipient(supportCase: SupportCase, customer: Customer | null): string | null {
  if (customer && !customer.erasedAt) return customer.email;
  return supportCase.requesterKind === IdentityKind.EMAIL ? supportCase.requester : null;
}

/**
 * A message from a shopper (an e-mail provider's inbound hook, a social connector): the sender is
 * matched to a customer by identity (e-mail, phone, social handle), the message lands on the case
 * its reply token names (a resolved case reopens) or opens a new one (an unknown sender's case
 * has no customer until staff link it), and goes on the customer's timeline. A new case answers
 * with a CASE_OPENED e-mail carrying its reference when there is an address to write to. One
 * transaction; a redelivery with the same `externalId` changes nothing and answers the same case.
 */
export async function receiveInboundMessage(db: DataSource, request: InboundMessageRequest): Promise<InboundOutcome> {
  const message = clean(request);
  const replay = async () => {
    if (!message.externalId) return null;
    const existing = await db.manager.findOneBy(SupportCaseMessage, { externalId: message.externalId });
    const supportCase = existing && (await db.manager.findOneBy(SupportCase, { id: existing.caseId }));
    return existing && supportCase ? { supportCase, message: existing, threaded: true } : null;
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await inTransaction(db, (manager) => receive(manager, request.channel, message));
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
}

async function receive(manager: EntityManager, channel: Channel, message: CleanInbound): Promise<InboundOutcome> {
  // The case before any customer, as replies and links lock them, so two never wait on each other.
  let supportCase = message.token ? await lockCase(manager, { replyToken: message.token }) : null;
  const holder =
    (await holderOf(manager, message.sender.kind, message.sender.value)) ??
    (message.sender.kind === IdentityKind.SOCIAL ? await socialHolder(manager, message.sender.value) : null);
  const sender = holder ? await lockCustomer(manager, holder.customerId) : null;
  const threaded = supportCase != null;
  const now = message.receivedAt;
  if (supportCase) {
    if (supportCase.status === SupportCaseStatus.RESOLVED) {
      supportCase.status = nextCaseStatus(supportCase.status, SupportCaseAction.REOPENED, supportCase.assignee != null);
      supportCase.resolvedAt = null;
      await manager.update(SupportCase, { id: supportCase.id }, { status: supportCase.status, resolvedAt: null });
      await appendHistory(manager, supportCase.id, {
        action: SupportCaseAction.REOPENED,
        actor: message.sender.value,
        note: 'A new message arrived',
        channel,
        at: now,
      });
    }
    await appendHistory(manager, supportCase.id, {
      action: SupportCaseAction.MESSAGE_RECEIVED,
      actor: message.sender.value,
      note: cleanInboundText(message.body, 2000),
      channel,
      at: now,
    });
  } else {
    supportCase = manager.create(SupportCase, {
      id: randomUUID(),
      customerId: sender?.id ?? null,
      replyToken: newReplyToken(),
      requester: message.sender.value,
      requesterKind: message.sender.kind,
      channel,
      subject: message.subject ?? cleanInboundText(message.body.split('\n')[0]!, 200),
      description: cleanInboundText(message.body, 2000),
      orderId: null,
      status: SupportCaseStatus.OPEN,
      assignee: null,
      resolution: null,
      openedAt: now,
      resolvedAt: null,
    });
    await manager.insert(SupportCase, supportCase);
    await appendHistory(manager, supportCase.id, {
      action: SupportCaseAction.OPENED,
      actor: message.sender.value,
      note: supportCase.description,
      channel,
      at: now,
    });
  }
  const row = manager.create(SupportCaseMessage, {
    id: randomUUID(),
    caseId: supportCase.id,
    direction: MessageDirection.INBOUND,
    channel,
    medium: inboundInteractionKind(message.sender),
    sender: message.sender.value,
    subject: message.subject,
    body: message.body,
    quoteStripped: message.quoteStripped,
    attachments: message.attachments,
    externalId: message.externalId,
    at: now,
  });
  await manager.insert(SupportCaseMessage, row);

  const owner =
    supportCase.customerId == null
      ? null
      : sender?.id === supportCase.customerId
        ? sender
        : await lockCustomer(manager, supportCase.customerId);
  if (owner) {
    await insertInteraction(manager, {
      customerId: owner.id,
      channel,
      kind: row.medium,
      summary: timelineSummary(row),
      caseId: supportCase.id,
      occurredAt: now,
    });
    await touchChannel(manager, owner, channel);
  }
  if (!threaded && !message.automatic) {
    const recipient = emailRecipient(supportCase, owner);
    if (recipient) {
      await queueTransactionalEmail(manager, {
        trigger: {
          kind: MessageKind.CASE_OPENED,
          caseSubject: supportCase.subject,
          reference: replyMarker(supportCase.replyToken!),
        },
        orderId: null,
        salesChannel: channel,
        eventId: supportCase.id,
        recipient,
        customer: owner,
        greeting: owner?.firstName ?? message.sender.name ?? 'there',
      });
    }
  }
  return { supportCase, message: row, threaded };
}

/**
 * Who holds a social handle written in another case ("@Dana.Builds" for "@dana.builds"): social
 * networks compare handles without case, and identities keep them as they were linked.
 */
async function socialHolder(manager: EntityManager, handle: string): Promise<CustomerIdentity | null> {
  return manager
    .getRepository(CustomerIdentity)
    .createQueryBuilder('i')
    .where('i.kind = :kind', { kind: IdentityKind.SOCIAL })
    .andWhere('LOWER(i.value) = :value', { value: handle.toLowerCase() })
    .orderBy('i.createdAt', 'ASC')
    .addOrderBy('i.id', 'ASC')
    .getOne();
}

/** How a case message reads on the timeline: its subject, then what was written. */
function timelineSummary(message: Pick<SupportCaseMessage, 'subject' | 'body' | 'attachments'>): string {
  const files = message.attachments.length ? ` (attached: ${message.attachments.map((a) => a.filename).join(', ')})` : '';
  return `${message.subject ? `${message.subject}: ` : ''}${message.body}${files}`;
}

export interface CaseReplyRequest {
  caseId: string;
  body: string;
  channel: Channel;
  /** The agent answering. */
  agent: string;
}

/**
 * An agent's answer on a case: one more OUTBOUND message of its thread and step of its history,
 * e-mailed (CASE_REPLY, with the case's reference) to the customer or to the sender who wrote by
 * e-mail; the e-mail goes on the customer's timeline once sent. A case whose only contact is a
 * social handle or phone number is answered on that channel by its connector: the answer is
 * recorded, no e-mail is queued.
 */
export async function replyToSupportCase(db: DataSource, request: CaseReplyRequest): Promise<SupportCase> {
  const body = (request.body ?? '').trim();
  if (!body || body.length > 9_999 || hasControlCharacters(body, 'line-breaks')) {
    throw new DomainError('INVALID_BODY', 'an answer is 1 to 9,999 characters of text', ['input', 'body']);
  }
  const agent = (request.agent ?? '').trim().slice(0, 100) || 'agent';
  return inTransaction(db, async (manager) => {
    const supportCase = await lockCase(manager, { id: request.caseId });
    if (!supportCase) throw new DomainError('UNKNOWN_CASE', `no support case ${request.caseId}`, ['input', 'caseId']);
    try {
      nextCaseStatus(supportCase.status, SupportCaseAction.REPLIED, supportCase.assignee != null);
    } catch (error) {
      if (error instanceof CaseTransitionError) throw new DomainError(error.code, error.message, ['input', 'caseId']);
      throw error;
    }
    const customer = supportCase.customerId ? await lockCustomer(manager, supportCase.customerId) : null;
    const recipient = emailRecipient(supportCase, customer);
    const now = new Date();
    const medium = recipient
      ? InteractionKind.EMAIL
      : supportCase.requesterKind === IdentityKind.PHONE
        ? InteractionKind.SMS
        : InteractionKind.SOCIAL_POST;
    await manager.insert(SupportCaseMessage, {
      id: randomUUID(),
      caseId: supportCase.id,
      direction: MessageDirection.OUTBOUND,
      channel: request.channel,
      medium,
      sender: agent,
      subject: null,
      body,
      quoteStripped: false,
      attachments: [],
      externalId: null,
      at: now,
    });
    await appendHistory(manager, supportCase.id, {
      action: SupportCaseAction.REPLIED,
      actor: agent,
      note: cleanInboundText(body, 2000),
      channel: request.channel,
      at: now,
    });
    if (recipient) {
      await queueTransactionalEmail(manager, {
        trigger: {
          kind: MessageKind.CASE_REPLY,
          caseSubject: supportCase.subject,
          reference: replyMarker(supportCase.replyToken!),
          answer: body,
        },
        orderId: supportCase.orderId,
        salesChannel: request.channel,
        eventId: randomUUID(),
        recipient,
        customer,
        greeting: customer?.firstName ?? 'there',
      });
    }
    return supportCase;
  });
}

export interface LinkCaseRequest {
  caseId: string;
  customerId: string;
  /** Also make the case's sender (its e-mail, phone or handle) an identity of the customer. */
  linkRequester: boolean;
  actor: string | null;
  channel: Channel | null;
}

/**
 * Gives the case of an unknown sender its customer: its inbound messages go on the customer's
 * timeline, and (when asked) the sender's address becomes one of the customer's identities, so
 * their next message is matched. A case that already has this customer changes nothing.
 */
export async function linkSupportCaseCustomer(db: DataSource, request: LinkCaseRequest): Promise<SupportCase> {
  return inTransaction(db, async (manager) => {
    const supportCase = await lockCase(manager, { id: request.caseId });
    if (!supportCase) throw new DomainError('UNKNOWN_CASE', `no support case ${request.caseId}`, ['input', 'caseId']);
    const customer = await requireCustomer(manager, request.customerId, ['input', 'customerId']);
    if (supportCase.customerId === customer.id) return supportCase;
    if (supportCase.customerId != null) {
      throw new DomainError('CASE_HAS_CUSTOMER', 'the case already belongs to another customer', ['input', 'caseId']);
    }
    if (request.linkRequester && supportCase.requester && supportCase.requesterKind) {
      const kind = supportCase.requesterKind as Sender['kind'];
      const holder = await holderOf(manager, kind, supportCase.requester);
      if (holder && holder.customerId !== customer.id) {
        throw new DomainError('IDENTITY_TAKEN', "the sender's address belongs to another customer", ['input', 'linkRequester']);
      }
      if (!holder) {
        await manager.insert(CustomerIdentity, {
          id: randomUUID(),
          customerId: customer.id,
          kind,
          value: supportCase.requester,
          channel: supportCase.channel,
        });
      }
    }
    supportCase.customerId = customer.id;
    await manager.update(SupportCase, { id: supportCase.id }, { customerId: customer.id });
    await appendHistory(manager, supportCase.id, {
      action: SupportCaseAction.CUSTOMER_LINKED,
      actor: request.actor,
      note: null,
      channel: request.channel,
      at: new Date(),
    });
    const inbound = await manager.find(SupportCaseMessage, {
      where: { caseId: supportCase.id, direction: MessageDirection.INBOUND },
      order: { at: 'ASC', id: 'ASC' },
    });
    for (const m of inbound) {
      await insertInteraction(manager, {
        customerId: customer.id,
        channel: m.channel,
        kind: m.medium,
        summary: timelineSummary(m),
        caseId: supportCase.id,
        occurredAt: m.at,
      });
    }
    await touchChannel(manager, customer, supportCase.channel);
    return supportCase;
  });
}
