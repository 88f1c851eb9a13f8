import { randomUUID } from 'node:crypto';
import { inTransaction, recordEvent, type Channel, type CustomerErased } from '@omni/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { defaultPhoneCountry } from '../configuration';
import { storedPhoneAsE164 } from '../domain/phone';
import { Address } from '../entities/address';
import { SupportCaseMessage } from '../entities/case-message';
import { Customer, CustomerIdentity, MarketingConsent } from '../entities/customer';
import { Interaction } from '../entities/interaction';
import { CustomerMessage } from '../entities/message';
import { PrivacyRequest, PrivacyRequestKind, PrivacyRequestStatus } from '../entities/privacy-request';
import { ProductView } from '../entities/product-view';
import { SupportCase, SupportCaseEvent } from '../entities/support-case';
import { requireCustomer } from './customers';
import { engagementDocument, forgetEngagement } from './engagement';

export interface PrivacyRequestOrigin {
  customerId: string;
  /** The caller's subject: the shopper, or the agent who took the request. */
  requestedBy: string | null;
  channel: Channel | null;
}

const byTime = { order: { id: 'ASC' as const } };

/** Everything CRM holds about the customer, as one JSON-ready object (CRM's part of an export). */
async function crmDocument(manager: EntityManager, customer: Customer): Promise<Record<string, unknown>> {
  const customerId = customer.id;
  const cases = await manager.find(SupportCase, { where: { customerId }, order: { openedAt: 'ASC', id: 'ASC' } });
  const history = cases.length
    ? await manager.find(SupportCaseEvent, { where: { caseId: In(cases.map((c) => c.id)) }, order: { position: 'ASC' } })
    : [];
  const thread = cases.length
    ? await manager.find(SupportCaseMessage, { where: { caseId: In(cases.map((c) => c.id)) }, order: { at: 'ASC', id: 'ASC' } })
    : [];
  const merged = await manager.find(Customer, { where: { mergedIntoId: customerId }, ...byTime });
  const omit = <T extends object, K extends keyof T>(row: T, ...keys: K[]) => {
    const copy = { ...row };
    for (const key of keys) delete copy[key];
    return copy;
  };
  return {
    service: 'crm',
    generatedAt: new Date().toISOString(),
    customer: {
      id: customer.id,
      email: customer.email,
      phone: customer.phone && storedPhoneAsE164(customer.phone, defaultPhoneCountry()),
      firstName: customer.firstName,
      lastName: customer.lastName,
      channels: customer.channels,
      messageOptOuts: customer.messageOptOuts,
      createdAt: customer.createdAt,
      erasedAt: customer.erasedAt,
    },
    mergedRecords: merged.map((m) => ({
      id: m.id,
      email: m.email,
      phone: m.phone,
      firstName: m.firstName,
      lastName: m.lastName,
    })),
    identities: (await manager.find(CustomerIdentity, { where: { customerId }, ...byTime })).map((r) =>
      omit(r, 'id', 'customerId'),
    ),
    addresses: (await manager.find(Address, { where: { customerId }, ...byTime })).map((r) => omit(r, 'customerId')),
    marketingConsents: (await manager.find(MarketingConsent, { where: { customerId }, ...byTime })).map((r) =>
      omit(r, 'id', 'customerId'),
    ),
    interactions: (await manager.find(Interaction, { where: { customerId }, order: { occurredAt: 'ASC', id: 'ASC' } })).map((r) =>
      omit(r, 'customerId', 'messageId'),
    ),
    supportCases: cases.map((c) => ({
      ...omit(c, 'customerId'),
      history: history.filter((h) => h.caseId === c.id).map((h) => omit(h, 'id', 'caseId')),
      messages: thread.filter((m) => m.caseId === c.id).map((m) => omit(m, 'caseId', 'externalId')),
    })),
    productViews: (await manager.find(ProductView, { where: { customerId }, order: { viewedAt: 'ASC', id: 'ASC' } })).map((r) =>
      omit(r, 'id', 'customerId'),
    ),
    messages: (await manager.find(CustomerMessage, { where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } })).map((r) =>
      omit(r, 'customerId', 'sourceEventId', 'nextAttemptAt', 'providerMessageId'),
    ),
    privacyRequests: (
      await manager.find(PrivacyRequest, { where: { customerId }, order: { requestedAt: 'ASC', id: 'ASC' } })
    ).map((r) => omit(r, 'customerId', 'document')),
    engagement: await engagementDocument(manager, customerId),
  };
}

