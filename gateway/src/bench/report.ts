import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Case } from './cases';
import { median, type Exact, type Idle, type Measured } from './measure';
import { verdicts, type Row } from './targets';

/** Everything a run measured. */
export interface Run {
  mode: string;
  distributed: boolean;
  connections: number;
  rounds: number;
  duration: number;
  /** The load average after each case. */
  load: number[];
  cases: Case[];
  /** Each case's rounds, by case id. */
  samples: Map<string, Measured[]>;
  /** One Customer360 request's statements, by case id. */
  history: Record<string, Exact>;
  idle: Idle | null;
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

const split = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([service, n]) => `${service} ${n}`)
    .join(', ');

/** Prints the table, the statements by service, the idle reading and the targets; writes them as JSON to `jsonPath`. */
export function report(run: Run, jsonPath?: string): void {
  const table = run.cases.map((c) => summarize(c, run.samples.get(c.id)!));
  const statementsByService = Object.fromEntries(run.cases.map((c) => [c.id, byService(run.samples.get(c.id)!)]));
  const targets = verdicts({
    distributed: run.distributed,
    rows: new Map(table.map((row) => [row.id, row])),
    idle: run.idle,
    history: run.history,
  });
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()})`;
  const out = (line: string) => process.stdout.write(`${line}\n`);

  out(
    `${run.mode}, ${machine}, ${run.connections} connections, ${run.rounds} rounds of ${run.duration} s per case, medians; ` +
      `load average during the run ${Math.min(...run.load).toFixed(2)}..${Math.max(...run.load).toFixed(2)}`,
  );
  out(
    'SQL/req: every statement the databases receive (BEGIN/COMMIT, outbox and de-duplication bookkeeping included), its events included',
  );
  console.table(table.map(({ id: _id, ...row }) => row));
  for (const id of ['placeOrder', 'reserveStock']) {
    if (split(statementsByService[id] ?? {})) out(`${id} SQL/req by service: ${split(statementsByService[id]!)}`);
  }
  const { customer360Orders5: five, customer360Orders50: fifty } = run.history;
  if (five && fifty) {
    out(
      `Customer360 orders(first: 50), one request: ${five.total} SQL statements for 5 orders (${split(five.byService)}), ` +
        `${fifty.total} for 50 (${split(fifty.byService)})`,
    );
  }
  if (run.idle) {
    out(
      `idle, ${run.idle.seconds.toFixed(0)} s without traffic: ${run.idle.cpuPercent.toFixed(1)}% of one core, ` +
        `${run.idle.statementsPerSecond.toFixed(1)} SQL statements/s`,
    );
  }
  for (const v of targets) out(`${v.met ? 'met    ' : 'NOT MET'}  ${v.target}: ${v.measured}`);
  if (jsonPath) {
    const { mode, connections, rounds, duration, load, history, idle } = run;
    const json = {
      mode,
      machine,
      connections,
      rounds,
      duration,
      load,
      table,
      statementsByService,
      customer360Statements: history,
      idle,
      targets,
    };
    writeFileSync(jsonPath, JSON.stringify(json, null, 2));
  }
}
