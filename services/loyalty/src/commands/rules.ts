import { randomUUID } from 'node:crypto';
import { DomainError, inTransaction, type Channel, type ServiceContext } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { effectiveRules, isDefaultRuleId, ruleProblems, type EarnRuleData } from '../domain/rules';
import { EarnRule } from '../entities/rules';

export type EarnRuleInput = Omit<EarnRuleData, 'id' | 'channels'> & { id?: string | null; channels?: Channel[] | null };

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
  return rulesInForce(await manager.find(EarnRule, { order: { id: 'ASC' } }));
}

/** The stored rules (by id) plus defaults for what they leave out. */
export function rulesInForce(stored: EarnRule[]): EarnRuleData[] {
  return effectiveRules(stored.map((r) => r.toData()));
}
