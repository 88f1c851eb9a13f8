import { Authorized, Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver } from 'type-graphql';
import { Role } from '../access';
import type { ServiceContext } from '../context';
import { ServiceOperations } from '../operations';
import { JobRun } from './job-run';

@Directive('@shareable')
@ObjectType('ScheduledJob', { description: "A service's periodic job: its interval and how its last run went." })
export class ScheduledJobView {
  @Field({ description: 'kebab-case, unique within the service, e.g. `reservation-expiry`.' })
  name!: string;

  @Field(() => Int, { description: 'Seconds between runs (JOB_<SERVICE>_<NAME>_INTERVAL_SECONDS); 0: runs only by hand.' })
  intervalSeconds!: number;

  @Field(() => Date, { nullable: true, description: 'When its most recent run started, on any replica; null: never run.' })
  lastStartedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Null while the first run is in progress, or before any.' })
  lastFinishedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'How many things the last run changed; null when it failed.' })
  lastResult!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last run failed; null when it succeeded.' })
  lastError!: string | null;

  @Field({ description: 'A replica is running it now (holds its lease).' })
  running!: boolean;

  static of(row: JobRun, now: Date): ScheduledJobView {
    return Object.assign(new ScheduledJobView(), {
      name: row.name,
      intervalSeconds: row.intervalSeconds,
      lastStartedAt: row.lastStartedAt,
      lastFinishedAt: row.lastFinishedAt,
      lastResult: row.lastResult,
      lastError: row.lastError,
      running: row.runner !== null && row.leaseUntil !== null && row.leaseUntil > now,
    });
  }
}

/**
 * `ServiceOperations.jobs`: read from the service's own `job_run` table. Listed in operations.ts
 * (OPERATIONS_FIELD_RESOLVERS), which is the only module that imports this one: the type thunks
 * above resolve ServiceOperations lazily, so the import cycle is harmless.
 */
@Resolver(() => ServiceOperations)
export class ServiceJobsResolver {
  @Authorized(Role.ADMIN)
  @FieldResolver(() => [ScheduledJobView], { description: "The service's scheduled jobs by name, each with its last run." })
  async jobs(@Ctx() ctx: ServiceContext): Promise<ScheduledJobView[]> {
    const rows = await ctx.db.getRepository(JobRun).find({ order: { name: 'ASC' } });
    const now = new Date();
    return rows.map((row) => ScheduledJobView.of(row, now));
  }
}
