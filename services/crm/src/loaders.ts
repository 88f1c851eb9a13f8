import {
  byKey,
  countedPagesByKey,
  defineLoader,
  groupedByKey,
  pagesByKey,
  type Channel,
  rowsWhereIn,
  selectEntities,
  type CountedPage,
  type ServiceContext,
} from '@omni/platform';
import DataLoader from 'dataloader';
import { Brackets, In } from 'typeorm';
import type { ContactChannel } from './domain/consent';
import type { InteractionKind } from './domain/interaction';
import type { SupportCaseStatus } from './domain/support-case';
import { Address } from './entities/address';
import { SupportCaseMessage } from './entities/case-message';
import { Customer, CustomerIdentity, MarketingConsent } from './entities/customer';
import { HelpArticle, HelpArticleStat } from './entities/help-article';
import { Interaction } from './entities/interaction';
import { CustomerMessage } from './entities/message';
import { PrivacyRequest } from './entities/privacy-request';
import { ProductView } from './entities/product-view';
import { SupportCase, SupportCaseEvent } from './entities/support-case';

/**
 * A customer by id; a merged-away id resolves to the survivor. One statement per batch, whatever
 * the batch: the ids asked for and the survivors of those that are tombstones, in one query.
 * Every `Customer` reference from another subgraph comes through here.
 */
export const customerById = defineLoader(
  'customerById',
  (ctx) =>
    new DataLoader<string, Customer | null>(async (ids) => {
      const rows = await selectEntities(
        ctx.db,
        Customer,
        (table) => `"id" IN (:...ids) OR "id" IN (SELECT "mergedIntoId" FROM ${table} WHERE "id" IN (:...ids))`,
        { ids: [...ids] },
      );
      const byId = new Map(rows.map((c) => [c.id, c]));
      return byKey(ids, rows, (c) => c.id).map((c) => (c?.mergedIntoId ? (byId.get(c.mergedIntoId) ?? null) : c));
    }),
);

export const identitiesByCustomer = defineLoader(
  'identitiesByCustomer',
  (ctx) =>
    new DataLoader<string, CustomerIdentity[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, CustomerIdentity, {
        property: 'customerId',
        values: ids,
        orderBy: [
          ['createdAt', 'ASC'],
          ['id', 'ASC'],
        ],
      });
      return groupedByKey(ids, rows, (r) => r.customerId);
    }),
);

export const addressesByCustomer = defineLoader(
  'addressesByCustomer',
  (ctx) =>
    new DataLoader<string, Address[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, Address, { property: 'customerId', values: ids, orderBy: [['id', 'ASC']] });
      return groupedByKey(ids, rows, (r) => r.customerId);
    }),
);

export const consentsByCustomer = defineLoader(
  'consentsByCustomer',
  (ctx) =>
    new DataLoader<string, MarketingConsent[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, MarketingConsent, {
        property: 'customerId',
        values: ids,
        orderBy: [['channel', 'ASC']],
      });
      return groupedByKey(ids, rows, (r) => r.customerId);
    }),
);

export const INTERACTION_SORT: (keyof Interaction & string)[] = ['occurredAt', 'id'];

/** A page of each customer's timeline, newest first, with its total: one statement per batch for a first page. */
export function interactionPages(
  ctx: ServiceContext,
  args: { first: number; after: unknown[] | null; channel?: string | null; kind?: InteractionKind | null },
) {
  return defineLoader(
    `interactions:${JSON.stringify(args)}`,
    () =>
      new DataLoader<string, CountedPage<Interaction>>(async (customerIds) => {
        const filters = { channel: args.channel, kind: args.kind };
        const pages = await countedPagesByKey(ctx.db, {
          entity: Interaction,
          partitionBy: 'customerId',
          keys: customerIds,
          orderBy: INTERACTION_SORT,
          first: args.first,
          after: args.after,
          filters,
        });
        return customerIds.map((id) => pages.get(id)!);
      }),
  )(ctx);
}

export const MESSAGE_SORT: (keyof CustomerMessage & string)[] = ['createdAt', 'id'];

export function messagePages(
  ctx: ServiceContext,
  args: { first: number; after: unknown[] | null; channel?: ContactChannel | null },
) {
  return defineLoader(
    `messages:${JSON.stringify(args)}`,
    () =>
      new DataLoader<string, CountedPage<CustomerMessage>>(async (customerIds) => {
        const filters = { channel: args.channel };
        const pages = await countedPagesByKey(ctx.db, {
          entity: CustomerMessage,
          partitionBy: 'customerId',
          keys: customerIds,
          orderBy: MESSAGE_SORT,
          first: args.first,
          after: args.after,
          filters,
        });
        return customerIds.map((id) => pages.get(id)!);
      }),
  )(ctx);
}

