import { randomUUID } from 'node:crypto';
import {
  ConfigError,
  dialectOf,
  DomainError,
  inTransaction,
  isCurrencyCode,
  recordEvent,
  SegmentMembershipChangedEvent,
  tableOf,
  type SegmentMembershipChanged,
  runStatement,
  entityColumns,
  hydrateRows,
  hydrateValue,
  perDataSource,
} from '@omni/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { birthdayProblem, isTimeZone, type Birthday } from '../domain/lifecycle';
import { DEFAULT_RFM_WINDOW_DAYS, NO_OLDER_ORDERS, rfmScore, type OlderOrders, type OrderFact } from '../domain/rfm';
import { isMember, orderWindowDays, TIERS, validateRule, type CustomerFacts, type SegmentRule } from '../domain/segments';
import { Customer } from '../entities/customer';
import { CustomerEngagement, CustomerOrderFact, LifecycleOccasion, Segment, SegmentMember } from '../entities/engagement';
import { lockCustomer, requireCustomer } from './customers';
import { forgetSegmentRules, lastSegmentRules, segmentRules, segmentsVersionSql, type SegmentRules } from './segment-rules';

/**
 * Days of orders the RFM score's frequency and monetary value look at: RFM_WINDOW_DAYS, 1 to 3650,
 * default 365. A malformed value is a ConfigError naming the variable (checked when CRM starts).
 */
export function rfmWindowDays(environment: NodeJS.ProcessEnv = process.env): number {
  const raw = environment.RFM_WINDOW_DAYS?.trim();
  if (!raw) return DEFAULT_RFM_WINDOW_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new ConfigError('RFM_WINDOW_DAYS', `has an invalid value "${raw}": must be a whole number of days from 1 to 3650`);
  }
  return days;
}

export function toOrderFact(row: CustomerOrderFact): OrderFact {
  return {
    placedAt: row.placedAt,
    netCents: row.totalCents - row.refundedCents,
    currency: row.currency,
    channel: row.channel,
    categories: row.categories,
  };
}

/** A customer's orders as scoring and segments read them (see `OlderOrders`). */
export interface CustomerOrders {
  orders: OrderFact[];
  older: OlderOrders;
}

/**
 * What evaluating some rules reads of a customer's orders: one by one those placed after `since`
 * (the score's window and every spend rule's), and of the older ones when the last that counts
 * was placed, and their channels and categories only when a rule asks for them (`kinds`).
 */
interface OrderReach {
  since: Date;
  kinds: boolean;
}

function reachOf(segments: SegmentRules, now: Date): OrderReach {
  const days = orderWindowDays(
    segments.map((s) => s.rule),
    rfmWindowDays(),
  );
  return {
    since: new Date(now.getTime() - days * 86_400_000),
    kinds: segments.some((s) => s.rule.categoryPath?.length || s.rule.channels?.length),
  };
}

/**
 * Two scalar subqueries over customer :id's orders placed by :since, order :orderId left out:
 * when the last one that counts was placed (the index walked back to it), and (with `kinds`) the
 * channel and category keys of each that counts, as JSON pairs `[["WEB",["apparel/shoes"]],...]`,
 * each pair once (null: none, or not asked). An order event reads these two values, not the
 * customer's order history.
 */
function olderOrdersSql(db: DataSource, kinds: boolean): { last: string; kinds: string } {
  const table = tableOf(db, CustomerOrderFact);
  const where = `o."customerId" = :id AND o."placedAt" <= :since AND o."orderId" <> :orderId AND o."totalCents" > o."refundedCents"`;
  // A channel is an enum name and `categories` JSON text: the pairs concatenate into JSON.
  const pair = `'["' || o."channel" || '",' || o."categories" || ']'`;
  const pairs = dialectOf(db) === 'postgres' ? `string_agg(DISTINCT ${pair}, ',')` : `group_concat(DISTINCT ${pair})`;
  return {
    last: `(SELECT o."placedAt" FROM ${table} o WHERE ${where} ORDER BY o."placedAt" DESC LIMIT 1)`,
    kinds: kinds ? `(SELECT '[' || ${pairs} || ']' FROM ${table} o WHERE ${where})` : 'NULL',
  };
}

