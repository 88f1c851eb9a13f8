import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { parse, print, type DefinitionNode } from 'graphql';

const schemaDir = join(__dirname, '..', '..', 'schema');

/**
 * The contract's operations that the API serves today: schema/contract.graphql without those
 * schema/contract-pending.txt lists (they do not validate yet, so no types can be generated).
 */
function servedContractOperations(): string {
  const pending = new Set(
    readFileSync(join(schemaDir, 'contract-pending.txt'), 'utf8')
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean),
  );
  const definitions = parse(readFileSync(join(schemaDir, 'contract.graphql'), 'utf8')).definitions.filter(
    (d: DefinitionNode) => !(d.kind === 'OperationDefinition' && d.name && pending.has(d.name.value)),
  );
  return print({ kind: 'Document', definitions } as never);
}

const config: CodegenConfig = {
  schema: join(schemaDir, 'api.graphql'),
  documents: servedContractOperations(),
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        // Scalars as they travel in JSON.
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        skipTypename: true,
      },
    },
  },
  silent: true,
};

export default config;
