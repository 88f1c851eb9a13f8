import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, type Channel } from '@omni/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { boundedText, InteractionKind, MAX_SUMMARY_LENGTH } from '../domain/interaction';
import { Interaction } from '../entities/interaction';
import { requireCustomer, touchChannel } from './customers';

export interface InteractionRequest {
  customerId: string;
  channel: Channel;
  kind: InteractionKind;
  summary: string;
  agent?: string | null;
  orderId?: string | null;
  /** When it happened; now when not given. */
  occurredAt?: Date | null;
}

/** Kinds that only CRM records (from events and sent messages), never a channel. */
const RECORDED_BY_CRM = new Set([InteractionKind.ORDER_PLACED, InteractionKind.RETURN_RECEIVED, InteractionKind.APPOINTMENT]);

/** Adds one touchpoint row; the customer must already be locked and live. */
export async function insertInteraction(
  manager: EntityManager,
  row: Omit<Interaction, 'id' | 'messageId' | 'agent' | 'orderId' | 'caseId'> &
    Partial<Pick<Interaction, 'messageId' | 'agent' | 'orderId' | 'caseId'>>,
): Promise<Interaction> {
  const interaction = manager.create(Interaction, {
    id: randomUUID(),
    agent: null,
    orderId: null,
    messageId: null,
    caseId: null,
    ...row,
    summary: row.summary.length > MAX_SUMMARY_LENGTH ? `${row.summary.slice(0, MAX_SUMMARY_LENGTH - 1)}…` : row.summary,
  });
  await manager.insert(Interaction, interaction);
  return interaction;
}

/** A touchpoint a channel reports (a chat, a call, a store visit, ...); the channel becomes one the customer touched. */
export async function recordInteraction(db: DataSource, request: InteractionRequest): Promise<Interaction> {
  const summary = boundedText(request.summary, MAX_SUMMARY_LENGTH);
  if (!summary)
    throw new DomainError('INVALID_SUMMARY', `a summary is 1 to ${MAX_SUMMARY_LENGTH} characters`, ['input', 'summary']);
  if (RECORDED_BY_CRM.has(request.kind)) {
    throw new DomainError('INVALID_KIND', `${request.kind} touchpoints are recorded from order events`, ['input', 'kind']);
  }
  const agent = request.agent == null ? null : boundedText(request.agent, 100);
  if (request.agent != null && !agent)
    throw new DomainError('INVALID_AGENT', 'an agent is 1 to 100 characters', ['input', 'agent']);
  const occurredAt = request.occurredAt ?? new Date();
  if (Number.isNaN(occurredAt.getTime()) || occurredAt.getTime() > Date.now() + 5 * 60_000) {
    throw new DomainError('INVALID_TIME', 'an interaction cannot happen in the future', ['input', 'occurredAt']);
  }
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, request.customerId, ['input', 'customerId']);
    const interaction = await insertInteraction(manager, {
      customerId: customer.id,
      channel: request.channel,
      kind: request.kind,
      summary,
      agent,
      orderId: request.orderId?.trim() || null,
      occurredAt,
    });
    await touchChannel(manager, customer, request.channel);
    return interaction;
  });
}