/** The latest views, one per product, newest first. */
export function recentViews(ctx: ServiceContext, first: number) {
  return defineLoader(
    `recentViews:${first}`,
    () =>
      new DataLoader<string, ProductView[]>(async (customerIds) => {
        const pages = await pagesByKey(ctx.db, {
          entity: ProductView,
          partitionBy: 'customerId',
          keys: customerIds,
          orderBy: ['viewedAt', 'id'],
          first,
          after: null,
        });
        return customerIds.map((id) => pages.get(id)!.nodes);
      }),
  )(ctx);
}

/** Each customer's cases, newest first, optionally of one status. */
export function casesByCustomer(ctx: ServiceContext, status: SupportCaseStatus | null) {
  return defineLoader(
    `casesByCustomer:${status ?? ''}`,
    () =>
      new DataLoader<string, SupportCase[]>(async (customerIds) => {
        const rows = await ctx.db.getRepository(SupportCase).find({
          where: { customerId: In([...customerIds]), ...(status ? { status } : {}) },
          order: { openedAt: 'DESC', id: 'DESC' },
        });
        return groupedByKey(customerIds, rows, (r) => r.customerId);
      }),
  )(ctx);
}

export const caseById = defineLoader(
  'caseById',
  (ctx) =>
    new DataLoader<string, SupportCase | null>(async (ids) =>
      byKey(ids, await rowsWhereIn(ctx.db, SupportCase, { property: 'id', values: ids }), (c) => c.id),
    ),
);

export const historyByCase = defineLoader(
  'historyByCase',
  (ctx) =>
    new DataLoader<string, SupportCaseEvent[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, SupportCaseEvent, {
        property: 'caseId',
        values: ids,
        orderBy: [['position', 'ASC']],
      });
      return groupedByKey(ids, rows, (r) => r.caseId);
    }),
);

export const privacyRequestsByCustomer = defineLoader(
  'privacyRequestsByCustomer',
  (ctx) =>
    new DataLoader<string, PrivacyRequest[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, PrivacyRequest, {
        property: 'customerId',
        values: ids,
        orderBy: [
          ['requestedAt', 'DESC'],
          ['id', 'DESC'],
        ],
      });
      return groupedByKey(ids, rows, (r) => r.customerId);
    }),
);

/** Each case's thread, oldest first. */
export const messagesByCase = defineLoader(
  'messagesByCase',
  (ctx) =>
    new DataLoader<string, SupportCaseMessage[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, SupportCaseMessage, {
        property: 'caseId',
        values: ids,
        orderBy: [
          ['at', 'ASC'],
          ['id', 'ASC'],
        ],
      });
      return groupedByKey(ids, rows, (r) => r.caseId);
    }),
);

/** Each help article's counters, one row per channel it was used on. */
export const statsByArticle = defineLoader(
  'statsByArticle',
  (ctx) =>
    new DataLoader<string, HelpArticleStat[]>(async (ids) => {
      const rows = await rowsWhereIn(ctx.db, HelpArticleStat, {
        property: 'articleId',
        values: ids,
        orderBy: [['channel', 'ASC']],
      });
      return groupedByKey(ids, rows, (r) => r.articleId);
    }),
);

export const helpArticleById = defineLoader(
  'helpArticleById',
  (ctx) =>
    new DataLoader<string, HelpArticle | null>(async (ids) =>
      byKey(ids, await rowsWhereIn(ctx.db, HelpArticle, { property: 'id', values: ids }), (a) => a.id),
    ),
);

/**
 * The published articles about each catalog product shown on `channel` (null: any), most
 * recently changed first: one statement per batch of products.
 */
export function articlesByProduct(ctx: ServiceContext, channel: Channel | null) {
  return defineLoader(
    `articlesByProduct:${channel ?? ''}`,
    () =>
      new DataLoader<string, HelpArticle[]>(async (productIds) => {
        const query = ctx.db
          .getRepository(HelpArticle)
          .createQueryBuilder('h')
          .where('h.published = :published', { published: true })
          .andWhere(
            new Brackets((any) =>
              productIds.forEach((id, i) =>
                any.orWhere(`(',' || h.productIds || ',') LIKE :p${i} ESCAPE '\\'`, {
                  [`p${i}`]: `%,${id.replace(/[\\%_]/g, '\\$&')},%`,
                }),
              ),
            ),
          );
        if (channel)
          query.andWhere(`(h.channels = '' OR (',' || h.channels || ',') LIKE :channel)`, { channel: `%,${channel},%` });
        const rows = await query.orderBy('h.updatedAt', 'DESC').addOrderBy('h.id', 'ASC').getMany();
        return productIds.map((id) => rows.filter((a) => a.productIds.includes(id)));
      }),
  )(ctx);
}