function olderOrders(db: DataSource, last: unknown, kinds: unknown): OlderOrders {
  const pairs = kinds == null ? [] : (JSON.parse(String(kinds)) as [string, string[]][]);
  return {
    lastOrderAt: last == null ? null : (hydrateValue(db, CustomerOrderFact, 'placedAt', last) as Date),
    channels: [...new Set(pairs.map(([channel]) => channel))],
    categories: [...new Set(pairs.flatMap(([, categories]) => categories))],
  };
}

/**
 * The customer's orders as far as `reach` goes: one by one, and the older ones summed up (order
 * `orderId` left out of the sum: its caller has it), in one statement.
 */
async function ordersWithin(
  manager: EntityManager,
  customerId: string,
  reach: OrderReach,
  orderId = '',
): Promise<{ facts: CustomerOrderFact[]; older: OlderOrders }> {
  const db = manager.connection;
  const older = olderOrdersSql(db, reach.kinds);
  const { rows } = await runStatement(
    manager,
    `SELECT ${older.last} AS "olderLast", ${older.kinds} AS "olderKinds", ${entityColumns(db, CustomerOrderFact, 'f', 'f_')} ` +
      `FROM (SELECT 1 AS "one") d LEFT JOIN ${tableOf(db, CustomerOrderFact)} f ON f."customerId" = :id AND f."placedAt" > :since`,
    { id: customerId, since: reach.since, orderId },
  );
  return {
    facts: hydrateRows(
      db,
      CustomerOrderFact,
      rows.filter((r) => r.f_orderId != null),
      'f_',
    ),
    older: olderOrders(db, rows[0]!.olderLast, rows[0]!.olderKinds),
  };
}

/** The customer's engagement row, created (activity: their registration, or `initial`) when missing. */
export async function engagementRow(
  manager: EntityManager,
  customer: Customer,
  now: Date,
  initial: { lastActivityAt?: Date | null; tier?: LoyaltyTierAt | null } = {},
): Promise<CustomerEngagement> {
  const found = await manager.findOneBy(CustomerEngagement, { customerId: customer.id });
  return found ?? createEngagementRow(manager, customer, now, initial);
}

/** A customer as scoring reads them: their engagement row (null: none yet) and orders. */
export interface ScoredCustomer {
  customer: Customer;
  row: CustomerEngagement | null;
  /** Their orders placed after `reach.since`, and the event's order whenever it was placed. */
  orders: CustomerOrderFact[];
  /** Their orders placed by `reach.since`, the event's order left out, summed up. */
  older: OlderOrders;
  reach: OrderReach;
  orderId: string;
  /** The fact of order `orderId`, whoever it belongs to (null: none yet). */
  known: CustomerOrderFact | null;
  /** The segments' version read with them (`segmentRules`); null: not read. */
  segmentsVersion: string | null;
}

/** The facts read, with the event's order when it is the customer's and older than them. */
function withKnown(facts: CustomerOrderFact[], known: CustomerOrderFact | null, customerId: string): CustomerOrderFact[] {
  if (!known || known.customerId !== customerId || facts.some((f) => f.orderId === known.orderId)) return facts;
  return [...facts, known];
}

/**
 * `lockScoredCustomer`'s statement, per data source and whether older orders' kinds are read: the
 * live customer :id (locked on PostgreSQL: their row only), their engagement row, their orders
 * placed after :since, the fact of order :orderId whoever it belongs to, the segments' version and
 * the older orders summed up: one row per recent order (at least one).
 */
const scoredCustomerStatement = perDataSource((db, kinds: boolean) => {
  const older = olderOrdersSql(db, kinds);
  const facts = tableOf(db, CustomerOrderFact);
  return (
    `SELECT ${entityColumns(db, Customer, 'c', 'c_')}, ${entityColumns(db, CustomerEngagement, 'e', 'e_')}, ` +
    `${entityColumns(db, CustomerOrderFact, 'f', 'f_')}, ${entityColumns(db, CustomerOrderFact, 'k', 'k_')}, ` +
    `${segmentsVersionSql(db)} AS "segmentsVersion", ${older.last} AS "olderLast", ${older.kinds} AS "olderKinds" ` +
    `FROM ${tableOf(db, Customer)} c LEFT JOIN ${tableOf(db, CustomerEngagement)} e ON e."customerId" = c."id" ` +
    `LEFT JOIN ${facts} f ON f."customerId" = c."id" AND f."placedAt" > :since ` +
    `LEFT JOIN ${facts} k ON k."orderId" = :orderId ` +
    `WHERE c."id" = :id AND c."mergedIntoId" IS NULL${dialectOf(db) === 'postgres' ? ' FOR UPDATE OF c' : ''}`
  );
});

