import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Not, In, type DataSource } from 'typeorm';
import { z } from 'zod';
import { readConfig } from '../config';
import type { ServiceContext } from '../context';
import { inTransaction } from '../database';
import type { Logger } from '../logger';
import { JobRun } from './job-run';

/** What a job's run receives: a service context (caller: the service itself) and the run's start time. */
export interface JobContext extends ServiceContext {
  now: Date;
}

/** A periodic sweep a service declares in its `ServiceDefinition.jobs`. */
export interface JobDefinition {
  /** kebab-case, unique within the service: `reservation-expiry`. */
  name: string;
  /** One line for the README and the logs. */
  description: string;
  /** Seconds between runs unless `JOB_<SERVICE>_<NAME>_INTERVAL_SECONDS` says otherwise; 0 disables. */
  intervalSeconds: number;
  /** How long a run may hold the job before another replica may take it (default 600; renewed while running). */
  leaseSeconds?: number;
  /** Reads and checks the job's own settings at start: a ConfigError stops the service. */
  validate?(env: NodeJS.ProcessEnv): void;
  /** One sweep; returns how many things it changed. Must be safe to run twice. */
  run(ctx: JobContext): Promise<number | void>;
}

/** A job with the interval this process runs it at. */
export interface ScheduledJob extends JobDefinition {
  /** The environment variable that sets the interval. */
  variable: string;
}

/** How one run went; `error` is set when the run threw. */
export interface JobOutcome {
  name: string;
  startedAt: Date;
  finishedAt: Date;
  result: number | null;
  error: string | null;
}

/** The longest timer Node.js keeps (about 24.8 days). */
const MAX_INTERVAL_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
const DEFAULT_LEASE_SECONDS = 600;

