import { existsSync, readFileSync } from 'node:fs';
import { apiSchema, contractOperations, pendingOperations, validateContract } from '../src/contract';
import { SUPERGRAPH_PATH } from '../src/system';

const schema = apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const operations = contractOperations();
const pending = new Set(pendingOperations());
const results = validateContract(schema, operations);

describe('the channels contract (schema/contract.graphql)', () => {
  const sharedContract = `${__dirname}/../../../shared/contract/operations.graphql`;
  (existsSync(sharedContract) ? it : it.skip)('is a verbatim copy of the shared contract', () => {
    const shared = readFileSync(sharedContract, 'utf8');
    expect(readFileSync(`${__dirname}/../../schema/contract.graphql`, 'utf8')).toBe(shared);
  });

  it('lists only operations that exist in the contract as pending', () => {
    expect([...pending].filter((name) => !operations.has(name))).toEqual([]);
  });

  const built = [...operations.keys()].filter((name) => !pending.has(name));
  it.each(built)('%s validates against the supergraph', (name) => {
    expect(results.get(name)).toEqual([]);
  });

  it('lists as pending only operations that do not validate yet (remove one from contract-pending.txt once it does)', () => {
    expect([...pending].filter((name) => results.get(name)?.length === 0)).toEqual([]);
  });
});