function newRequest(origin: PrivacyRequestOrigin, customerId: string, kind: PrivacyRequestKind): PrivacyRequest {
  const now = new Date();
  return Object.assign(new PrivacyRequest(), {
    id: randomUUID(),
    customerId,
    kind,
    status: PrivacyRequestStatus.COMPLETED,
    requestedBy: origin.requestedBy,
    channel: origin.channel,
    requestedAt: now,
    completedAt: now,
    document: null,
    outcome: null,
  });
}

/**
 * Records an export request and takes CRM's part at once: every row CRM holds about the customer
 * (profile, records merged into it, identities, addresses, consents, timeline, cases with their
 * history and messages, product views, messages, earlier privacy requests). What the other services hold is
 * read through the gateway with the request (`PrivacyRequest.customer`: orders, carts, returns,
 * subscriptions, loyalty, recommendations), see the CRM README.
 */
export async function requestDataExport(db: DataSource, origin: PrivacyRequestOrigin): Promise<PrivacyRequest> {
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, origin.customerId, ['customerId']);
    const request = newRequest(origin, customer.id, PrivacyRequestKind.EXPORT);
    request.document = JSON.stringify(await crmDocument(manager, customer));
    await manager.insert(PrivacyRequest, request);
    return request;
  });
}

/** The anonymized form of a customer row: no name, email or phone; the id, channels and dates stay. */
const ANONYMOUS_PROFILE = { email: '', firstName: '', lastName: '', phone: null, messageOptOuts: [] };

/**
 * Erases the customer's personal data in CRM, in one transaction, and tells the other services
 * (`crm.customer.erased`). Deleted: identities, addresses, consents, the timeline, support cases
 * with their history and messages, product views, the birthday, score, order facts and segment
 * memberships (`forgetEngagement`). Anonymized: the customer record (and those merged into it)
 * keeps its id, channels and dates, so orders and loyalty still resolve it, with no name, email or
 * phone; messages keep their kind, channel, status and dates (what was sent, when) without
 * recipient, subject or body. Nothing is sent to an erased customer again. The request itself
 * stays, naming only the customer id. Erasing an erased customer records the request and changes
 * nothing.
 */
export async function requestErasure(db: DataSource, origin: PrivacyRequestOrigin): Promise<PrivacyRequest> {
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, origin.customerId, ['customerId']);
    const request = newRequest(origin, customer.id, PrivacyRequestKind.ERASURE);
    if (customer.erasedAt) {
      request.outcome = JSON.stringify({ alreadyErasedAt: customer.erasedAt });
      await manager.insert(PrivacyRequest, request);
      return request;
    }
    const customerId = customer.id;
    const mergedIds = (await manager.find(Customer, { select: { id: true }, where: { mergedIntoId: customerId } })).map(
      (c) => c.id,
    );
    const owned = { customerId };
    const cases = await manager.find(SupportCase, { select: { id: true }, where: owned });
    const removed = {
      identities: (await manager.delete(CustomerIdentity, owned)).affected ?? 0,
      addresses: (await manager.delete(Address, owned)).affected ?? 0,
      marketingConsents: (await manager.delete(MarketingConsent, owned)).affected ?? 0,
      interactions: (await manager.delete(Interaction, owned)).affected ?? 0,
      supportCaseEvents: cases.length
        ? ((await manager.delete(SupportCaseEvent, { caseId: In(cases.map((c) => c.id)) })).affected ?? 0)
        : 0,
      supportCaseMessages: cases.length
        ? ((await manager.delete(SupportCaseMessage, { caseId: In(cases.map((c) => c.id)) })).affected ?? 0)
        : 0,
      supportCases: (await manager.delete(SupportCase, owned)).affected ?? 0,
      productViews: (await manager.delete(ProductView, owned)).affected ?? 0,
      messagesAnonymized:
        (await manager.update(CustomerMessage, owned, { recipient: '', subject: '', body: '', lastError: null })).affected ?? 0,
      mergedRecords: mergedIds.length,
      engagement: await forgetEngagement(manager, [customerId, ...mergedIds]),
    };
    const erasedAt = new Date();
    await manager.update(Customer, { id: In([customerId, ...mergedIds]) }, { ...ANONYMOUS_PROFILE, erasedAt });
    request.outcome = JSON.stringify(removed);
    await manager.insert(PrivacyRequest, request);
    await recordEvent<CustomerErased>(
      manager,
      'crm.customer.erased',
      { customerId, mergedIds, requestId: request.id },
      origin.channel,
    );
    return request;
  });
}
