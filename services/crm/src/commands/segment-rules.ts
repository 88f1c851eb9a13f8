import { tableOf, runStatement, hydrateRows } from '@omni/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { Segment } from '../entities/engagement';

export type SegmentRules = Pick<Segment, 'id' | 'rule'>[];

/**
 * How long a process trusts the rules it read while their version stays the same. The version
 * (how many segments, and when one was last defined or its size changed) shows a definition or a
 * removal by any replica at once; the bound covers what it can miss: two definitions within the
 * same millisecond, or one made by a replica whose clock is behind the latest change.
 */
export const SEGMENT_RULES_MAX_AGE_MS = 60_000;

interface Read {
  version: string;
  rules: SegmentRules;
  readAt: number;
}

const cached = new WeakMap<DataSource, Read>();

/**
 * The segments' version as an SQL expression, selected alongside a read or write that is made
 * anyway, so checking the cache costs no statement of its own.
 */
export function segmentsVersionSql(db: DataSource): string {
  return `(SELECT COUNT(*) || '/' || COALESCE(CAST(MAX("updatedAt") AS TEXT), '') FROM ${tableOf(db, Segment)})`;
}

/**
 * Every segment's rule: the ones this process read last while `version` (from `segmentsVersionSql`)
 * is the one they were read at, else read again with their version, in one statement (null: not
 * known, always read). ADMIN defines segments rarely; order and activity events evaluate them all
 * the time.
 */
export async function segmentRules(manager: EntityManager, version: string | null): Promise<SegmentRules> {
  const last = cached.get(manager.connection);
  if (last && version !== null && last.version === version && Date.now() - last.readAt < SEGMENT_RULES_MAX_AGE_MS) {
    return last.rules;
  }
  const readAt = Date.now();
  const db = manager.connection;
  // One row with no segment; the version comes from the same snapshot as the rules.
  const { rows } = await runStatement(
    manager,
    `SELECT v."version", s."id", s."rule" FROM (SELECT ${segmentsVersionSql(db)} AS "version") v ` +
      `LEFT JOIN ${tableOf(db, Segment)} s ON 1 = 1`,
    {},
  );
  const rules = hydrateRows(
    db,
    Segment,
    rows.filter((row) => row.id != null),
  );
  cached.set(db, { version: String(rows[0]!.version), rules, readAt });
  return rules;
}

/** The rules this process read last, whatever their version now (none read yet: none). */
export function lastSegmentRules(db: DataSource): SegmentRules {
  return cached.get(db)?.rules ?? [];
}

/** This process changed a segment: the next evaluation reads the rules again. */
export function forgetSegmentRules(db: DataSource): void {
  cached.delete(db);
}
