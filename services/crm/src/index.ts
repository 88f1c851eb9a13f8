import 'reflect-metadata';
import type { ConsumerDefinition, ServiceDefinition } from '@omni/platform';
import { readCrmConfig, senderFromConfig } from './configuration';
import { Address } from './entities/address';
import { SupportCaseMessage } from './entities/case-message';
import { Customer, CustomerIdentity, MarketingConsent } from './entities/customer';
import { HelpArticle, HelpArticleStat } from './entities/help-article';
import { Interaction } from './entities/interaction';
import { CustomerMessage, KnownOrder } from './entities/message';
import { PrivacyRequest } from './entities/privacy-request';
import { ProductView } from './entities/product-view';
import { OrderRef, ProductRef } from './entities/references';
import { SupportCase, SupportCaseEvent } from './entities/support-case';
import {
  CustomerEngagement,
  CustomerOrderFact,
  LifecycleOccasion,
  LifecycleTemplate,
  Segment,
  SegmentMember,
} from './entities/engagement';
import { createConsumers } from './events/consumers';
import { engagementFacts } from './events/engagement';
import { createJobs } from './jobs';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';
import { CustomerBrowsingResolver, CustomerMessageResolver, ProductViewResolver } from './resolvers/browsing.resolver';
import { CustomerResolver, visibleCustomer } from './resolvers/customer.resolver';
import { CustomerEngagementResolver, LifecycleTemplateResolver, SegmentResolver } from './resolvers/engagement.resolver';
import { HelpArticleResolver, HelpArticleStatResolver, ProductHelpResolver } from './resolvers/help.resolver';
import { InboundMessageResolver, InteractionCaseResolver } from './resolvers/inbound.resolver';
import { CustomerPrivacyResolver, PrivacyRequestResolver } from './resolvers/privacy.resolver';
import { CustomerCasesResolver, SupportCaseResolver } from './resolvers/support-case.resolver';
import { CustomerTimelineResolver, InteractionResolver } from './resolvers/timeline.resolver';

export const crmService: ServiceDefinition = {
  name: 'crm',
  entities: [
    Customer,
    CustomerIdentity,
    Address,
    MarketingConsent,
    Interaction,
    SupportCase,
    SupportCaseEvent,
    SupportCaseMessage,
    HelpArticle,
    HelpArticleStat,
    ProductView,
    CustomerMessage,
    KnownOrder,
    PrivacyRequest,
    CustomerEngagement,
    CustomerOrderFact,
    Segment,
    SegmentMember,
    LifecycleTemplate,
    LifecycleOccasion,
  ],
  migrations: { postgres: postgresMigrations, sqlite: sqliteMigrations },
  resolvers: [
    CustomerResolver,
    CustomerTimelineResolver,
    InteractionResolver,
    SupportCaseResolver,
    CustomerCasesResolver,
    InboundMessageResolver,
    InteractionCaseResolver,
    HelpArticleResolver,
    HelpArticleStatResolver,
    ProductHelpResolver,
    ProductViewResolver,
    CustomerBrowsingResolver,
    CustomerMessageResolver,
    PrivacyRequestResolver,
    CustomerPrivacyResolver,
    SegmentResolver,
    LifecycleTemplateResolver,
    CustomerEngagementResolver,
  ],
  orphanedTypes: [ProductRef, OrderRef],
  references: {
    Customer: (ref, ctx) => visibleCustomer(ctx, String(ref.id)),
  },
  /**
   * Read when the service starts (the platform subscribes consumers then): the message sender
   * is chosen from the environment at that moment (SMTP when SMTP_URL is set), so a malformed
   * SMTP_URL stops the start with one line naming it.
   */
  get consumers(): ConsumerDefinition[] {
    return [...createConsumers(senderFromConfig(readCrmConfig())), engagementFacts];
  },
  /** Lifecycle messages and the daily engagement sweep (src/jobs.ts); read at start like the consumers. */
  get jobs() {
    return createJobs(senderFromConfig(readCrmConfig()));
  },
};

export { Customer } from './entities/customer';
export { Interaction } from './entities/interaction';
export { CustomerMessage } from './entities/message';
export { readCrmConfig, senderFromConfig } from './configuration';
export type { MessageSender, OutgoingMessage } from './messaging/sender';
export { parseInboundEmail, RAW_EMAIL_MAX_BYTES, UnreadableEmailError } from './messaging/inbound-email';