/** `JOB_ORDERS_DUE_SUBSCRIPTIONS_INTERVAL_SECONDS` for job `due-subscriptions` of `orders`. */
export function jobIntervalVariable(service: string, job: string): string {
  return `JOB_${`${service}_${job}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_INTERVAL_SECONDS`;
}

/**
 * The service's jobs with their intervals read from the environment and validated: a bad value
 * is a ConfigError naming the variable (the process exits 2 with that line).
 */
export function scheduledJobs(service: string, jobs: JobDefinition[], env: NodeJS.ProcessEnv = process.env): ScheduledJob[] {
  const seen = new Set<string>();
  return jobs.map((job) => {
    if (!/^[a-z][a-z0-9-]*$/.test(job.name)) throw new Error(`job name "${job.name}" is not kebab-case`);
    if (seen.has(job.name)) throw new Error(`job ${job.name} is declared twice in ${service}`);
    seen.add(job.name);
    const variable = jobIntervalVariable(service, job.name);
    const schema = z.coerce
      .number()
      .int()
      .min(0, 'must be 0 (disabled) or more seconds')
      .max(MAX_INTERVAL_SECONDS, `must be at most ${MAX_INTERVAL_SECONDS} seconds`)
      .default(job.intervalSeconds);
    const intervalSeconds = readConfig({ [variable]: schema }, env)[variable] as number;
    job.validate?.(env);
    return { ...job, intervalSeconds, variable };
  });
}

export interface SchedulerOptions {
  /** Delay of the first run of a job that never ran or is overdue (default 10 s, at most its interval). */
  firstRunDelayMs?: number;
}

/**
 * Runs a service's jobs on their intervals. Every run first claims the job's `job_run` row with
 * a conditional UPDATE (no lease held by another runner, and for a scheduled run: not started
 * by anybody within the interval), so across replicas on one PostgreSQL database a job runs
 * once per interval, by one of them; the lease is renewed while the run lasts and ends with it.
 * The same statement works on SQLite, where a process is alone with its file anyway.
 */
export class JobScheduler {
  /** This process's name in `job_run.runner`. */
  readonly runner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<JobOutcome | null>>();
  private stopped = true;
  private registered = false;
  private readonly firstRunDelayMs: number;

  constructor(
    readonly service: string,
    private readonly db: DataSource,
    readonly jobs: readonly ScheduledJob[],
    private readonly context: (requestId: string) => ServiceContext,
    private readonly log: Logger,
    options: SchedulerOptions = {},
  ) {
    this.firstRunDelayMs = options.firstRunDelayMs ?? 10_000;
  }

  /** Writes one `job_run` row per job (with its interval) and drops the rows of jobs that no longer exist. */
  async register(): Promise<void> {
    const names = this.jobs.map((j) => j.name);
    await inTransaction(this.db, async (manager) => {
      const gone = manager.createQueryBuilder().delete().from(JobRun);
      await (names.length ? gone.where({ name: Not(In(names)) }) : gone).execute();
      for (const job of this.jobs) {
        await manager.createQueryBuilder().insert().into(JobRun).values({ name: job.name }).orIgnore().execute();
        await manager.update(JobRun, { name: job.name }, { intervalSeconds: Math.ceil(job.intervalSeconds) });
      }
    });
    this.registered = true;
  }

  /** Registers the jobs and starts the timers of the enabled ones. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    if (!this.registered) await this.register();
    this.stopped = false;
    const rows = new Map((await this.db.getRepository(JobRun).find()).map((r) => [r.name, r]));
    for (const job of this.jobs) {
      if (job.intervalSeconds <= 0) continue;
      const intervalMs = job.intervalSeconds * 1000;
      const last = rows.get(job.name)?.lastStartedAt;
      const dueIn = last ? last.getTime() + intervalMs - Date.now() : 0;
      this.schedule(job, Math.min(intervalMs, Math.max(this.firstRunDelayMs, dueIn)));
    }
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  /**
   * Runs `name` now, whatever its interval (also when disabled), after a run of it in this
   * process finishes. Null when another replica holds it.
   */
  async run(name: string): Promise<JobOutcome | null> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`${this.service} has no job ${name}`);
    if (!this.registered) await this.register();
    for (let current = this.running.get(name); current; current = this.running.get(name)) await current;
    return this.track(job, false);
  }

  /** Every job's row: the last run and whoever runs it now. */
  lastRuns(): Promise<JobRun[]> {
    return this.db.getRepository(JobRun).find({ order: { name: 'ASC' } });
  }

  private schedule(job: ScheduledJob, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(job.name);
      const run = this.running.get(job.name) ?? this.track(job, true);
      void run.finally(() => this.schedule(job, job.intervalSeconds * 1000));
    }, delayMs);
    // A process with nothing else to do may exit: a pending job does not keep it alive.
    timer.unref();
    this.timers.set(job.name, timer);
  }

  private track(job: ScheduledJob, scheduled: boolean): Promise<JobOutcome | null> {
    const run = this.claimAndRun(job, scheduled).finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }

  private async claimAndRun(job: ScheduledJob, scheduled: boolean): Promise<JobOutcome | null> {
    const startedAt = new Date();
    const leaseMs = (job.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
    let claimed: boolean;
    try {
      claimed = await this.claim(job, startedAt, leaseMs, scheduled);
    } catch (error) {
      this.log.warn({ job: job.name, err: (error as Error).message }, 'job not claimed');
      return null;
    }
    if (!claimed) return null;
    const renew = setInterval(() => {
      this.renew(job, leaseMs).catch((error: Error) =>
        this.log.warn({ job: job.name, err: error.message }, 'job lease not renewed'),
      );
    }, leaseMs / 3);
    renew.unref();
    let result: number | null = null;
    let error: string | null = null;
    try {
      const ctx = this.context(`job:${job.name}:${randomUUID()}`);
      result = (await job.run({ ...ctx, now: startedAt })) ?? 0;
    } catch (thrown) {
      error = (thrown instanceof Error ? thrown.message : String(thrown)).slice(0, 500) || 'failed';
      this.log.error({ job: job.name, err: error }, 'job failed');
    } finally {
      clearInterval(renew);
    }
    const finishedAt = new Date();
    try {
      const kept = await this.finish(job, { lastFinishedAt: finishedAt, lastResult: result, lastError: error });
      if (!kept) this.log.warn({ job: job.name }, 'job lease was taken over before the run finished');
    } catch (failure) {
      this.log.warn({ job: job.name, err: (failure as Error).message }, 'job run not recorded');
    }
    if (!error) this.log.debug({ job: job.name, result, ms: finishedAt.getTime() - startedAt.getTime() }, 'job ran');
    return { name: job.name, startedAt, finishedAt, result, error };
  }

  /**
   * The job's row, taken if nobody holds it (and, for a scheduled run, if nobody started it
   * within the interval, less a tenth of it for timer drift). One conditional UPDATE: on
   * PostgreSQL a second replica's UPDATE waits for the first and then no longer matches.
   */
  private async claim(job: ScheduledJob, now: Date, leaseMs: number, scheduled: boolean): Promise<boolean> {
    return inTransaction(this.db, async (manager) => {
      let update = manager
        .createQueryBuilder()
        .update(JobRun)
        .set({ runner: this.runner, leaseUntil: new Date(now.getTime() + leaseMs), lastStartedAt: now })
        .where('name = :name', { name: job.name })
        .andWhere('("leaseUntil" IS NULL OR "leaseUntil" < :now)', { now });
      if (scheduled) {
        const intervalMs = job.intervalSeconds * 1000;
        const due = new Date(now.getTime() - intervalMs + Math.min(intervalMs / 10, 5000));
        update = update.andWhere('("lastStartedAt" IS NULL OR "lastStartedAt" <= :due)', { due });
      }
      return (await update.execute()).affected === 1;
    });
  }

  private async renew(job: ScheduledJob, leaseMs: number): Promise<void> {
    await this.finish(job, { leaseUntil: new Date(Date.now() + leaseMs) }, false);
  }

  /** Updates the job's row if this process still holds it; ends the lease unless `release` is false. */
  private finish(job: ScheduledJob, values: Partial<JobRun>, release = true): Promise<boolean> {
    return inTransaction(this.db, async (manager) => {
      const changed = await manager
        .createQueryBuilder()
        .update(JobRun)
        .set(release ? { ...values, runner: null, leaseUntil: null } : values)
        .where('name = :name AND runner = :runner', { name: job.name, runner: this.runner })
        .execute();
      return changed.affected === 1;
    });
  }
}
