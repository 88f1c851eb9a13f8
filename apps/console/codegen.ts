import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: join(import.meta.dirname, '..', '..', 'schema', 'api.graphql'),
  documents: join(import.meta.dirname, 'src', 'graphql', '*.graphql'),
  generates: {
    [join(import.meta.dirname, 'src', 'generated', 'graphql.ts')]: {
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
