import {
  attempt,
  Channel,
  Connection,
  decodeCursor,
  encodeCursor,
  forbidden,
  hasRole,
  invalidCursor,
  pageSize,
  Role,
  type ServiceContext,
  toConnection,
  UserError,
} from '@omni/platform';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { captureHelpArticle, recordHelpArticleUse, upsertHelpArticle, type HelpArticleUse } from '../commands/help-articles';
import { helpfulRate } from '../domain/help';
import { HelpArticle, HelpArticleStat } from '../entities/help-article';
import { ProductRef } from '../entities/references';
import { articlesByProduct, helpArticleById, statsByArticle } from '../loaders';
import { searchHelpArticles } from '../queries/help-search';
import { CustomerUserError } from './user-errors';

/** Who writes the knowledge base and sees drafts and counters: contact-center agents and admins. */
const AUTHORS = [Role.CSR, Role.ADMIN];

@ObjectType({ description: 'A page of help articles, best match first.' })
export class HelpArticleConnection extends Connection(HelpArticle) {}

@InputType({ description: 'A help article to create or change.' })
export class HelpArticleInput {
  @Field(() => ID, { description: 'The article to change; null: create a new one.', nullable: true })
  id?: string | null;

  @Field({ description: 'The question or topic, one line of 1 to 200 characters.' })
  title!: string;

  @Field({ description: 'The answer, plain text, 1 to 10,000 characters (line breaks kept).' })
  answer!: string;

  @Field(() => [String], {
    description: 'Tags, at most 20 of 1 to 50 characters (stored lower case); null: none.',
    nullable: true,
  })
  tags?: string[] | null;

  @Field(() => [ID], { description: 'Catalog product ids it is about, at most 50; null: none.', nullable: true })
  productIds?: string[] | null;

  @Field(() => [String], {
    description: 'Catalog categories it is about (as in `Product.categoryPath`), at most 20 of 1 to 100 characters; null: none.',
    nullable: true,
  })
  categories?: string[] | null;

  @Field(() => [Channel], { description: 'The channels it is shown on; null or empty: every channel.', nullable: true })
  channels?: Channel[] | null;

  @Field(() => Boolean, {
    description:
      'true: shown to everyone on its channels; false: a draft. Null: a new article is a draft, a changed one keeps its state.',
    nullable: true,
  })
  published?: boolean | null;
}

@InputType({ description: 'An answer given on a support case, to keep as a help article.' })
export class CaptureHelpArticleInput {
  @Field(() => ID, {
    description: 'The case message whose text is the answer (`SupportCaseMessage.id`, usually an agent reply).',
  })
  messageId!: string;

  @Field({ description: 'The question it answers, one line of 1 to 200 characters.' })
  title!: string;

  @Field(() => String, {
    description: "The answer as edited for everyone, 1 to 10,000 characters; null: the message's text as it was.",
    nullable: true,
  })
  answer?: string | null;

  @Field(() => [String], { description: 'Tags, at most 20 of 1 to 50 characters; null: none.', nullable: true })
  tags?: string[] | null;

  @Field(() => [ID], { description: 'Catalog product ids it is about, at most 50; null: none.', nullable: true })
  productIds?: string[] | null;

  @Field(() => [String], { description: 'Catalog categories it is about, at most 20; null: none.', nullable: true })
  categories?: string[] | null;

  @Field(() => [Channel], { description: 'The channels it is shown on; null or empty: every channel.', nullable: true })
  channels?: Channel[] | null;

  @Field({ description: 'true: shown at once; false: kept as a draft to review.' })
  published!: boolean;
}

@InputType({ description: 'A help article a shopper opened, or rated.' })
export class HelpArticleFeedbackInput {
  @Field(() => ID, { description: 'The article (`HelpArticle.id`).' })
  articleId!: string;

  @Field(() => Channel, {
    description: "The channel it was read on; null: the caller's channel (`x-channel`), else WEB.",
    nullable: true,
  })
  channel?: Channel | null;
}

@InputType({ description: '"Was this helpful?" answered on a help article.' })
export class RateHelpArticleInput extends HelpArticleFeedbackInput {
  @Field({ description: 'true: it helped; false: it did not.' })
  helpful!: boolean;
}

