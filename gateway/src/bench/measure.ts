import autocannon from 'autocannon';
import type { Case } from './cases';
import type { Statements } from './serve';
import type { Target } from './target';

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  cpuMs: number;
  /** SQL statements per request, all services. */
  statements: number;
  /** SQL statements per request, by service. */
  byService: Statements;
  errors: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the system idles (under 5% of a core over half a second, at most 15 s), so the
 * events a case set off (placeOrder's consumers) count for that case and not the next.
 */
export async function settle(target: Target): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const before = await target.cpu();
    await sleep(500);
    if ((await target.cpu()) - before < 25_000) return;
  }
}

function difference(after: Statements, before: Statements): Statements {
  return Object.fromEntries(Object.entries(after).map(([service, n]) => [service, n - (before[service] ?? 0)]));
}

const sum = (counts: Statements) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * One round of a case: `duration` seconds of load, then until the system idles again: what the
 * requests set off (events and their consumers) is their cost too.
 */
export async function runCase(target: Target, c: Case, duration: number, connections: number): Promise<Measured> {
  const cpu = c.cpu ?? target.cpu;
  await settle(target);
  const before = { cpu: await cpu(), statements: await target.statements() };
  const result = await autocannon({
    url: c.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration,
    // Fresh headers and body per request (placeOrder needs its own idempotency key).
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...c.headers() }, body: c.body() }) }],
  });
  await settle(target);
  const cpuMicros = (await cpu()) - before.cpu;
  const statements = difference(await target.statements(), before.statements);
  const completed = result.requests.total || 1;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMs: cpuMicros / 1000 / completed,
    statements: sum(statements) / completed,
    byService: Object.fromEntries(Object.entries(statements).map(([s, n]) => [s, n / completed])),
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

export interface Idle {
  seconds: number;
  /** Percent of one core. */
  cpuPercent: number;
  statementsPerSecond: number;
}

/** The system with no traffic at all: its CPU and SQL statements over `seconds`. */
export async function idle(target: Target, seconds: number): Promise<Idle> {
  await settle(target);
  const before = { cpu: await target.cpu(), statements: await target.statements(), at: process.hrtime.bigint() };
  await sleep(seconds * 1000);
  const cpuMicros = (await target.cpu()) - before.cpu;
  const statements = sum(difference(await target.statements(), before.statements));
  const elapsed = Number(process.hrtime.bigint() - before.at) / 1e9;
  return { seconds: elapsed, cpuPercent: (cpuMicros / 1e6 / elapsed) * 100, statementsPerSecond: statements / elapsed };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
