import { Channel } from '@omni/platform';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One answer of the knowledge base, the same on every channel that publishes it. */
@ObjectType({
  description:
    'A help article: one answer of the knowledge base, searched by the self-service widget, the app, kiosks and agents alike (`helpArticles`).',
})
@Entity('help_article')
@Index('help_article_published_updated', ['published', 'updatedAt'])
export class HelpArticle {
  @Field(() => ID, { description: 'The article id.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field({ description: 'The question or topic, one line of 1 to 200 characters.' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field({ description: 'The answer, plain text (line breaks kept), 1 to 10,000 characters.' })
  @Column({ type: 'text' })
  answer!: string;

  @Field(() => [String], { description: 'Tags, lower case (at most 20); searched like the title.' })
  @Column({ type: 'simple-array', default: '' })
  tags!: string[];

  @Field(() => [ID], { description: 'Catalog product ids it is about (`Product.id`); empty: none in particular.' })
  @Column({ type: 'simple-array', default: '' })
  productIds!: string[];

  @Field(() => [String], { description: 'Catalog categories it is about (names as in `Product.categoryPath`); empty: none.' })
  @Column({ type: 'simple-array', default: '' })
  categories!: string[];

  @Field(() => [Channel], { description: 'The channels it is shown on; empty: every channel.' })
  @Column({ type: 'simple-array', default: '' })
  channels!: Channel[];

  @Field({ description: 'true: shown to everyone on its channels; false: a draft only CSRs and ADMINs see.' })
  @Column({ type: 'boolean' })
  published!: boolean;

  /** Title, tags, categories and answer: what full-text search indexes (FTS5 mirror on SQLite, GIN on PostgreSQL). */
  @Column({ type: 'text' })
  searchText!: string;

  @Field(() => ID, {
    description: 'The support case whose answer it was captured from; null when written directly.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 36, nullable: true })
  sourceCaseId!: string | null;

  @Field(() => Channel, {
    description: 'The channel the captured answer was first given on; null when written directly.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  sourceChannel!: Channel | null;

  @Field(() => String, { description: 'Who last wrote it (the agent or admin); null when unknown.', nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  updatedBy!: string | null;

  @Field({ description: 'When it was created.' })
  @Column({ type: Date })
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
  @Column({ type: Date })
  updatedAt!: Date;
}

/** How an article does on one channel: views and "was this helpful" answers. */
@ObjectType({ description: 'How a help article does on one channel: views and "was this helpful" answers.' })
@Entity('help_article_stat')
export class HelpArticleStat {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  articleId!: string;

  @Field(() => Channel, { description: 'The channel counted.' })
  @PrimaryColumn({ type: 'varchar', length: 20 })
  channel!: Channel;

  @Field(() => Int, { description: 'Times it was opened on this channel (`recordHelpArticleView`).' })
  @Column({ type: 'int', default: 0 })
  views!: number;

  @Field(() => Int, { description: '"Was this helpful?" answered yes on this channel.' })
  @Column({ type: 'int', default: 0 })
  helpful!: number;

  @Field(() => Int, { description: '"Was this helpful?" answered no on this channel.' })
  @Column({ type: 'int', default: 0 })
  notHelpful!: number;
}
