/**
 * `pnpm bench:gateway [--duration 10] [--connections 10] [--rounds 3] [--idle 10] [--hive]
 *   [--json out.json] [--distributed DIR [--database NAME]]`
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
 * Prints the median of the rounds: req/s, p50 and p99 latency, the system's CPU per request (user
 * + system of its processes; the load generator is not counted; a case's CPU runs until the system
 * idles again, its events' consumers included) and SQL statements per request (every statement
 * the services' databases receive, BEGIN/COMMIT and the outbox's bookkeeping included, from
 * db_statements_total), then each target of the performance issue against this run.
 * No thresholds: the numbers are for reading (the targets are mostly ratios between cases).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { GatewayClient } from '../client';
import { issueToken } from '../token';
import { benchCases, type Case } from './cases';
import { prepareFixture } from './fixture';
import { startHive, type Hive } from './hive';
import { idle, median, runCase, settle, type Idle, type Measured } from './measure';
import { distributed, embedded, type Target } from './target';
import { verdicts, type Row } from './targets';

/** Sends a case's request a few times: it must answer without errors (and its code paths warm up). */
async function answers(c: Case): Promise<string | null> {
  for (let i = 0; i < 3; i++) {
    const response = await fetch(c.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...c.headers() },
      body: c.body(),
    });
    const text = await response.text();
    if (!response.ok || /"errors"|"userErrors":\[\{/.test(text)) return `${response.status} ${text.slice(0, 500)}`;
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

function summarize(c: Case, samples: Measured[]): Row {
  const of = (pick: (m: Measured) => number) => median(samples.map(pick));
  return {
    id: c.id,
    case: c.name,
    'req/s': Math.round(of((m) => m.rps)),
    'p50 ms': of((m) => m.p50),
    'p99 ms': of((m) => m.p99),
    'CPU ms/req': Number(of((m) => m.cpuMs).toFixed(2)),
    'SQL/req': Number(of((m) => m.statements).toFixed(1)),
    errors: samples.reduce((sum, m) => sum + m.errors, 0),
  };
}

/** Statements per request by service, medians over the rounds. */
function byService(samples: Measured[]): Record<string, number> {
  const services = [...new Set(samples.flatMap((m) => Object.keys(m.byService)))].sort();
  return Object.fromEntries(services.map((s) => [s, Number(median(samples.map((m) => m.byService[s] ?? 0)).toFixed(1))]));
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
    const cases = await warmUp(benchCases(target, fixture, token, hive ?? undefined));
    await settle(target);

    const samples = new Map<string, Measured[]>(cases.map((c) => [c.id, []]));
    const load: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const c of cases) {
        const m = await runCase(target, c, duration, connections);
        samples.get(c.id)!.push(m);
        load.push(loadavg()[0]!);
        process.stderr.write(
          `round ${round} ${c.name}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ` +
            `${m.cpuMs.toFixed(2)} ms CPU/req, ${m.statements.toFixed(1)} SQL/req, ${m.errors} errors\n`,
        );
      }
    }
    const hiveVersion = hive?.version ?? null;
    await hive?.stop();
    hive = null;
    const quiet: Idle | null = Number(values.idle) > 0 ? await idle(target, Number(values.idle)) : null;

    const table = cases.map((c) => summarize(c, samples.get(c.id)!));
    const statementsByService = Object.fromEntries(cases.map((c) => [c.id, byService(samples.get(c.id)!)]));
    const results = { distributed: target.distributed, rows: new Map(table.map((row) => [row.id, row])), idle: quiet };
    const judged = verdicts(results);

    const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()})`;
    const comparison = hiveVersion ? `, Hive Gateway ${hiveVersion}` : '';
    process.stdout.write(
      `${target.mode}${comparison}, ${machine}, ${connections} connections, ${rounds} rounds of ${duration} s per case, medians; ` +
        `load average during the run ${Math.min(...load).toFixed(2)}..${Math.max(...load).toFixed(2)}\n` +
        'SQL/req: every statement the databases receive (BEGIN/COMMIT, outbox and de-duplication bookkeeping included), its events included\n',
    );
    console.table(table.map(({ id: _id, ...row }) => row));
    for (const id of ['placeOrder', 'reserveStock']) {
      const split = Object.entries(statementsByService[id] ?? {}).filter(([, n]) => n > 0);
      if (split.length) process.stdout.write(`${id} SQL/req by service: ${split.map(([s, n]) => `${s} ${n}`).join(', ')}\n`);
    }
    if (quiet) {
      process.stdout.write(
        `idle, ${quiet.seconds.toFixed(0)} s without traffic: ${quiet.cpuPercent.toFixed(1)}% of one core, ` +
          `${quiet.statementsPerSecond.toFixed(1)} SQL statements/s\n`,
      );
    }
    for (const v of judged) process.stdout.write(`${v.met ? 'met    ' : 'NOT MET'}  ${v.target}: ${v.measured}\n`);
    if (values.json) {
      const json = {
        mode: target.mode,
        hiveGateway: hiveVersion,
        machine,
        connections,
        rounds,
        duration,
        load,
        table,
        statementsByService,
        idle: quiet,
        targets: judged,
      };
      writeFileSync(values.json, JSON.stringify(json, null, 2));
    }
  } finally {
    await hive?.stop();
    await target.close();
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
