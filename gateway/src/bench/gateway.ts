/**
 * `pnpm bench:gateway [--duration 10] [--connections 10] [--rounds 3] [--idle 10] [--hive]
 *   [--json out.json] [--distributed DIR [--database NAME]] [--only CASE]`
 *
 * Starts the embedded system in a child process (serve.ts), or with `--distributed DIR` uses the
 * running `scripts/distributed.sh` whose DIST_DIR is DIR (start it with RATE_LIMIT_PER_MINUTE and
 * RATE_LIMIT_ANONYMOUS_PER_MINUTE high, e.g. 100000000; `--database` names its PostgreSQL
 * database, whose backends then count as the system's CPU). Seeds the demo retailer (unless
 * seeded) and the bench's fixture (fixture.ts), and loads it with autocannon from this process,
 * 127.0.0.1 only: the cases (cases.ts) in turn, round after round (A, B, C, ..., A, B, ...), so a
 * neighbour's burst hits every case alike. `--hive` adds anonymous SearchProducts through Hive
 * Gateway on the same subgraphs (hive.ts). Then the system idles for `--idle` seconds.
 *
 * Prints the median of the rounds (report.ts): req/s, p50 and p99 latency, the system's CPU per
 * request (user + system of its processes; the load generator is not counted) and SQL statements
 * per request (every statement the services' databases receive, BEGIN/COMMIT and the outbox's
 * bookkeeping included, from db_statements_total), both counted until the system idles again for a
 * case that sets off events, so its consumers count too; Customer360's statements for 5 and 50
 * orders from single requests; then each performance target (targets.ts) against this run.
 * No thresholds: the numbers are for reading (the targets are mostly ratios between cases).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { GatewayClient } from '../client';
import { issueToken } from '../token';
import { benchCases, type Case } from './cases';
import { prepareFixture } from './fixture';
import { startHive, type Hive } from './hive';
import { idle, runCase, send, settle, statementsOfOne, type Exact, type Idle, type Measured } from './measure';
import { report } from './report';
import { distributed, embedded, type Target } from './target';

/** Sends a case's request a few times: it must answer without errors (and its code paths warm up). */
async function answers(c: Case): Promise<string | null> {
  for (let i = 0; i < 3; i++) {
    const problem = await send(c);
    if (problem) return problem;
  }
  return null;
}

/** The cases that answer; one that does not stops the run, unless it is an optional comparison. */
async function warmUp(cases: Case[]): Promise<Case[]> {
  const answering: Case[] = [];
  for (const c of cases) {
    const problem = await answers(c);
    if (!problem) answering.push(c);
    else if (c.optional) process.stderr.write(`${c.name} skipped: ${problem}\n`);
    else throw new Error(`${c.name}: ${problem}`);
  }
  return answering;
}

/** The cases in turn, round after round (A, B, C, ..., A, B, ...), so a neighbour's burst hits every case alike. */
async function measureRounds(target: Target, cases: Case[], load: { duration: number; connections: number; rounds: number }) {
  const samples = new Map<string, Measured[]>(cases.map((c) => [c.id, []]));
  const loadAverages: number[] = [];
  for (let round = 1; round <= load.rounds; round++) {
    for (const c of cases) {
      const m = await runCase(target, c, load.duration, load.connections);
      samples.get(c.id)!.push(m);
      loadAverages.push(loadavg()[0]!);
      process.stderr.write(
        `round ${round} ${c.name}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ` +
          `${m.cpuMs.toFixed(2)} ms CPU/req, ${m.statements.toFixed(1)} SQL/req, ${m.errors} errors\n`,
      );
    }
  }
  return { samples, load: loadAverages };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      idle: { type: 'string', default: '10' },
      hive: { type: 'boolean', default: false },
      json: { type: 'string' },
      distributed: { type: 'string' },
      database: { type: 'string' },
      // Only the cases whose id or name contains this (e.g. `customer360` while profiling one path).
      only: { type: 'string' },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  const target: Target = values.distributed ? await distributed(values.distributed, values.database) : await embedded();
  let hive: Hive | null = null;
  try {
    const token = await issueToken(
      { roles: ['ADMIN', 'CSR'], subject: 'bench-back-office', ttlSeconds: 6 * 3600 },
      { secret: target.authSecret },
    );
    const admin = new GatewayClient(target.gatewayUrl, { 'x-channel': 'WEB', authorization: `Bearer ${token}` });
    const fixture = await prepareFixture(admin);
    if (values.hive) hive = await startHive(target);
    const only = values.only?.toLowerCase();
    const chosen = benchCases(target, fixture, token, hive ?? undefined).filter(
      (c) => !only || c.id.toLowerCase().includes(only) || c.name.toLowerCase().includes(only),
    );
    const cases = await warmUp(chosen);
    await settle(target);
    // Customer360's statements for 5 and 50 orders, exactly (single requests, not under load).
    const history: Record<string, Exact> = {};
    for (const c of cases.filter((c) => c.id.startsWith('customer360Orders'))) history[c.id] = await statementsOfOne(target, c);

    const { samples, load } = await measureRounds(target, cases, { duration, connections, rounds });
    const hiveVersion = hive?.version ?? null;
    await hive?.stop();
    hive = null;
    const quiet: Idle | null = Number(values.idle) > 0 ? await idle(target, Number(values.idle)) : null;

    report(
      {
        mode: `${target.mode}${hiveVersion ? `, Hive Gateway ${hiveVersion}` : ''}`,
        distributed: target.distributed,
        connections,
        rounds,
        duration,
        load,
        cases,
        samples,
        history,
        idle: quiet,
      },
      values.json,
    );
  } finally {
    await hive?.stop();
    await target.close();
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