@ObjectType({ description: 'The result of a help article mutation.' })
export class HelpArticlePayload {
  @Field(() => HelpArticle, { description: 'The article; null when `userErrors` is not empty.', nullable: true })
  article!: HelpArticle | null;

  @Field(() => [CustomerUserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

function isAuthor(ctx: ServiceContext): boolean {
  return hasRole(ctx.caller, Role.SERVICE, ...AUTHORS);
}

@Resolver(() => HelpArticle)
export class HelpArticleResolver {
  @Query(() => HelpArticleConnection, {
    description:
      'Help articles answering a question, best match first (full text over title, tags, categories and answer; misspelt words are tolerated when few articles match). Anyone may search, signed in or not: the self-service widget, the app, kiosks, social and e-mail agents answer from the same articles. Only published articles, unless a CSR or ADMIN asks for drafts.',
  })
  async helpArticles(
    @Ctx() ctx: ServiceContext,
    @Arg('query', { description: 'The question or words, as typed; empty: every article, most recently changed first.' })
    query: string,
    @Arg('channel', () => Channel, {
      description: 'Only articles shown on this channel (published on it or on every channel); null: any channel.',
      nullable: true,
    })
    channel?: Channel | null,
    @Arg('first', () => Int, { description: 'Page size, default 20, at most 100.', nullable: true }) first?: number | null,
    @Arg('after', () => String, { description: 'The `endCursor` of the previous page; null: the best matches.', nullable: true })
    after?: string | null,
    @Arg('productId', () => ID, {
      description: 'Only articles about this catalog product (`HelpArticle.productIds`); null: any.',
      nullable: true,
    })
    productId?: string | null,
    @Arg('category', () => String, {
      description: 'Only articles about this catalog category (`HelpArticle.categories`, exactly as written); null: any.',
      nullable: true,
    })
    category?: string | null,
    @Arg('includeUnpublished', () => Boolean, {
      description: 'Drafts too (CSR and ADMIN only; anyone else is FORBIDDEN). Default false.',
      nullable: true,
    })
    includeUnpublished?: boolean | null,
  ): Promise<HelpArticleConnection> {
    if (includeUnpublished && !isAuthor(ctx)) throw forbidden('only CSRs and ADMINs see drafts');
    const cursor = decodeCursor(after);
    const offset = cursor ? cursor[0] : 0;
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) throw invalidCursor();
    const size = pageSize(first);
    const page = await searchHelpArticles(ctx.db, {
      // The first words are enough: search looks at 8 at most.
      query: query.slice(0, 500),
      channel: channel ?? null,
      productId: productId ?? null,
      category: category ?? null,
      includeUnpublished: includeUnpublished ?? false,
      first: size,
      offset,
    });
    const position = new Map(page.nodes.map((node, i) => [node, offset + i + 1]));
    return toConnection(page, (node) => encodeCursor([position.get(node)!]));
  }

  @Query(() => HelpArticle, {
    description:
      'A help article by id; null when there is none, or it is a draft and the caller is not a CSR or ADMIN. Anyone may read.',
    nullable: true,
  })
  async helpArticle(
    @Arg('id', () => ID, { description: 'The article id.' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<HelpArticle | null> {
    const article = id.length <= 36 ? await helpArticleById(ctx).load(id) : null;
    return article && (article.published || isAuthor(ctx)) ? article : null;
  }

  @Authorized(...AUTHORS)
  @Mutation(() => HelpArticlePayload, {
    description:
      'Creates a help article, or changes `input.id`; it is searchable at once on its channels when published. CSR or ADMIN. userErrors: UNKNOWN_ARTICLE, INVALID_TITLE, INVALID_ANSWER, INVALID_TAG, INVALID_PRODUCT, INVALID_CATEGORY.',
  })
  async upsertHelpArticle(
    @Arg('input', () => HelpArticleInput, { description: 'The article.' }) input: HelpArticleInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<HelpArticlePayload> {
    const { result, userErrors } = await attempt(async () => {
      const published =
        input.published ??
        (input.id && input.id.length <= 36 ? ((await helpArticleById(ctx).load(input.id))?.published ?? false) : false);
      return upsertHelpArticle(ctx.db, { ...input, published, actor: ctx.caller.subject ?? null });
    });
    return { article: result, userErrors };
  }

  @Authorized(...AUTHORS)
  @Mutation(() => HelpArticlePayload, {
    description:
      'Turns an answer given on one channel (a message of a support case) into a help article for every channel; the article remembers the case and channel it came from. CSR or ADMIN. userErrors: UNKNOWN_MESSAGE, INVALID_TITLE, INVALID_ANSWER, INVALID_TAG, INVALID_PRODUCT, INVALID_CATEGORY.',
  })
  async captureHelpArticle(
    @Arg('input', () => CaptureHelpArticleInput, { description: 'The message and how to publish it.' })
    input: CaptureHelpArticleInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<HelpArticlePayload> {
    const { result, userErrors } = await attempt(() =>
      captureHelpArticle(ctx.db, { ...input, actor: ctx.caller.subject ?? null }),
    );
    return { article: result, userErrors };
  }

  @Mutation(() => HelpArticlePayload, {
    description:
      'Counts one view of a published article on a channel (call it when a shopper opens one). Anyone, signed in or not. userErrors: UNKNOWN_ARTICLE (none, or not shown on that channel).',
  })
  recordHelpArticleView(
    @Arg('input', () => HelpArticleFeedbackInput, { description: 'The article and channel.' }) input: HelpArticleFeedbackInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<HelpArticlePayload> {
    return use(ctx, input, 'VIEW');
  }

  @Mutation(() => HelpArticlePayload, {
    description:
      'Counts one "was this helpful?" answer on a published article, per channel, so the team sees which answers work where (`HelpArticle.stats`). Anyone, signed in or not. userErrors: UNKNOWN_ARTICLE.',
  })
  rateHelpArticle(
    @Arg('input', () => RateHelpArticleInput, { description: 'The article, the channel and the answer.' })
    input: RateHelpArticleInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<HelpArticlePayload> {
    return use(ctx, input, input.helpful ? 'HELPFUL' : 'NOT_HELPFUL');
  }

  @Authorized(...AUTHORS)
  @FieldResolver(() => [HelpArticleStat], {
    description: 'Views and "was this helpful" answers per channel it was used on (CSR and ADMIN only; others are FORBIDDEN).',
  })
  stats(@Root() article: HelpArticle, @Ctx() ctx: ServiceContext): Promise<HelpArticleStat[]> {
    return statsByArticle(ctx).load(article.id);
  }

  @FieldResolver(() => [ProductRef], {
    description:
      'The catalog products it is about (`productIds`, resolved by the catalog), in that order; an item is null when the catalog has no such product.',
    nullable: 'items',
  })
  products(@Root() article: HelpArticle): ProductRef[] {
    return article.productIds.map((id) => Object.assign(new ProductRef(), { id }));
  }
}

async function use(ctx: ServiceContext, input: HelpArticleFeedbackInput, kind: HelpArticleUse): Promise<HelpArticlePayload> {
  const channel = input.channel ?? ctx.channel ?? Channel.WEB;
  const { result, userErrors } = await attempt(() =>
    recordHelpArticleUse(ctx.db, { articleId: input.articleId, channel, use: kind, staff: isAuthor(ctx) }),
  );
  return { article: result, userErrors };
}

@Resolver(() => HelpArticleStat)
export class HelpArticleStatResolver {
  @FieldResolver(() => Float, {
    description: 'helpful / (helpful + notHelpful), 0 to 1; null before anyone answered on this channel.',
    nullable: true,
  })
  helpfulRate(@Root() stat: HelpArticleStat): number | null {
    return helpfulRate(stat.helpful, stat.notHelpful);
  }
}

@Resolver(() => ProductRef)
export class ProductHelpResolver {
  @FieldResolver(() => [HelpArticle], {
    description:
      'Published help articles about this product (from CRM, `HelpArticle.productIds`), most recently changed first: the help a product page or the app shows. Anyone may read. Null when CRM does not answer.',
    nullable: true,
  })
  helpArticles(
    @Root() product: ProductRef,
    @Ctx() ctx: ServiceContext,
    @Arg('channel', () => Channel, {
      description: 'Only articles shown on this channel; null: any channel.',
      nullable: true,
    })
    channel?: Channel | null,
  ): Promise<HelpArticle[]> {
    return articlesByProduct(ctx, channel ?? null).load(String(product.id));
  }
}