/**
 * `lockCustomer` with what scoring reads of the customer (orders one by one only within the
 * window the rules this process knows need, at `now`), the fact of order `orderId` and the
 * segments' version: one statement when the id is live (only the customer row is locked, as
 * `lockCustomer` does).
 */
export async function lockScoredCustomer(
  manager: EntityManager,
  id: string,
  orderId: string,
  now: Date,
): Promise<ScoredCustomer | null> {
  const db = manager.connection;
  const reach = reachOf(lastSegmentRules(db), now);
  const { rows } = await runStatement(manager, scoredCustomerStatement(db, reach.kinds), {
    id,
    since: reach.since,
    orderId,
  });
  const first = rows[0];
  if (first) {
    const [customer] = hydrateRows(db, Customer, [first], 'c_') as [Customer];
    const known = first.k_orderId == null ? null : hydrateRows(db, CustomerOrderFact, [first], 'k_')[0]!;
    const facts = hydrateRows(
      db,
      CustomerOrderFact,
      rows.filter((r) => r.f_orderId != null),
      'f_',
    );
    return {
      customer,
      row: first.e_customerId == null ? null : hydrateRows(db, CustomerEngagement, [first], 'e_')[0]!,
      orders: withKnown(facts, known, customer.id),
      older: olderOrders(db, first.olderLast, first.olderKinds),
      reach,
      orderId,
      known,
      segmentsVersion: String(first.segmentsVersion),
    };
  }
  // Merged away (or unknown): follow it to the survivor as lockCustomer does, then read.
  const customer = await lockCustomer(manager, id);
  if (!customer) return null;
  const row = await manager.findOneBy(CustomerEngagement, { customerId: customer.id });
  const { facts, older: olderSum } = await ordersWithin(manager, customer.id, reach, orderId);
  const known = await manager.findOneBy(CustomerOrderFact, { orderId });
  const orders = withKnown(facts, known, customer.id);
  return { customer, row, orders, older: olderSum, reach, orderId, known, segmentsVersion: null };
}

/**
 * The orders evaluating `segments` reads of a scored customer: those `lockScoredCustomer` read,
 * or when a rule defined since this process last read the rules asks for more (a longer spend
 * window, or older orders' categories or channels), what it asks for, in one more statement.
 */
export async function scoredOrders(
  manager: EntityManager,
  scored: ScoredCustomer,
  segments: SegmentRules,
  now: Date,
): Promise<CustomerOrders> {
  const needed = reachOf(segments, now);
  const read = scored.reach;
  if (read.since <= needed.since && (read.kinds || !needed.kinds)) {
    return { orders: scored.orders.map(toOrderFact), older: scored.older };
  }
  const again = await ordersWithin(manager, scored.customer.id, needed, scored.orderId);
  // The facts read first are kept: the event's changes are made on them.
  const facts = [...scored.orders, ...again.facts.filter((f) => !scored.orders.some((o) => o.orderId === f.orderId))];
  return { orders: facts.map(toOrderFact), older: again.older };
}

/** Creates the customer's engagement row (activity: `initial`, or their registration). */
export async function createEngagementRow(
  manager: EntityManager,
  customer: Customer,
  now: Date,
  initial: { lastActivityAt?: Date | null; tier?: LoyaltyTierAt | null },
): Promise<CustomerEngagement> {
  const row = manager.create(CustomerEngagement, {
    customerId: customer.id,
    birthMonth: null,
    birthDay: null,
    birthYear: null,
    timeZone: null,
    tier: initial.tier?.tier ?? null,
    tierAt: initial.tier?.at ?? null,
    lastActivityAt: initial.lastActivityAt ?? customer.createdAt ?? now,
    recency: null,
    frequency: null,
    monetary: null,
    scoreValue: null,
    scoredOrders: 0,
    spendCents: 0,
    spendCurrency: null,
    lastOrderAt: null,
    evaluatedAt: new Date(0),
  });
  await manager.createQueryBuilder().insert().into(CustomerEngagement).values(row).updateEntity(false).execute();
  return row;
}

