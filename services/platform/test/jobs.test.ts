/**
 * The job scheduler: intervals from the environment, runs on its interval, disabled at 0, runs
 * on demand, records each run in `job_run`, and one runner per job when two schedulers share a
 * database (in one SQLite process, and with TEST_DATABASE_URL two pools on one PostgreSQL
 * database, as two replicas would).
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  ANONYMOUS,
  ConfigError,
  createLogger,
  JobRun,
  jobIntervalVariable,
  JobScheduler,
  openDatabase,
  Peers,
  scheduledJobs,
  type JobDefinition,
  type ScheduledJob,
  type ServiceContext,
} from '@omni/platform';
import { adminQuery, TEST_DATABASE_URL } from './databases';

const log = createLogger('jobs-test', 'silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const openTestDatabase = async (url?: string) => {
  const db = await openDatabase({
    service: 'jobtest',
    entities: [JobRun],
    migrations: { postgres: [], sqlite: [] },
    url,
    dataDir: ':memory:',
    migrate: false,
    poolSize: 3,
  });
  await db.synchronize();
  return db;
};

const contextOf =
  (db: DataSource) =>
  (requestId: string): ServiceContext => ({
    service: 'jobtest',
    requestId,
    channel: null,
    caller: ANONYMOUS,
    db,
    peers: new Peers(),
    log,
    loaders: new Map(),
  });

/** A job that counts its runs and how many of them overlapped. */
function probe(name: string, intervalSeconds: number, workMs = 0, result: () => number | Promise<number> = () => 1) {
  const stats = { runs: 0, active: 0, maxActive: 0, starts: [] as number[] };
  const job: ScheduledJob = {
    name,
    description: 'test job',
    intervalSeconds,
    variable: jobIntervalVariable('jobtest', name),
    async run() {
      stats.runs++;
      stats.active++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      stats.starts.push(Date.now());
      try {
        if (workMs) await sleep(workMs);
        return await result();
      } finally {
        stats.active--;
      }
    },
  };
  return { job, stats };
}

