/**
 * `pnpm bench:gateway [--duration 10] [--connections 10] [--rounds 3] [--json out.json] [--distributed DIR]`
 *
 * Starts the embedded system (SQLite files in a scratch directory, the in-process bus, every
 * subgraph also on a port of its own) in a child process, or with `--distributed DIR` uses the
 * running `scripts/distributed.sh` whose DIST_DIR is DIR (its secrets, its pids; start it with
 * RATE_LIMIT_PER_MINUTE and RATE_LIMIT_ANONYMOUS_PER_MINUTE high, e.g. 100000000). Seeds the demo
 * retailer (unless seeded) plus deep stock, and loads it with autocannon from this process,
 * 127.0.0.1 only: the cases in turn,
 * round after round (A, B, C, D, A, B, ...), so a neighbour's burst hits every case alike. Prints
 * the median of the rounds: req/s, p50 and p99 latency, and the system's CPU per request
 * (user + system: process.cpuUsage of the embedded child, /proc/<pid>/stat of every distributed
 * process but PostgreSQL; the load generator is not counted; a case's CPU runs until the system idles again, its events' consumers included).
 * No thresholds: the numbers are for reading (the targets are ratios between cases on one machine).
 */
import { randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createLogger, DEV_SUBGRAPH_SECRET, encodeCaller, HEADERS, signCallerValue } from '@omni/platform';
import { GatewayClient } from '../client';
import { rateLimitOptions } from '../rate-limit';
import { isSeeded, seedDemoRetailer } from '../seed';
import { GATEWAY_PORT, SERVICES } from '../services';
import { startSystem } from '../system';
import { issueToken } from '../token';

interface Ready {
  gatewayUrl: string;
  crmUrl: string;
}

const CUSTOMER_360 = `query Customer360($id: ID!) {
  customer(id: $id) {
    firstName lastName email channels
    identities { kind value channel }
    orders(first: 5) { totalCount edges { node { number channel status total { cents currency }
      lines { sku quantity variant { product { name } price(channel: WEB) { cents } availability { totalAvailable } } } } } }
    loyalty { cardNumber tier pointsBalance }
  }
}`;
const CRM_CUSTOMER = `query CrmCustomer($id: ID!) { customer(id: $id) { firstName lastName email } }`;
const SEARCH_PRODUCTS = `query SearchProducts($query: String, $channel: Channel, $first: Int) {
  searchProducts(query: $query, channel: $channel, first: $first) {
    totalCount
    facets { name values { value count } }
    edges { node { id name brand variants { sku price(channel: $channel) { cents currency } availability { totalAvailable } } } }
  }
}`;
const PLACE_ORDER = `mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id number status total { cents currency } } userErrors { field message code } }
}`;
const SET_STOCK = `mutation SetStock($input: SetStockInput!) {
  setStock(input: $input) { stock { sku onHand } userErrors { field message code } }
}`;

