import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from './access';
import type { ServiceContext } from './context';
import { deadLetterSummary, parkedDeadLetters, replayDeadLetters, type DeadLetter } from './events/dead-letter';
import { outboxBacklog } from './events/outbox';
import { pageSize } from './graphql/connection';
import { ServiceJobsResolver } from './jobs/jobs.resolver';

/**
 * The `Operations` view of the supergraph (ADMIN only): one `Operations` entity to which every
 * subgraph contributes the field named after itself (`crm`, `catalog`...: `ServiceOperations`),
 * and a `replay<Service>DeadLetters` mutation per subgraph. `buildSubgraph` adds these resolvers
 * to every service, so no service declares them. The value types are `@shareable`: each subgraph
 * defines them identically and resolves them from its own database.
 */

/** Which subgraph serves `Query.operations` (a root field may live in one subgraph only). */
export const OPERATIONS_QUERY_SERVICE = 'inventory';
const OPERATIONS_ID = 'operations';

@Directive('@shareable')
@ObjectType('DeadLetter', {
  description: 'An event a consumer failed to apply EVENT_MAX_DELIVERIES times: acknowledged, parked until replayed.',
})
export class DeadLetterView {
  @Field({ description: 'The consumer, `<service>-<name>`.' })
  consumer!: string;

  @Field(() => ID, { description: 'The event id: pass it to `replay<Service>DeadLetters(eventIds:)`.' })
  eventId!: string;

  @Field({ description: 'The event type, e.g. `orders.order.placed`.' })
  type!: string;

  @Field({ description: 'The error of the last failed attempt.' })
  error!: string;

  @Field(() => Int, { description: 'Failed deliveries and replays so far.' })
  attempts!: number;

  @Field(() => Date, { description: 'When its first delivery failed.' })
  firstFailedAt!: Date;

  @Field(() => Date, { description: 'When its most recent delivery or replay failed.' })
  lastFailedAt!: Date;

  @Field(() => Date, { description: 'When it was parked (stopped being retried).' })
  parkedAt!: Date;

  static of(letter: DeadLetter): DeadLetterView {
    return Object.assign(new DeadLetterView(), {
      consumer: letter.consumer,
      eventId: letter.eventId,
      type: letter.type,
      error: letter.error,
      attempts: letter.attempts,
      firstFailedAt: letter.firstFailedAt,
      lastFailedAt: letter.lastFailedAt,
      parkedAt: letter.parkedAt ?? letter.lastFailedAt,
    });
  }
}

@Directive('@shareable')
@ObjectType({ description: "A service's parked dead letters, oldest first." })
export class DeadLetters {
  @Field(() => Int, { description: 'Parked letters not replayed yet.' })
  totalCount!: number;

  @Field(() => String, { nullable: true, description: 'The error of the most recent failure among them.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the most recent failure among them happened; null: none parked.' })
  lastFailedAt!: Date | null;

  @Field(() => [DeadLetterView], { description: 'The parked letters, oldest first, at most `first` of them.' })
  nodes!: DeadLetterView[];
}

/**
 * One service's event machinery: its outbox backlog and dead letters. Defined here only;
 * further fields come as `@FieldResolver(() => ..., ...)` of `ServiceOperations` in a resolver
 * listed in `OPERATIONS_FIELD_RESOLVERS`, so every subgraph serves them alike.
 */
@Directive('@shareable')
@ObjectType({ description: "One service's operational state (ADMIN)." })
export class ServiceOperations {
  @Field({ description: 'The service: crm, catalog, inventory, orders or loyalty.' })
  service!: string;

  /** The backlog read once per object, whichever of its fields are asked for. */
  backlog?: ReturnType<typeof outboxBacklog>;

  static of(service: string): ServiceOperations {
    return Object.assign(new ServiceOperations(), { service });
  }
}

/** The `Operations` entity: every subgraph declares it with its own field (see `operationsSubgraph`). */
export interface Operations {
  id: string;
}

@Directive('@shareable')
@ObjectType({ description: 'What a `replay<Service>DeadLetters` mutation did.' })
export class ReplayDeadLettersPayload {
  @Field(() => Int, { description: 'Letters whose event is applied now.' })
  replayed!: number;

  @Field(() => [DeadLetterView], { description: 'Letters that failed again: still parked, with the new error.' })
  stillParked!: DeadLetterView[];

  @Field(() => ServiceOperations, { description: "The service's state after the replay." })
  operations!: ServiceOperations;
}

@Resolver(() => ServiceOperations)
export class ServiceOperationsResolver {
  @Authorized(Role.ADMIN)
  @FieldResolver(() => Int, { description: 'Outbox events not published yet.' })
  async outboxBacklog(@Root() ops: ServiceOperations, @Ctx() ctx: ServiceContext): Promise<number> {
    return (await backlogOf(ops, ctx)).count;
  }

  @Authorized(Role.ADMIN)
  @FieldResolver(() => Int, { description: 'Of those, events whose publish failed at least once (retried with backoff).' })
  async outboxFailing(@Root() ops: ServiceOperations, @Ctx() ctx: ServiceContext): Promise<number> {
    return (await backlogOf(ops, ctx)).failing;
  }

