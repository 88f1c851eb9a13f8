import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, PLATFORM_ENTITIES } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { defineSegment, removeSegment } from '../src/commands/engagement';
import { segmentRules, segmentsVersionSql } from '../src/commands/segment-rules';
import { crmService } from '../src/index';
import { statementsOf } from '../../platform/test/databases';

/** Two CRM replicas on one database: what one defines, the other evaluates with at once. */
describe('segment rules kept per process', () => {
  let dir: string;
  let admin: DataSource;
  let replica: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-segments-'));
    const open = (migrate: boolean) =>
      openDatabase({
        service: 'crm',
        entities: [...crmService.entities, ...PLATFORM_ENTITIES],
        migrations: crmService.migrations,
        dataDir: dir,
        migrate,
      });
    admin = await open(true);
    replica = await open(false);
  });
  afterAll(async () => {
    await admin?.destroy();
    await replica?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The rules as an event sees them: the version read along with its customer, then the rules. */
  const rulesSeen = async (db: DataSource) => {
    const [{ version }] = (await db.query(`SELECT ${segmentsVersionSql(db)} AS "version"`)) as { version: unknown }[];
    return segmentRules(db.manager, String(version));
  };

  it('reads the rules again only when a segment was defined, redefined or removed, by any replica', async () => {
    expect(await rulesSeen(replica)).toEqual([]);
    // Unchanged: the version read is the only statement.
    expect(await statementsOf(replica, () => rulesSeen(replica))).toBe(1);

    const gold = await defineSegment(admin, { name: 'Gold members', rule: { minTier: 'GOLD' } });
    expect(await rulesSeen(replica)).toEqual([{ id: gold.id, rule: expect.objectContaining({ minTier: 'GOLD' }) }]);

    await defineSegment(admin, { name: 'gold MEMBERS', rule: { minTier: 'PLATINUM' } });
    expect(await rulesSeen(replica)).toEqual([{ id: gold.id, rule: expect.objectContaining({ minTier: 'PLATINUM' }) }]);
    expect(await statementsOf(replica, () => rulesSeen(replica))).toBe(1);

    await removeSegment(admin, gold.id);
    expect(await rulesSeen(replica)).toEqual([]);
  });
});