describe('job intervals from the environment', () => {
  const jobs: JobDefinition[] = [
    { name: 'due-subscriptions', description: '', intervalSeconds: 300, run: async () => 0 },
    { name: 'outbox-prune', description: '', intervalSeconds: 3600, run: async () => 0 },
  ];

  it('names one variable per service and job', () => {
    expect(jobIntervalVariable('orders', 'due-subscriptions')).toBe('JOB_ORDERS_DUE_SUBSCRIPTIONS_INTERVAL_SECONDS');
  });

  it('takes the default, an override, and 0 to disable', () => {
    const scheduled = scheduledJobs('orders', jobs, { JOB_ORDERS_OUTBOX_PRUNE_INTERVAL_SECONDS: '0' });
    expect(scheduled.map((j) => [j.name, j.intervalSeconds])).toEqual([
      ['due-subscriptions', 300],
      ['outbox-prune', 0],
    ]);
    expect(scheduledJobs('orders', jobs, { JOB_ORDERS_DUE_SUBSCRIPTIONS_INTERVAL_SECONDS: ' 60 ' })[0]!.intervalSeconds).toBe(60);
  });

  it.each(['soon', '-5', '1.5', '99999999'])('refuses %j naming the variable', (value) => {
    let error: unknown;
    try {
      scheduledJobs('orders', jobs, { JOB_ORDERS_DUE_SUBSCRIPTIONS_INTERVAL_SECONDS: value });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('JOB_ORDERS_DUE_SUBSCRIPTIONS_INTERVAL_SECONDS');
    expect((error as ConfigError).message.split('\n')).toHaveLength(1);
  });

  it("checks a job's own settings at start", () => {
    const strict: JobDefinition = {
      ...jobs[0]!,
      validate: (env) => {
        if (env.TTL === 'x') throw new ConfigError('TTL', 'is not a number');
      },
    };
    expect(() => scheduledJobs('orders', [strict], { TTL: 'x' })).toThrow('configuration error: TTL');
  });
});

describe('JobScheduler on SQLite', () => {
  let db: DataSource;
  const schedulers: JobScheduler[] = [];
  const scheduler = (jobs: ScheduledJob[]) => {
    const s = new JobScheduler('jobtest', db, jobs, contextOf(db), log, { firstRunDelayMs: 0 });
    schedulers.push(s);
    return s;
  };

  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    await db.destroy();
  });

  it('runs a job on its interval and records the last run', async () => {
    const { job, stats } = probe('sweep', 0.2, 0, () => 7);
    await scheduler([job]).start();
    await sleep(1100);
    // About 5 (on a busy machine fewer); never more than the interval allows.
    expect(stats.runs).toBeGreaterThanOrEqual(3);
    expect(stats.runs).toBeLessThanOrEqual(6);
    const row = await db.getRepository(JobRun).findOneByOrFail({ name: 'sweep' });
    expect(row).toMatchObject({ lastResult: 7, lastError: null });
    expect(row.lastFinishedAt!.getTime()).toBeGreaterThanOrEqual(row.lastStartedAt!.getTime());
  });

  it('does not run a disabled job on a timer, but runs it on demand', async () => {
    const { job, stats } = probe('off', 0);
    const s = scheduler([job]);
    await s.start();
    await sleep(300);
    expect(stats.runs).toBe(0);
    expect(await s.lastRuns()).toEqual([expect.objectContaining({ name: 'off', intervalSeconds: 0, lastStartedAt: null })]);
    const outcome = await s.run('off');
    expect(outcome).toMatchObject({ name: 'off', result: 1, error: null });
    expect(stats.runs).toBe(1);
  });

  it('records a failure, keeps the schedule, and clears the error on the next success', async () => {
    let fail = true;
    const { job } = probe('flaky', 0, 0, () => {
      if (fail) throw new Error('peer down');
      return 3;
    });
    const s = scheduler([job]);
    expect(await s.run('flaky')).toMatchObject({ result: null, error: 'peer down' });
    expect(await db.getRepository(JobRun).findOneByOrFail({ name: 'flaky' })).toMatchObject({
      lastResult: null,
      lastError: 'peer down',
      runner: null,
      leaseUntil: null,
    });
    fail = false;
    expect(await s.run('flaky')).toMatchObject({ result: 3, error: null });
    expect(await db.getRepository(JobRun).findOneByOrFail({ name: 'flaky' })).toMatchObject({ lastResult: 3, lastError: null });
  });

  it('waits for a run in progress before running on demand, and stops', async () => {
    const { job, stats } = probe('slow', 0.1, 150);
    const s = scheduler([job]);
    await s.start();
    await sleep(120);
    expect(stats.active).toBe(1);
    await s.run('slow');
    expect(stats.maxActive).toBe(1);
    await s.stop();
    const runs = stats.runs;
    await sleep(400);
    expect(stats.runs).toBe(runs);
  });

  it('two schedulers on one database: one runner at a time, once per interval', async () => {
    const a = probe('shared', 0.3, 100);
    const b = { ...a.job, run: a.job.run };
    await Promise.all([scheduler([a.job]).start(), scheduler([b]).start()]);
    await sleep(1600);
    expect(a.stats.maxActive).toBe(1);
    // Alone it runs about 1.6 / 0.4 times (0.3 s apart plus 0.1 s of work): not twice that.
    expect(a.stats.runs).toBeGreaterThanOrEqual(2);
    expect(a.stats.runs).toBeLessThanOrEqual(6);
  });

  it('drops the rows of jobs that no longer exist', async () => {
    await db.getRepository(JobRun).insert({ name: 'retired' });
    const { job } = probe('current', 60);
    await scheduler([job]).register();
    expect((await db.getRepository(JobRun).find()).map((r) => r.name)).toEqual(['current']);
  });
});

(TEST_DATABASE_URL ? describe : describe.skip)('JobScheduler on PostgreSQL: two replicas', () => {
  const name = `omni_jobs_${process.pid}_${randomBytes(3).toString('hex')}`;
  let url: string;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('one runner per job across two pools, and an on-demand run elsewhere waits its turn', async () => {
    const first = await openTestDatabase(url);
    const second = await openTestDatabase(url);
    const { job, stats } = probe('shared', 0.3, 120);
    const replicas = [first, second].map(
      (db) => new JobScheduler('jobtest', db, [job], contextOf(db), log, { firstRunDelayMs: 0 }),
    );
    try {
      await Promise.all(replicas.map((r) => r.start()));
      await sleep(2000);
      expect(stats.maxActive).toBe(1);
      expect(stats.runs).toBeGreaterThanOrEqual(3);
      // One replica alone: 2 s / (0.3 s + 0.12 s) ≈ 5; both running it would be about twice that.
      expect(stats.runs).toBeLessThanOrEqual(7);
      await Promise.all(replicas.map((r) => r.stop()));

      // While one replica holds the lease, the other's on-demand run is refused (null), not doubled.
      const { job: held } = probe('held', 0, 300);
      const [a, b] = [first, second].map((db) => new JobScheduler('jobtest', db, [held], contextOf(db), log));
      await a!.register();
      const running = a!.run('held');
      await sleep(100);
      expect(await b!.run('held')).toBeNull();
      expect(await running).toMatchObject({ result: 1, error: null });
      expect(await b!.run('held')).toMatchObject({ result: 1 });
      await Promise.all([a!.stop(), b!.stop()]);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });
});
