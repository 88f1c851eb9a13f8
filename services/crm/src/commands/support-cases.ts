import { randomBytes, randomUUID } from 'node:crypto';
import { dialectOf, DomainError, inTransaction, type Channel } from '@omni/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { boundedText } from '../domain/interaction';
import { CaseTransitionError, nextCaseStatus, SupportCaseAction, SupportCaseStatus } from '../domain/support-case';
import { SupportCase, SupportCaseEvent } from '../entities/support-case';
import { requireCustomer, touchChannel } from './customers';

export interface OpenCaseRequest {
  customerId: string;
  channel: Channel;
  subject: string;
  description?: string | null;
  orderId?: string | null;
  /** Who opened it (the CSR, the associate); the caller when not given. */
  actor?: string | null;
}

export interface CaseActionRequest {
  caseId: string;
  action: SupportCaseAction.ASSIGNED | SupportCaseAction.NOTE | SupportCaseAction.RESOLVED | SupportCaseAction.REOPENED;
  /** The assignee for ASSIGNED, the note for NOTE, the resolution for RESOLVED, the reason for REOPENED. */
  text?: string | null;
  actor?: string | null;
  channel?: Channel | null;
}

function text(raw: string | null | undefined, max: number, code: string, field: string[]): string {
  const value = boundedText(raw, max);
  if (!value) throw new DomainError(code, `${field[field.length - 1]} is 1 to ${max} characters`, field);
  return value;
}

/** A new case reference: 160 random bits as 32 characters of base32 (`a-z2-7`). */
export function newReplyToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let token = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      token += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return token;
}

/** Appends one step to a case's history (the next position). */
export async function appendHistory(
  manager: EntityManager,
  caseId: string,
  event: Pick<SupportCaseEvent, 'action' | 'actor' | 'note' | 'channel' | 'at'>,
): Promise<void> {
  const position = await manager.countBy(SupportCaseEvent, { caseId });
  await manager.insert(SupportCaseEvent, { id: randomUUID(), caseId, position, ...event });
}

/** Opens a case for the customer (linked to an order when given). */
export async function openSupportCase(db: DataSource, request: OpenCaseRequest): Promise<SupportCase> {
  const subject = text(request.subject, 200, 'INVALID_SUBJECT', ['input', 'subject']);
  const description =
    request.description == null ? null : text(request.description, 2000, 'INVALID_DESCRIPTION', ['input', 'description']);
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, request.customerId, ['input', 'customerId']);
    const now = new Date();
    const supportCase = manager.create(SupportCase, {
      id: randomUUID(),
      customerId: customer.id,
      replyToken: newReplyToken(),
      requester: null,
      requesterKind: null,
      channel: request.channel,
      subject,
      description,
      orderId: request.orderId?.trim() || null,
      status: SupportCaseStatus.OPEN,
      assignee: null,
      resolution: null,
      openedAt: now,
      resolvedAt: null,
    });
    await manager.insert(SupportCase, supportCase);
    await appendHistory(manager, supportCase.id, {
      action: SupportCaseAction.OPENED,
      actor: request.actor ?? null,
      note: description,
      channel: request.channel,
      at: now,
    });
    await touchChannel(manager, customer, request.channel);
    return supportCase;
  });
}

const TEXT_RULES: Record<CaseActionRequest['action'], { max: number; code: string; field: string; required: boolean }> = {
  [SupportCaseAction.ASSIGNED]: { max: 100, code: 'INVALID_ASSIGNEE', field: 'assignee', required: true },
  [SupportCaseAction.NOTE]: { max: 2000, code: 'INVALID_NOTE', field: 'note', required: true },
  [SupportCaseAction.RESOLVED]: { max: 2000, code: 'INVALID_RESOLUTION', field: 'resolution', required: true },
  [SupportCaseAction.REOPENED]: { max: 2000, code: 'INVALID_NOTE', field: 'reason', required: false },
};

/** Assigns, annotates, resolves or reopens a case; each step is one more entry in its history. */
export async function actOnSupportCase(db: DataSource, request: CaseActionRequest): Promise<SupportCase> {
  const rule = TEXT_RULES[request.action];
  const value = rule.required || request.text != null ? text(request.text, rule.max, rule.code, ['input', rule.field]) : null;
  return inTransaction(db, async (manager) => {
    const supportCase =
      dialectOf(db) === 'postgres'
        ? await manager.findOne(SupportCase, { where: { id: request.caseId }, lock: { mode: 'pessimistic_write' } })
        : await manager.findOneBy(SupportCase, { id: request.caseId });
    if (!supportCase) throw new DomainError('UNKNOWN_CASE', `no support case ${request.caseId}`, ['input', 'caseId']);
    let status: SupportCaseStatus;
    try {
      status = nextCaseStatus(supportCase.status, request.action, supportCase.assignee != null);
    } catch (error) {
      if (error instanceof CaseTransitionError) throw new DomainError(error.code, error.message, ['input', 'caseId']);
      throw error;
    }
    const now = new Date();
    supportCase.status = status;
    if (request.action === SupportCaseAction.ASSIGNED) supportCase.assignee = value;
    if (request.action === SupportCaseAction.RESOLVED) {
      supportCase.resolution = value;
      supportCase.resolvedAt = now;
    }
    if (request.action === SupportCaseAction.REOPENED) supportCase.resolvedAt = null;
    await manager.update(
      SupportCase,
      { id: supportCase.id },
      { status, assignee: supportCase.assignee, resolution: supportCase.resolution, resolvedAt: supportCase.resolvedAt },
    );
    await appendHistory(manager, supportCase.id, {
      action: request.action,
      actor: request.actor ?? null,
      note: value,
      channel: request.channel ?? null,
      at: now,
    });
    return supportCase;
  });
}