function factsOf(customer: Customer, row: CustomerEngagement, orders: CustomerOrders, score: number | null): CustomerFacts {
  const { tier, lastActivityAt } = row;
  return { tier, orders: orders.orders, older: orders.older, lastActivityAt, channels: customer.channels, score };
}

async function publishMembership(manager: EntityManager, change: SegmentMembershipChanged): Promise<void> {
  await recordEvent<SegmentMembershipChanged>(manager, SegmentMembershipChangedEvent.type, change, null);
}

async function join(manager: EntityManager, segmentId: string, customerId: string, now: Date): Promise<void> {
  await manager.insert(SegmentMember, { segmentId, customerId, since: now });
  await manager.increment(Segment, { id: segmentId }, 'size', 1);
  await publishMembership(manager, { segmentId, customerId, member: true });
}

async function leave(manager: EntityManager, segmentId: string, customerId: string): Promise<void> {
  await manager.delete(SegmentMember, { segmentId, customerId });
  await manager.decrement(Segment, { id: segmentId }, 'size', 1);
  await publishMembership(manager, { segmentId, customerId, member: false });
}

/** A loyalty tier and when the event that told it happened. */
export interface LoyaltyTierAt {
  tier: string;
  at: Date;
}

/** The SET list of `recordActivity`'s UPDATE; null when there is nothing to record. */
function activitySet(at: Date | null, tier: LoyaltyTierAt | null): string | null {
  const set: string[] = [];
  if (tier) {
    const newer = `"tierAt" IS NULL OR "tierAt" <= :tierAt`;
    set.push(`"tier" = CASE WHEN ${newer} THEN :tier ELSE "tier" END`);
    set.push(`"tierAt" = CASE WHEN ${newer} THEN :tierAt ELSE "tierAt" END`);
  }
  if (at) set.push(`"lastActivityAt" = CASE WHEN "lastActivityAt" < :at THEN :at ELSE "lastActivityAt" END`);
  return set.length ? set.join(', ') : null;
}

/**
 * Writes `set` on the row of the customer `id` while that customer is live and not erased, locking
 * the customer first (as `lockCustomer` does), in one statement. Returns the segments' version, or
 * null when no row changed (no row yet, or the customer merged away, erased or unknown).
 */
async function updateActivity(
  manager: EntityManager,
  id: string,
  set: string,
  params: Record<string, unknown>,
): Promise<string | null> {
  const db = manager.connection;
  const lock = dialectOf(db) === 'postgres' ? ' FOR UPDATE' : '';
  const { rows } = await runStatement(
    manager,
    `UPDATE ${tableOf(db, CustomerEngagement)} SET ${set} WHERE "customerId" = (SELECT c."id" FROM ${tableOf(db, Customer)} c ` +
      `WHERE c."id" = :id AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL${lock}) ` +
      `RETURNING ${segmentsVersionSql(db)} AS "segmentsVersion"`,
    { ...params, id },
  );
  return rows.length ? String(rows[0]!.segmentsVersion) : null;
}

/**
 * Records activity (and the loyalty tier when given) on the customer's row, the row created when
 * missing; a tier older than the one kept is ignored (events of different types may arrive out of
 * order). One statement for a live customer with a row. Then, only when some segment's rule reads
 * activity or tier, their memberships are computed again (an app check-in ends an "inactive for
 * 90 days" membership). Nothing for an erased or unknown customer; a merged-away id's activity is
 * the survivor's.
 */