/** The child: the system under load. Answers `cpu` with its process.cpuUsage(). */
async function serve(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-bench-'));
  const system = await startSystem({
    dataDir,
    gatewayPort: 0,
    subgraphPorts: 'random',
    transport: 'in-process',
    host: '127.0.0.1',
    log: createLogger('bench', process.env.LOG_LEVEL ?? 'silent'),
    edge: { rateLimit: rateLimitOptions({ RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000' }) },
  });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'cpu') process.send!({ type: 'cpu', usage: process.cpuUsage() });
    if (message.type === 'stop') {
      void system.close().finally(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  const ready: Ready = { gatewayUrl: system.gateway.url, crmUrl: system.endpoints.get('crm')!.url };
  process.send!({ type: 'ready', ...ready });
}

function request<T>(child: ChildProcess, type: string, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: { type: string } & T) => {
      if (message.type !== reply) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
    child.send({ type });
  });
}

/** The system under load, wherever it runs. */
interface Target {
  mode: string;
  gatewayUrl: string;
  crmUrl: string;
  /** Signs the bench's tokens; unset: the development key. */
  authSecret?: string;
  subgraphSecret: string;
  /** CPU the system has used so far, in microseconds (user + system). */
  cpu(): Promise<number>;
  close(): Promise<void>;
}

async function embedded(): Promise<Target> {
  // As deployed (the image sets it): graphql-js skips its development-only checks.
  const child = fork(__filename, ['--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the system exited (${code}) before it was ready`)));
    child.on('message', (m: { type: string } & Ready) => m.type === 'ready' && resolve(m));
  });
  return {
    mode: 'embedded (SQLite, in-process bus)',
    ...ready,
    subgraphSecret: DEV_SUBGRAPH_SECRET,
    cpu: async () => {
      const { usage } = await request<{ usage: NodeJS.CpuUsage }>(child, 'cpu', 'cpu');
      return usage.user + usage.system;
    },
    close: async () => {
      child.send({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** A running scripts/distributed.sh: its ports, the secrets in DIR/secrets.env, its processes in DIR/pids. */
function distributed(dir: string): Target {
  const secrets = Object.fromEntries(
    readFileSync(join(dir, 'secrets.env'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const crmPort = SERVICES.find((s) => s.definition.name === 'crm')!.port;
  // /proc/<pid>/stat: utime and stime (fields 14 and 15) in clock ticks (100 a second on Linux).
  const ticks = (pid: string) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  return {
    mode: 'distributed (scripts/distributed.sh: PostgreSQL, NATS, one process per service)',
    gatewayUrl: `http://127.0.0.1:${GATEWAY_PORT}/graphql`,
    crmUrl: `http://127.0.0.1:${crmPort}/graphql`,
    authSecret: secrets.AUTH_SECRET,
    subgraphSecret: secrets.SUBGRAPH_SECRET ?? DEV_SUBGRAPH_SECRET,
    cpu: async () => {
      let total = 0;
      for (const file of readdirSync(join(dir, 'pids'))) {
        if (file === 'supervisor.pid') continue;
        total += ticks(readFileSync(join(dir, 'pids', file), 'utf8').trim());
      }
      return total * 10_000;
    },
    close: async () => undefined,
  };
}

interface Case {
  name: string;
  url: string;
  /** Per request: a signed caller header is good for one request id and a minute. */
  headers: () => Record<string, string>;
  body: () => string;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  cpuMs: number;
  errors: number;
}

/**
 * Waits until the system idles (under 5% of a core over half a second, at most 15 s), so the
 * events a case set off (placeOrder's consumers) count for that case and not the next.
 */
async function settle(target: Target): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const before = await target.cpu();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if ((await target.cpu()) - before < 25_000) return;
  }
}

async function runCase(target: Target, c: Case, duration: number, connections: number): Promise<Measured> {
  await settle(target);
  const before = await target.cpu();
  const result = await autocannon({
    url: c.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration,
    // Fresh headers and body per request (placeOrder needs its own idempotency key).
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...c.headers() }, body: c.body() }) }],
  });
  // What the requests set off (events and their consumers) is their cost too: counted until the system idles.
  await settle(target);
  const cpuMicros = (await target.cpu()) - before;
  const completed = result.requests.total || 1;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMs: cpuMicros / 1000 / completed,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      json: { type: 'string' },
      distributed: { type: 'string' },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  const ready = values.distributed ? distributed(values.distributed) : await embedded();
  try {
    const token = await issueToken(
      { roles: ['ADMIN', 'CSR'], subject: 'bench-back-office', ttlSeconds: 6 * 3600 },
      { secret: ready.authSecret },
    );
    const admin = new GatewayClient(ready.gatewayUrl, { 'x-channel': 'WEB', authorization: `Bearer ${token}` });
    if (!(await isSeeded(admin))) await seedDemoRetailer(admin);
    const { locations, customerLookup } = await admin.request<{
      locations: { id: string; name: string }[];
      customerLookup: { id: string };
    }>('query BenchIds { locations { id name } customerLookup(email: "ada.lovelace@example.com") { id } }');
    const store = locations.find((l) => l.name === 'SoHo Store')!.id;
    // Deep stock at the pickup store, so placeOrder never runs out (nor needs a transfer) during the run.
    for (const sku of ['NF-TOTE-NAT', 'RL-BTL-750-SAGE']) {
      await admin.mutate(SET_STOCK, { input: { locationId: store, sku, onHand: 10_000_000 } }, 'SetStock');
    }
    const customerId = customerLookup.id;
    const csrCaller = encodeCaller({
      subject: 'bench-back-office',
      roles: ['ADMIN', 'CSR'],
      customerId: null,
      locationId: null,
      partnerId: null,
    });
    const backOffice = { 'x-channel': 'WEB', authorization: `Bearer ${token}` };
    let orderNumber = 0;
    const run = `${process.pid}-${Date.now()}`;
    const cases: Case[] = [
      {
        name: 'Customer360 via gateway',
        url: ready.gatewayUrl,
        headers: () => backOffice,
        body: () => JSON.stringify({ query: CUSTOMER_360, variables: { id: customerId }, operationName: 'Customer360' }),
      },
      {
        name: 'customer straight to CRM',
        url: ready.crmUrl,
        headers: () => {
          const requestId = randomUUID();
          return {
            'x-channel': 'WEB',
            [HEADERS.requestId]: requestId,
            [HEADERS.caller]: csrCaller,
            [HEADERS.callerSignature]: signCallerValue(csrCaller, requestId, ready.subgraphSecret),
          };
        },
        body: () => JSON.stringify({ query: CRM_CUSTOMER, variables: { id: customerId }, operationName: 'CrmCustomer' }),
      },
      {
        name: 'SearchProducts, anonymous',
        url: ready.gatewayUrl,
        headers: () => ({ 'x-channel': 'WEB' }),
        body: () =>
          JSON.stringify({
            query: SEARCH_PRODUCTS,
            variables: { query: 'merino', channel: 'WEB', first: 10 },
            operationName: 'SearchProducts',
          }),
      },
      {
        name: 'placeOrder, 2 lines',
        url: ready.gatewayUrl,
        headers: () => backOffice,
        body: () =>
          JSON.stringify({
            query: PLACE_ORDER,
            operationName: 'PlaceOrder',
            variables: {
              input: {
                customerId,
                channel: 'CALL_CENTER',
                idempotencyKey: `bench-${run}-${++orderNumber}`,
                lines: [
                  { sku: 'NF-TOTE-NAT', quantity: 1 },
                  { sku: 'RL-BTL-750-SAGE', quantity: 1 },
                ],
                fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: store },
              },
            },
          }),
      },
    ];
    // Each case answers before it is measured (and warms up its code paths).
    for (const c of cases) {
      const response = await fetch(c.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...c.headers() },
        body: c.body(),
      });
      const text = await response.text();
      if (!response.ok || /"errors"|"userErrors":\[\{/.test(text))
        throw new Error(`${c.name}: ${response.status} ${text.slice(0, 500)}`);
    }
    const samples = new Map<string, Measured[]>(cases.map((c) => [c.name, []]));
    const load: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const c of cases) {
        const measured = await runCase(ready, c, duration, connections);
        samples.get(c.name)!.push(measured);
        load.push(loadavg()[0]!);
        process.stderr.write(
          `round ${round} ${c.name}: ${measured.rps.toFixed(0)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, ` +
            `${measured.cpuMs.toFixed(2)} ms CPU/req, ${measured.errors} errors\n`,
        );
      }
    }
    const table = cases.map((c) => {
      const s = samples.get(c.name)!;
      return {
        case: c.name,
        'req/s': Math.round(median(s.map((m) => m.rps))),
        'p50 ms': median(s.map((m) => m.p50)),
        'p99 ms': median(s.map((m) => m.p99)),
        'CPU ms/req': Number(median(s.map((m) => m.cpuMs)).toFixed(2)),
        errors: s.reduce((sum, m) => sum + m.errors, 0),
      };
    });
    process.stdout.write(
      `${ready.mode}, ${connections} connections, ${rounds} rounds of ${duration} s per case, medians; ` +
        `load average during the run ${Math.min(...load).toFixed(2)}..${Math.max(...load).toFixed(2)}\n`,
    );
    console.table(table);
    const [c360, crm] = table;
    process.stdout.write(
      `Customer360 vs direct CRM: ${(crm!['req/s'] / c360!['req/s']).toFixed(1)}x the throughput, ` +
        `${(c360!['CPU ms/req'] / crm!['CPU ms/req']).toFixed(1)}x the CPU per request\n`,
    );
    if (values.json)
      writeFileSync(values.json, JSON.stringify({ mode: ready.mode, connections, rounds, duration, load, table }, null, 2));
  } finally {
    await ready.close();
  }
}

if (process.argv.includes('--serve')) void serve();
else
  void main().catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  });
