import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, type Channel, type ServiceContext } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import type { LoyaltyTier } from '../domain/program';
import {
  effectiveRules,
  isDefaultRuleId,
  ruleProblems,
  type CapPeriod,
  type EarnRuleData,
  type EarnTrigger,
  type EngagementKind,
} from '../domain/rules';
import { EarnRule } from '../entities/rules';

export interface EarnRuleInput {
  id?: string | null;
  name: string;
  trigger: EarnTrigger;
  engagementKind?: EngagementKind | null;
  pointsPerCurrencyUnit?: number | null;
  fixedPoints?: number | null;
  multiplier?: number | null;
  categoryPath?: string[] | null;
  channels?: Channel[] | null;
  minTier?: LoyaltyTier | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  maxPerPeriod?: number | null;
  capPeriod?: CapPeriod | null;
  active: boolean;
}

/** Creates a rule, or replaces the one with `id`, a default's included (`UNKNOWN_RULE` when there is none). */
export async function upsertEarnRule(ctx: ServiceContext, input: EarnRuleInput): Promise<EarnRule> {
  const data: EarnRuleData = {
    ...input,
    id: input.id ?? randomUUID(),
    categoryPath: input.categoryPath?.map((c) => c.trim()).filter(Boolean),
  };
  const problems = ruleProblems(data);
  if (problems.length) {
    const [field, message] = problems[0]!;
    throw new DomainError('INVALID_RULE', message, ['input', field]);
  }
  return inTransaction(ctx.db, async (manager) => {
    if (input.id && !isDefaultRuleId(input.id) && !(await manager.existsBy(EarnRule, { id: input.id }))) {
      throw new DomainError('UNKNOWN_RULE', `no earn rule ${input.id}`, ['input', 'id']);
    }
    await manager.save(EarnRule, { ...EarnRule.columns(data), updatedAt: new Date() });
    return manager.findOneByOrFail(EarnRule, { id: data.id });
  });
}

/** Every stored rule (a handful; rules are few and read per event) plus defaults for what they leave out. */
export async function loadRules(manager: EntityManager): Promise<EarnRuleData[]> {
  const stored = await manager.find(EarnRule, { order: { id: 'ASC' } });
  return effectiveRules(stored.map((r) => r.toData()));
}
