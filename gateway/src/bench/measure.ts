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

/** The longest a case waits for the system to idle. */
const SETTLE_MS = 60_000;

/**
 * Waits until the system idles (under 5% of a core over half a second), so the events a case
 * set off (placeOrder's consumers) count for that case and not the next.
 */
export async function settle(target: Target): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline) {
    const before = await target.cpu();
    await sleep(500);
    if ((await target.cpu()) - before < 25_000) return;
  }
  process.stderr.write(`the system did not idle within ${SETTLE_MS / 1000} s: the next case carries some of this one's work\n`);
}

function difference(after: Statements, before: Statements): Statements {
  return Object.fromEntries(Object.entries(after).map(([service, n]) => [service, n - (before[service] ?? 0)]));
}

const sum = (counts: Statements) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * One round of a case: from an idle system, `duration` seconds of load; for a case that sets off
 * events, then until the system idles again: their consumers' work is the requests' cost too.
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
  if (c.setsOffEvents) await settle(target);
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

/** Sends one request of a case and fails on an error in its answer. */
export async function send(c: Case): Promise<string | null> {
  const response = await fetch(c.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...c.headers() },
    body: c.body(),
  });
  const text = await response.text();
  return !response.ok || /"errors"|"userErrors":\[\{/.test(text) ? `${response.status} ${text.slice(0, 500)}` : null;
}

export interface Exact {
  total: number;
  byService: Statements;
}

/**
 * The SQL statements of one request of a read, exactly: requests one at a time on an idle system,
 * the fewest of `tries` (a background statement, a relay's poll, can only add to one).
 */
export async function statementsOfOne(target: Target, c: Case, tries = 5): Promise<Exact> {
  let fewest: Exact | null = null;
  for (let i = 0; i < tries; i++) {
    const before = await target.statements();
    const problem = await send(c);
    if (problem) throw new Error(`${c.name}: ${problem}`);
    const byService = difference(await target.statements(), before);
    if (!fewest || sum(byService) < fewest.total) fewest = { total: sum(byService), byService };
  }
  return fewest!;
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