export async function recordActivity(
  manager: EntityManager,
  customerId: string,
  at: Date | null,
  tier: LoyaltyTierAt | null,
  now: Date,
): Promise<void> {
  const set = activitySet(at, tier);
  if (!set) return;
  const params = { at, tier: tier?.tier ?? null, tierAt: tier?.at ?? null };
  let version = await updateActivity(manager, customerId, set, params);
  let customer: Customer | null = null;
  if (version === null) {
    customer = await lockCustomer(manager, customerId);
    if (!customer || customer.erasedAt) return;
    // Under the customer's lock now: the survivor's row, or a row another event created while
    // this one waited for the lock, takes the update; only a customer still without one gets it new.
    version = await updateActivity(manager, customer.id, set, params);
    if (version === null) await engagementRow(manager, customer, now, { lastActivityAt: at, tier });
  }
  const segments = await segmentRules(manager, version);
  if (segments.some((s) => s.rule.inactiveForDays != null || s.rule.minTier != null)) {
    customer ??= await lockCustomer(manager, customerId);
    if (customer) await evaluateCustomer(manager, customer, now, undefined, segments);
  }
}

/** What evaluating a customer writes on their engagement row. */
const EVALUATED = [
  'recency',
  'frequency',
  'monetary',
  'scoreValue',
  'scoredOrders',
  'spendCents',
  'spendCurrency',
  'lastOrderAt',
  'lastActivityAt',
  'tier',
  'evaluatedAt',
] as const satisfies readonly (keyof CustomerEngagement)[];

function pick<E, K extends keyof E>(entity: E, keys: readonly K[]): Pick<E, K> {
  return Object.fromEntries(keys.map((key) => [key, entity[key]])) as Pick<E, K>;
}

/** The UPDATE of `EVALUATED` on the engagement row of :customerId, per data source. */
const evaluationStatement = perDataSource((db) => {
  const set = EVALUATED.map((property) => `"${property}" = :${property}`).join(', ');
  return `UPDATE ${tableOf(db, CustomerEngagement)} SET ${set} WHERE "customerId" = :customerId`;
});

/**
 * Recomputes a (locked) customer's RFM score from their orders and their membership of every
 * segment, in the caller's transaction: a membership that changes is written with its event
 * (`crm.segment.membership_changed`), so catalog prices segment offers from the same facts.
 */
export async function evaluateCustomer(
  manager: EntityManager,
  customer: Customer,
  now: Date,
  row?: CustomerEngagement,
  knownSegments?: SegmentRules,
  knownOrders?: CustomerOrders,
): Promise<CustomerEngagement> {
  const engagement = row ?? (await engagementRow(manager, customer, now));
  const segments = knownSegments ?? (await manager.find(Segment, { select: { id: true, rule: true } }));
  let orders = knownOrders;
  if (!orders) {
    const read = await ordersWithin(manager, customer.id, reachOf(segments, now));
    orders = { orders: read.facts.map(toOrderFact), older: read.older };
  }
  const score = rfmScore(orders.orders, now, rfmWindowDays(), orders.older);
  Object.assign(engagement, {
    recency: score?.recency ?? null,
    frequency: score?.frequency ?? null,
    monetary: score?.monetary ?? null,
    scoreValue: score?.value ?? null,
    scoredOrders: score?.orders ?? 0,
    spendCents: score?.spendCents ?? 0,
    spendCurrency: score?.currency ?? null,
    lastOrderAt: score?.lastOrderAt ?? null,
    evaluatedAt: now,
  });
  await runStatement(manager, evaluationStatement(manager.connection), {
    customerId: customer.id,
    ...pick(engagement, EVALUATED),
  });
  if (segments.length === 0) return engagement;
  const current = new Set(
    (await manager.find(SegmentMember, { select: { segmentId: true }, where: { customerId: customer.id } })).map(
      (m) => m.segmentId,
    ),
  );
  const facts = factsOf(customer, engagement, orders, score?.value ?? null);
  for (const segment of segments) {
    const member = isMember(segment.rule, facts, now);
    if (member && !current.has(segment.id)) await join(manager, segment.id, customer.id, now);
    if (!member && current.has(segment.id)) await leave(manager, segment.id, customer.id);
  }
  return engagement;
}

export interface SegmentDraft {
  name: string;
  rule: SegmentRule;
}

export const MAX_SEGMENT_NAME = 100;
const PAGE = 500;

