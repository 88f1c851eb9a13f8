// After the fault drill: waits for the system to settle, then prints one table (what the clients
// saw, and what the databases hold) and exits 1 when any check fails. For scripts/drill.sh.
//
//   DATABASE_URL=postgres://... WORK_DIR=... node scripts/drill/check.mjs
//
// Environment: DATABASE_URL (the drill's database: one schema per service), WORK_DIR (seed.json
// and orders.jsonl written by load.mjs), SETTLE_SECONDS (150: how long to wait for the outboxes to
// empty and the checks to hold before judging), TIMELINE (a file of the faults injected, printed
// with the table), SUPERVISOR_LOG (scripts/distributed.sh's output) and KILLED (the children the
// drill killed, one name per kill): any other death reported there fails a check.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pg = createRequire(join(ROOT, 'services', 'platform', 'package.json'))('pg');

const env = process.env;
const WORK_DIR = env.WORK_DIR || '.';
const SETTLE_SECONDS = Number(env.SETTLE_SECONDS || 150);
const SERVICES = ['crm', 'catalog', 'inventory', 'orders', 'loyalty'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (msg) => process.stderr.write(`[drill check] ${msg}\n`);

const seeded = JSON.parse(readFileSync(join(WORK_DIR, 'seed.json'), 'utf8'));
const results = existsSync(join(WORK_DIR, 'orders.jsonl'))
  ? readFileSync(join(WORK_DIR, 'orders.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
const accepted = results.filter((r) => r.outcome === 'accepted');
const keyPrefix = `drill-${seeded.runId}-%`;
const customerIds = seeded.customers.map((c) => c.id);
const memberIds = seeded.customers.filter((c) => c.member).map((c) => c.id);

const client = new pg.Client({ connectionString: env.DATABASE_URL });

async function query(sql, params = []) {
  return (await client.query(sql, params)).rows;
}

/** Each check: a name, what is expected, what was found, and up to 5 offending rows as evidence. */
async function runChecks() {
  const checks = [];
  const check = (name, expected, found, ok, evidence = []) => checks.push({ name, expected, found, ok, evidence });

  // The drill's orders as the orders service holds them (every one, acknowledged or not).
  const orders = await query(
    `SELECT o.id, o.number, o."customerId", o."idempotencyKey" AS key, o.status,
            (SELECT count(*)::int FROM orders.order_line l WHERE l."orderId" = o.id) AS lines
       FROM orders.customer_order o WHERE o."idempotencyKey" LIKE $1`,
    [keyPrefix],
  );
  const byId = new Map(orders.map((o) => [o.id, o]));
  const byKey = new Map(orders.map((o) => [o.key, o]));
  const ids = orders.map((o) => o.id);

  const missing = accepted.filter((r) => !byId.has(r.orderId));
  check(
    'every accepted order is in orders',
    accepted.length,
    accepted.length - missing.length,
    missing.length === 0,
    missing.map((r) => `${r.key} -> ${r.orderId}`),
  );

  const wrongKey = accepted.filter((r) => byId.has(r.orderId) && byId.get(r.orderId).key !== r.key);
  check(
    'an accepted order is the one of its key',
    0,
    wrongKey.length,
    wrongKey.length === 0,
    wrongKey.map((r) => r.key),
  );

  // The only refusal the drill provokes is OUT_OF_STOCK (the scarce SKU); any other code, or a
  // client that gave up retrying, is an order the faults cost.
  const refused = results.filter((r) => r.outcome === 'failed' && r.code !== 'OUT_OF_STOCK');
  check(
    'orders failed other than OUT_OF_STOCK',
    0,
    refused.length,
    refused.length === 0,
    refused.map((r) => `${r.key} at ${r.at}: ${r.code}: ${r.message ?? ''}`.slice(0, 300)),
  );

  const failedKeys = results.filter((r) => r.outcome === 'failed').map((r) => r.key);
  const placedAnyway = failedKeys.filter((k) => byKey.has(k));
  // Not a failure: the client gave up, and a retry with the same key returns the order.
  checks.push({
    name: 'orders placed although their client gave up (info)',
    expected: '-',
    found: placedAnyway.length,
    ok: true,
    info: true,
    evidence: placedAnyway,
  });

  // Inventory: exactly one reservation set per order: every line reserved in full, all ACTIVE
  // (PICKUP_IN_STORE orders that nobody collected), nothing for lines the order does not have.
  const reservationRows = await query(
    `SELECT r."orderId", r."lineId", r."locationId", r.sku, r.quantity, r."shippedQuantity", r.status, r."expiresAt"
       FROM inventory.stock_reservation r WHERE r."orderId" = ANY($1)`,
    [ids],
  );
  const orderLines = await query(
    `SELECT l.id, l."orderId", l.sku, l.quantity FROM orders.order_line l WHERE l."orderId" = ANY($1)`,
    [ids],
  );
  const linesByOrder = new Map();
  for (const l of orderLines) (linesByOrder.get(l.orderId) ?? linesByOrder.set(l.orderId, []).get(l.orderId)).push(l);
  const rowsByOrder = new Map();
  for (const r of reservationRows) (rowsByOrder.get(r.orderId) ?? rowsByOrder.set(r.orderId, []).get(r.orderId)).push(r);
  const badSets = [];
  for (const o of orders) {
    const lines = linesByOrder.get(o.id) ?? [];
    const rows = rowsByOrder.get(o.id) ?? [];
    const problems = [];
    for (const l of lines) {
      const own = rows.filter((r) => r.lineId === l.id);
      const active = own.filter((r) => r.status === 'ACTIVE').reduce((n, r) => n + r.quantity, 0);
      if (active !== l.quantity)
        problems.push(
          `line ${l.sku} x${l.quantity}: ${active} reserved ACTIVE (${own.map((r) => `${r.quantity} ${r.status}`).join(', ') || 'no rows'})`,
        );
    }
    const foreign = rows.filter((r) => !lines.some((l) => l.id === r.lineId));
    if (foreign.length) problems.push(`${foreign.length} rows for lines the order lacks`);
    if (problems.length) badSets.push(`${o.number} (${o.key}): ${problems.join('; ')}`);
  }
  check('exactly one reservation set per order', orders.length, orders.length - badSets.length, badSets.length === 0, badSets);

  const unconfirmed = reservationRows.filter((r) => r.status === 'ACTIVE' && r.expiresAt !== null);
  check(
    'reservations of placed orders confirmed (no expiry)',
    0,
    unconfirmed.length,
    unconfirmed.length === 0,
    unconfirmed.map((r) => `${r.orderId} ${r.sku} expires ${r.expiresAt?.toISOString?.()}`),
  );

  // Orphans: ACTIVE reservations whose order id is no order (an attempt that never committed).
  const orphans = await query(
    `SELECT r."orderId", r.sku, r.quantity, r."createdAt", r."expiresAt"
       FROM inventory.stock_reservation r
      WHERE r.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM orders.customer_order o WHERE o.id = r."orderId")`,
  );
  check(
    'ACTIVE reservations without an order',
    0,
    orphans.length,
    orphans.length === 0,
    orphans.map(
      (r) =>
        `${r.orderId} ${r.sku} x${r.quantity} created ${r.createdAt.toISOString()} expires ${r.expiresAt?.toISOString?.() ?? 'never'}`,
    ),
  );

  // What the faults left half-done and the system undid (for the record).
  const [expired] = await query(
    `SELECT count(DISTINCT m.reference)::int AS n FROM inventory.stock_movement m
      WHERE m.kind = 'RELEASE' AND m.reason = 'EXPIRED' AND m."locationId" = ANY($1)`,
    [seeded.locations],
  );
  checks.push({
    name: 'attempts whose reservations expired (info)',
    expected: '-',
    found: expired.n,
    ok: true,
    info: true,
    evidence: [],
  });
  const [released] = await query(
    `SELECT count(*)::int AS n FROM loyalty.hold h
      WHERE h.status = 'RELEASED' AND h."accountId" IN (SELECT a.id FROM loyalty.loyalty_account a WHERE a."customerId" = ANY($1))`,
    [customerIds],
  );
  checks.push({ name: 'loyalty holds released (info)', expected: '-', found: released.n, ok: true, info: true, evidence: [] });

  // Stock: reserved is exactly what ACTIVE reservations hold; never more than on hand.
  const stock = await query(
    `SELECT s."locationId", s.sku, s."onHand", s.reserved,
            COALESCE((SELECT sum(r.quantity - r."shippedQuantity") FROM inventory.stock_reservation r
                       WHERE r."locationId" = s."locationId" AND r.sku = s.sku AND r.status = 'ACTIVE'), 0)::int AS held
       FROM inventory.stock s WHERE s."locationId" = ANY($1)`,
    [seeded.locations],
  );
  const drift = stock.filter((s) => s.reserved !== s.held || s.reserved > s.onHand || s.reserved < 0);
  check(
    'stock.reserved = units ACTIVE reservations hold, <= onHand',
    stock.length,
    stock.length - drift.length,
    drift.length === 0,
    drift.map((s) => `${s.sku}@${s.locationId}: onHand ${s.onHand} reserved ${s.reserved} held ${s.held}`),
  );

  const scarceOrdered = orderLines.filter((l) => l.sku === seeded.scarceSku).reduce((n, l) => n + l.quantity, 0);
  check(
    `scarce ${seeded.scarceSku}: units ordered <= ${seeded.scarceUnits} on hand`,
    `<= ${seeded.scarceUnits}`,
    scarceOrdered,
    scarceOrdered <= seeded.scarceUnits,
  );

  // Loyalty: one EARN per order of a member, none for the others.
  const earns = await query(
    `SELECT e."orderId", count(*)::int AS n FROM loyalty.ledger_entry e
      WHERE e."orderId" = ANY($1) AND e.kind = 'EARN' GROUP BY e."orderId"`,
    [ids],
  );
  const earnsBy = new Map(earns.map((e) => [e.orderId, e.n]));
  const memberOrders = orders.filter((o) => memberIds.includes(o.customerId));
  const badEarn = memberOrders.filter((o) => earnsBy.get(o.id) !== 1);
  check(
    'exactly one points earn per member order',
    memberOrders.length,
    memberOrders.length - badEarn.length,
    badEarn.length === 0,
    badEarn.map((o) => `${o.number} (${o.key}): ${earnsBy.get(o.id) ?? 0} EARN entries`),
  );
  const otherEarn = orders.filter((o) => !memberIds.includes(o.customerId) && earnsBy.has(o.id));
  check(
    'no earn for orders of non-members',
    0,
    otherEarn.length,
    otherEarn.length === 0,
    otherEarn.map((o) => o.number),
  );

  // Loyalty holds: none left HELD; each points tender of an order spent exactly its hold.
  const held = await query(
    `SELECT h.id, h.target, h.amount, h."orderRef", h."createdAt", h."expiresAt" FROM loyalty.hold h
      WHERE h.status = 'HELD' AND h."accountId" IN (SELECT a.id FROM loyalty.loyalty_account a WHERE a."customerId" = ANY($1))`,
    [customerIds],
  );
  check(
    'HELD loyalty holds',
    0,
    held.length,
    held.length === 0,
    held.map(
      (h) =>
        `${h.id} ${h.target} ${h.amount} for ${h.orderRef}, created ${h.createdAt.toISOString()}, expires ${h.expiresAt.toISOString()}`,
    ),
  );
  const tenders = await query(
    `SELECT p."orderId", p.method, p.points, p.reference, h.status AS "holdStatus", h.amount AS "holdAmount"
       FROM orders.order_payment p LEFT JOIN loyalty.hold h ON h.id = p.reference
      WHERE p."orderId" = ANY($1) AND p.method IN ('POINTS', 'STORE_CREDIT', 'GIFT_CARD')`,
    [ids],
  );
  const uncaptured = tenders.filter((t) => t.holdStatus !== 'CAPTURED');
  check(
    'loyalty tenders of orders captured',
    tenders.length,
    tenders.length - uncaptured.length,
    uncaptured.length === 0,
    uncaptured.map((t) => `${byId.get(t.orderId)?.number} ${t.method} hold ${t.reference}: ${t.holdStatus ?? 'missing'}`),
  );
  const burns = await query(
    `SELECT e.ref, e."orderId", count(*)::int AS n FROM loyalty.ledger_entry e
      WHERE e.kind = 'BURN' AND e."accountId" IN (SELECT a.id FROM loyalty.loyalty_account a WHERE a."customerId" = ANY($1))
      GROUP BY e.ref, e."orderId" HAVING count(*) > 1`,
    [customerIds],
  );
  check(
    'points spent once per hold (BURN entries)',
    0,
    burns.length,
    burns.length === 0,
    burns.map((b) => `${b.ref ?? b.orderId}: ${b.n} BURN entries`),
  );

  // The balance is the ledger's sum; heldPoints is what HELD holds hold.
  const balances = await query(
    `SELECT a."customerId", a."pointsBalance", a."heldPoints",
            COALESCE((SELECT sum(e.points) FROM loyalty.ledger_entry e WHERE e."accountId" = a.id), 0)::int AS ledger,
            COALESCE((SELECT sum(h.amount) FROM loyalty.hold h WHERE h."accountId" = a.id AND h.target = 'POINTS' AND h.status = 'HELD'), 0)::int AS holds
       FROM loyalty.loyalty_account a WHERE a."customerId" = ANY($1)`,
    [customerIds],
  );
  const badBalance = balances.filter((b) => b.pointsBalance !== b.ledger || b.heldPoints !== b.holds);
  check(
    'points balance = ledger sum, heldPoints = HELD holds',
    balances.length,
    balances.length - badBalance.length,
    badBalance.length === 0,
    badBalance.map(
      (b) => `${b.customerId}: balance ${b.pointsBalance} ledger ${b.ledger} heldPoints ${b.heldPoints} holds ${b.holds}`,
    ),
  );

  // CRM: one ORDER_PLACED on the customer's timeline per order.
  const timeline = await query(
    `SELECT i."orderId", count(*)::int AS n FROM crm.customer_interaction i
      WHERE i."orderId" = ANY($1) AND i.kind = 'ORDER_PLACED' GROUP BY i."orderId"`,
    [ids],
  );
  const timelineBy = new Map(timeline.map((t) => [t.orderId, t.n]));
  const badTimeline = orders.filter((o) => timelineBy.get(o.id) !== 1);
  check(
    'exactly one CRM timeline entry per order',
    orders.length,
    orders.length - badTimeline.length,
    badTimeline.length === 0,
    badTimeline.map((o) => `${o.number} (${o.key}): ${timelineBy.get(o.id) ?? 0} ORDER_PLACED entries`),
  );

  // Events: every outbox empty, no dead letter.
  const backlog = [];
  const letters = [];
  for (const s of SERVICES) {
    const [b] = await query(
      `SELECT count(*)::int AS n, min("createdAt") AS oldest, max(attempts)::int AS attempts, max("lastError") AS "lastError"
         FROM ${s}.outbox_event WHERE "publishedAt" IS NULL`,
    );
    if (b.n)
      backlog.push(
        `${s}: ${b.n} unpublished, oldest ${b.oldest.toISOString()}, ${b.attempts} attempts, last error ${b.lastError}`,
      );
    for (const d of await query(`SELECT consumer, "eventId", type, attempts, error FROM ${s}.dead_letter`)) {
      letters.push(`${s}: ${d.consumer} ${d.type} ${d.eventId} after ${d.attempts} attempts: ${d.error.slice(0, 300)}`);
    }
  }
  const unpublished = backlog.reduce((n, line) => n + Number(line.split(': ')[1].split(' ')[0]), 0);
  check('unpublished outbox events (all services)', 0, unpublished, unpublished === 0, backlog);
  check('dead letters (all services)', 0, letters.length, letters.length === 0, letters);

  // Processes: every death the supervisor reported was one the drill caused (a kill).
  if (env.SUPERVISOR_LOG && existsSync(env.SUPERVISOR_LOG)) {
    const killed = (env.KILLED || '').split(/\s+/).filter(Boolean);
    const deaths = readFileSync(env.SUPERVISOR_LOG, 'utf8')
      .split('\n')
      .filter((line) => /^\[distributed\] [\w-]+ \(pid \d+\) died/.test(line));
    const unexpected = [];
    for (const line of deaths) {
      const name = line.split(' ')[1];
      const i = killed.indexOf(name);
      if (i >= 0) killed.splice(i, 1);
      else unexpected.push(line.replace(/^\[distributed\] /, '').replace(/; the others keep running.*/, ''));
    }
    check('processes that died without being killed', 0, unexpected.length, unexpected.length === 0, unexpected);
  }

  return { checks, orders, unpublished };
}

function table(rows, header) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Checks that waiting cannot turn: the settle loop stops as soon as only these fail. */
const TERMINAL = new Set([
  'every accepted order is in orders',
  'an accepted order is the one of its key',
  'orders failed other than OUT_OF_STOCK',
  'dead letters (all services)',
  'processes that died without being killed',
]);

async function main() {
  await client.connect();
  const deadline = Date.now() + SETTLE_SECONDS * 1000;
  let outcome;
  const started = Date.now();
  for (;;) {
    outcome = await runChecks();
    const failing = outcome.checks.filter((c) => !c.ok);
    if (outcome.unpublished === 0 && failing.every((c) => TERMINAL.has(c.name))) break;
    if (Date.now() > deadline) break;
    log(`settling (${Math.round((Date.now() - started) / 1000)} s): ${failing.map((c) => `${c.name}: ${c.found}`).join('; ')}`);
    await sleep(5000);
  }
  const settledIn = Math.round((Date.now() - started) / 1000);
  await client.end();

  const out = [];
  if (env.TIMELINE && existsSync(env.TIMELINE)) {
    out.push('Faults injected (seconds after the load started):', readFileSync(env.TIMELINE, 'utf8').trimEnd(), '');
  }
  const failedByCode = new Map();
  for (const r of results.filter((x) => x.outcome === 'failed')) failedByCode.set(r.code, (failedByCode.get(r.code) ?? 0) + 1);
  const retried = accepted.filter((r) => r.attempts > 1);
  const transientSeen = new Map();
  for (const r of results) for (const code of r.transient ?? []) transientSeen.set(code, (transientSeen.get(code) ?? 0) + 1);
  const rows = [
    ['orders sent', results.length],
    ['accepted', accepted.length],
    ['  of which needed a retry (same key)', retried.length],
    ...[...failedByCode].sort().map(([code, n]) => [`failed ${code}`, n]),
    ['orders in the database', outcome.orders.length],
    ...[...transientSeen].sort().map(([code, n]) => [`  retried after ${code}`, `${n}x`]),
  ];
  out.push(table(rows, ['clients saw', 'orders']), '');
  const checkRows = outcome.checks.map((c) => [c.name, c.expected, c.found, c.info ? 'info' : c.ok ? 'ok' : 'FAIL']);
  out.push(table(checkRows, [`checks, ${settledIn} s after the load stopped`, 'expected', 'found', 'result']));
  const failing = outcome.checks.filter((c) => !c.ok);
  for (const c of outcome.checks.filter((x) => (!x.ok || x.info) && x.evidence.length)) {
    out.push('', `${c.ok ? 'info' : 'FAIL'}: ${c.name} (${c.evidence.length}):`, ...c.evidence.slice(0, 8).map((e) => `  ${e}`));
    if (c.evidence.length > 8) out.push(`  ... ${c.evidence.length - 8} more`);
  }
  out.push('', failing.length ? `DRILL FAILED: ${failing.length} check(s) failed` : 'DRILL PASSED: every check holds');
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(failing.length ? 1 : 0);
}

main().catch((error) => {
  log(`error: ${error.stack || error.message}`);
  process.exit(2);
});