  @Authorized(Role.ADMIN)
  @FieldResolver(() => Date, { nullable: true, description: 'When the oldest unpublished event was recorded.' })
  async oldestUnpublishedAt(@Root() ops: ServiceOperations, @Ctx() ctx: ServiceContext): Promise<Date | null> {
    return (await backlogOf(ops, ctx)).oldestCreatedAt;
  }

  @Authorized(Role.ADMIN)
  @FieldResolver(() => DeadLetters, { description: "The service's parked dead letters (ADMIN)." })
  async deadLetters(
    @Ctx() ctx: ServiceContext,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
  ): Promise<DeadLetters> {
    const [summary, letters] = await Promise.all([
      deadLetterSummary(ctx.db),
      parkedDeadLetters(ctx.db, { limit: pageSize(first) }),
    ]);
    return Object.assign(new DeadLetters(), {
      totalCount: summary.count,
      lastError: summary.lastError,
      lastFailedAt: summary.lastFailedAt,
      nodes: letters.map(DeadLetterView.of),
    });
  }
}

function backlogOf(ops: ServiceOperations, ctx: ServiceContext): ReturnType<typeof outboxBacklog> {
  ops.backlog ??= outboxBacklog(ctx.db);
  return ops.backlog;
}

/** Resolvers of `ServiceOperations` fields, in every subgraph (add yours here). */
export const OPERATIONS_FIELD_RESOLVERS: Function[] = [ServiceOperationsResolver, ServiceJobsResolver];

/** `replayCrmDeadLetters` for service `crm`. */
export function replayMutationName(service: string): string {
  return `replay${service[0]!.toUpperCase()}${service.slice(1)}DeadLetters`;
}

/** What `buildSubgraph` adds to a service's subgraph. */
export interface OperationsSubgraph {
  resolvers: Function[];
  /** The service's own `Operations` class (not reachable from its root fields except in one service). */
  orphanedTypes: Function[];
}

const perService = new Map<string, OperationsSubgraph>();

/**
 * The operations part of one subgraph: its own `Operations` entity class with the field named
 * after the service, its replay mutation, the shared `ServiceOperations` field resolvers, and
 * `Query.operations` in OPERATIONS_QUERY_SERVICE. type-graphql adds a field resolver's field to
 * its object type's metadata for good, so each service gets an `Operations` class of its own
 * (made once per service name), or one service's field would show in the next one's schema.
 */
export function operationsSubgraph(service: string): OperationsSubgraph {
  const built = perService.get(service);
  if (built) return built;

  @Directive('@key(fields: "id")')
  @ObjectType('Operations', { description: 'Operational state of every service (ADMIN): one field per service.' })
  class ServiceOperationsEntity implements Operations {
    @Field(() => ID, { description: 'Always `operations`: there is one such object.' })
    id!: string;
  }

  @Resolver(() => ServiceOperationsEntity)
  class OperationsFieldResolver {
    @Authorized(Role.ADMIN)
    @FieldResolver(() => ServiceOperations, { name: service, nullable: true, description: `The ${service} service.` })
    serviceOperations(@Ctx() ctx: ServiceContext): ServiceOperations {
      return ServiceOperations.of(ctx.service);
    }
  }

  @Resolver()
  class OperationsQueryResolver {
    @Authorized(Role.ADMIN)
    @Query(() => ServiceOperationsEntity, { description: 'Outbox backlogs and dead letters of every service (ADMIN).' })
    operations(): ServiceOperationsEntity {
      return Object.assign(new ServiceOperationsEntity(), { id: OPERATIONS_ID });
    }
  }

  @Resolver()
  class ReplayDeadLettersResolver {
    @Authorized(Role.ADMIN)
    @Mutation(() => ReplayDeadLettersPayload, {
      name: replayMutationName(service),
      description:
        `Applies parked dead letters of ${service} again (each through its consumer, exactly once); ` +
        'a letter that fails again stays parked. Without eventIds: every parked letter (at most 500 a call).',
    })
    async replay(
      @Ctx() ctx: ServiceContext,
      @Arg('eventIds', () => [ID], {
        nullable: true,
        description: 'The letters to replay (`DeadLetter.eventId`); null: every parked letter.',
      })
      eventIds?: string[] | null,
      @Arg('consumer', () => String, { nullable: true, description: '`<service>-<name>`: only this consumer.' })
      consumer?: string | null,
    ): Promise<ReplayDeadLettersPayload> {
      const outcomes = await replayDeadLetters(ctx.db, { eventIds, consumer });
      const failed = outcomes.filter((o) => !o.replayed);
      ctx.log.info({ replayed: outcomes.length - failed.length, failed: failed.length }, 'dead letters replayed');
      const stillParked = failed.length
        ? await parkedDeadLetters(ctx.db, { eventIds: [...new Set(failed.map((o) => o.eventId))], consumer })
        : [];
      return Object.assign(new ReplayDeadLettersPayload(), {
        replayed: outcomes.length - failed.length,
        stillParked: stillParked.map(DeadLetterView.of),
        operations: ServiceOperations.of(ctx.service),
      });
    }
  }

  const resolvers: Function[] = [OperationsFieldResolver, ReplayDeadLettersResolver, ...OPERATIONS_FIELD_RESOLVERS];
  if (service === OPERATIONS_QUERY_SERVICE) resolvers.push(OperationsQueryResolver);
  const subgraph = { resolvers, orphanedTypes: [ServiceOperationsEntity] };
  perService.set(service, subgraph);
  return subgraph;
}