/**
 * Defines a segment, or redefines the one of that name (case-insensitive), and computes its
 * membership over every customer at once, in one transaction: `size` is right when this returns.
 * Every customer who joins or leaves is published (`crm.segment.membership_changed`).
 */
export async function defineSegment(db: DataSource, draft: SegmentDraft, now = new Date()): Promise<Segment> {
  const name = draft.name.trim();
  if (!name || name.length > MAX_SEGMENT_NAME || name.includes('\u0000')) {
    throw new DomainError('INVALID_NAME', `a segment name is 1 to ${MAX_SEGMENT_NAME} characters`, ['input', 'name']);
  }
  const rule = validateRule(draft.rule, isCurrencyCode);
  const defined = await inTransaction(db, async (manager) => {
    const nameKey = name.toLowerCase();
    let segment = await manager.findOneBy(Segment, { nameKey });
    if (segment) {
      await manager.update(Segment, { id: segment.id }, { name, rule, updatedAt: now });
      Object.assign(segment, { name, rule });
    } else {
      segment = manager.create(Segment, { id: randomUUID(), name, nameKey, rule, size: 0, createdAt: now, updatedAt: now });
      await manager.insert(Segment, segment);
    }
    const before = new Set(
      (await manager.find(SegmentMember, { select: { customerId: true }, where: { segmentId: segment.id } })).map(
        (m) => m.customerId,
      ),
    );
    let size = 0;
    let after = '';
    for (;;) {
      const customers = await manager
        .getRepository(Customer)
        .createQueryBuilder('c')
        .where('c.id > :after', { after })
        .andWhere('c.mergedIntoId IS NULL')
        .andWhere('c.erasedAt IS NULL')
        .orderBy('c.id', 'ASC')
        .limit(PAGE)
        .getMany();
      if (customers.length === 0) break;
      after = customers[customers.length - 1]!.id;
      const ids = customers.map((c) => c.id);
      const rows = new Map((await manager.findBy(CustomerEngagement, { customerId: In(ids) })).map((r) => [r.customerId, r]));
      const orders = new Map<string, OrderFact[]>();
      for (const fact of await manager.findBy(CustomerOrderFact, { customerId: In(ids) })) {
        orders.set(fact.customerId, [...(orders.get(fact.customerId) ?? []), toOrderFact(fact)]);
      }
      for (const customer of customers) {
        const row = rows.get(customer.id);
        const facts: CustomerFacts = {
          tier: row?.tier ?? null,
          orders: orders.get(customer.id) ?? [],
          older: NO_OLDER_ORDERS,
          lastActivityAt: row?.lastActivityAt ?? customer.createdAt,
          channels: customer.channels,
          score: row?.scoreValue ?? null,
        };
        const member = isMember(rule, facts, now);
        if (member) size++;
        if (member && !before.has(customer.id)) {
          await manager.insert(SegmentMember, { segmentId: segment.id, customerId: customer.id, since: now });
          await publishMembership(manager, { segmentId: segment.id, customerId: customer.id, member: true });
        }
        if (!member && before.has(customer.id)) {
          await manager.delete(SegmentMember, { segmentId: segment.id, customerId: customer.id });
          await publishMembership(manager, { segmentId: segment.id, customerId: customer.id, member: false });
        }
        before.delete(customer.id);
      }
    }
    // Members no longer live (merged away or erased since) leave too.
    for (const customerId of before) {
      await manager.delete(SegmentMember, { segmentId: segment.id, customerId });
      await publishMembership(manager, { segmentId: segment.id, customerId, member: false });
    }
    // The definition's time, to the millisecond: what another replica's cached rules are checked against.
    await manager.update(Segment, { id: segment.id }, { size, updatedAt: now });
    segment.size = size;
    return segment;
  });
  forgetSegmentRules(db);
  return defined;
}

/**
 * A birthday and time zone as given (at registration or later), or INVALID_BIRTHDAY /
 * INVALID_TIME_ZONE on `input.birthday` / `input.timeZone`. Returns the time zone, trimmed (null:
 * none).
 */
export function checkBirthday(
  birthday: Birthday | null | undefined,
  timeZone: string | null | undefined,
  now: Date,
): string | null {
  if (birthday) {
    const problem = birthdayProblem(birthday, now);
    if (problem) throw new DomainError('INVALID_BIRTHDAY', problem, ['input', 'birthday']);
  }
  const zone = timeZone?.trim() || null;
  if (zone && !isTimeZone(zone)) {
    throw new DomainError('INVALID_TIME_ZONE', 'an IANA time zone such as Europe/Berlin or America/New_York', [
      'input',
      'timeZone',
    ]);
  }
  return zone;
}

/**
 * Sets (or with `birthday: null` removes) the customer's birthday and time zone. INVALID_BIRTHDAY,
 * INVALID_TIME_ZONE, UNKNOWN_CUSTOMER.
 */
export async function setBirthday(
  db: DataSource,
  customerId: string,
  birthday: Birthday | null,
  timeZone: string | null,
  now = new Date(),
): Promise<Customer> {
  const zone = checkBirthday(birthday, timeZone, now);
  return inTransaction(db, async (manager) => {
    const customer = await requireCustomer(manager, customerId, ['input', 'customerId']);
    await engagementRow(manager, customer, now);
    await manager.update(
      CustomerEngagement,
      { customerId: customer.id },
      { birthMonth: birthday?.month ?? null, birthDay: birthday?.day ?? null, birthYear: birthday?.year ?? null, timeZone: zone },
    );
    return customer;
  });
}

/**
 * The daily sweep that keeps time-based facts current (recency, spend in a window, inactivity):
 * live customers not evaluated for a day (or never) are evaluated again, in id order and
 * transactions of up to 200, at most `limit` a run (the hourly job gets to the rest next time).
 * Returns how many were evaluated.
 */
export async function refreshEngagement(db: DataSource, now: Date, limit = 20_000): Promise<number> {
  const staleBefore = new Date(now.getTime() - 86_400_000);
  let done = 0;
  let after = '';
  while (done < limit) {
    const ids = (
      await db
        .getRepository(Customer)
        .createQueryBuilder('c')
        .leftJoin(CustomerEngagement, 'e', 'e.customerId = c.id')
        .select('c.id', 'id')
        .where('c.id > :after', { after })
        .andWhere('c.mergedIntoId IS NULL')
        .andWhere('c.erasedAt IS NULL')
        .andWhere('(e.customerId IS NULL OR e.evaluatedAt < :staleBefore)', { staleBefore })
        .orderBy('c.id', 'ASC')
        .limit(Math.min(200, limit - done))
        .getRawMany<{ id: string }>()
    ).map((r) => r.id);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    await inTransaction(db, async (manager) => {
      const segments = await manager.find(Segment, { select: { id: true, rule: true } });
      for (const id of ids) {
        const customer = await lockCustomer(manager, id);
        if (customer?.id === id) await evaluateCustomer(manager, customer, now, undefined, segments);
      }
    });
    done += ids.length;
  }
  return done;
}

/**
 * A merge (`crm.customer.merged`): the duplicate's orders count for the survivor, its birthday and
 * time zone are kept when the survivor has none, the higher tier and the later activity win, its
 * lifecycle occasions count as the survivor's (no second welcome), and it leaves its segments;
 * then the survivor is evaluated. Idempotent: a second run finds nothing of the duplicate.
 */
export async function mergeEngagement(manager: EntityManager, survivorId: string, duplicateId: string, now: Date): Promise<void> {
  const survivor = await lockCustomer(manager, survivorId);
  if (!survivor) return;
  await manager.update(CustomerOrderFact, { customerId: duplicateId }, { customerId: survivor.id });
  const duplicate = await manager.findOneBy(CustomerEngagement, { customerId: duplicateId });
  const row = await engagementRow(manager, survivor, now);
  if (duplicate) {
    if (row.birthMonth == null && duplicate.birthMonth != null) {
      Object.assign(row, { birthMonth: duplicate.birthMonth, birthDay: duplicate.birthDay, birthYear: duplicate.birthYear });
    }
    row.timeZone = row.timeZone ?? duplicate.timeZone;
    if (TIERS.indexOf(duplicate.tier as never) > TIERS.indexOf(row.tier as never)) {
      row.tier = duplicate.tier;
      row.tierAt = duplicate.tierAt;
    }
    if (duplicate.lastActivityAt > row.lastActivityAt) row.lastActivityAt = duplicate.lastActivityAt;
    await manager.update(
      CustomerEngagement,
      { customerId: survivor.id },
      { birthMonth: row.birthMonth, birthDay: row.birthDay, birthYear: row.birthYear, timeZone: row.timeZone },
    );
    await manager.delete(CustomerEngagement, { customerId: duplicateId });
  }
  const occasions = await manager.findBy(LifecycleOccasion, { customerId: duplicateId });
  if (occasions.length > 0) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(LifecycleOccasion)
      .values(occasions.map((o) => ({ ...o, customerId: survivor.id })))
      .orIgnore()
      .updateEntity(false)
      .execute();
    await manager.delete(LifecycleOccasion, { customerId: duplicateId });
  }
  for (const member of await manager.findBy(SegmentMember, { customerId: duplicateId })) {
    await leave(manager, member.segmentId, duplicateId);
  }
  await evaluateCustomer(manager, survivor, now, row);
}

/**
 * An erasure (in `requestErasure`'s transaction, and again on `crm.customer.erased`, finding
 * nothing then): the birthday, time zone, score, order facts and lifecycle occasions of these
 * customer ids are deleted, and they leave every segment. Returns how many rows went.
 */
export async function forgetEngagement(manager: EntityManager, customerIds: string[]): Promise<number> {
  const ids = In(customerIds);
  const members = await manager.findBy(SegmentMember, { customerId: ids });
  for (const member of members) await leave(manager, member.segmentId, member.customerId);
  let removed = members.length;
  for (const entity of [CustomerEngagement, CustomerOrderFact, LifecycleOccasion]) {
    removed += (await manager.delete(entity, { customerId: ids })).affected ?? 0;
  }
  return removed;
}

/**
 * What engagement keeps of a customer, for their data export: birthday and time zone, tier, the
 * RFM score, their segments and the lifecycle messages sent (the messages themselves are in the
 * export's `messages`).
 */
export async function engagementDocument(manager: EntityManager, customerId: string): Promise<Record<string, unknown>> {
  const row = await manager.findOneBy(CustomerEngagement, { customerId });
  const members = await manager.findBy(SegmentMember, { customerId });
  const segments = members.length ? await manager.findBy(Segment, { id: In(members.map((m) => m.segmentId)) }) : [];
  const occasions = await manager.find(LifecycleOccasion, { where: { customerId }, order: { sentAt: 'ASC' } });
  return {
    birthday: row?.birthMonth ? { month: row.birthMonth, day: row.birthDay, year: row.birthYear } : null,
    timeZone: row?.timeZone ?? null,
    tier: row?.tier ?? null,
    lastActivityAt: row?.lastActivityAt ?? null,
    score:
      row?.scoreValue != null
        ? { recency: row.recency, frequency: row.frequency, monetary: row.monetary, value: row.scoreValue }
        : null,
    segments: members.map((m) => ({ name: segments.find((s) => s.id === m.segmentId)?.name ?? null, since: m.since })),
    lifecycleMessages: occasions.map((o) => ({ kind: o.kind, occasion: o.occasion, sentAt: o.sentAt })),
  };
}

/**
 * Removes a segment: its members leave it (each published, so catalog forgets them and a
 * promotion limited to it applies to nobody), then it is gone. UNKNOWN_SEGMENT.
 */
export async function removeSegment(db: DataSource, id: string): Promise<string> {
  const removed = await inTransaction(db, async (manager) => {
    const segment = id.length <= 36 ? await manager.findOneBy(Segment, { id }) : null;
    if (!segment) throw new DomainError('UNKNOWN_SEGMENT', `no segment ${id}`, ['id']);
    for (const member of await manager.findBy(SegmentMember, { segmentId: segment.id })) {
      await publishMembership(manager, { segmentId: segment.id, customerId: member.customerId, member: false });
    }
    await manager.delete(SegmentMember, { segmentId: segment.id });
    await manager.delete(Segment, { id: segment.id });
    return segment.id;
  });
  forgetSegmentRules(db);
  return removed;
}
