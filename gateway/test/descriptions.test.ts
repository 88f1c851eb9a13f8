import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { SCHEMA_DIR } from '../src/contract';

/**
 * Every element of the client schema, named as `Type`, `Type.field`, `Type.field(arg)`,
 * `Input.field` or `Enum.VALUE`, that has no description.
 */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!type.description?.trim()) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing.sort();
}

describe('schema/api.graphql descriptions', () => {
  it('describes every type, field, argument, input field and enum value for client developers', () => {
    // Describe an element with `description:` in its type-graphql decorator (`valuesConfig` of
    // `registerEnumType` for enum values), then `pnpm compose`. Mutations list their userError codes.
    const schema = buildSchema(readFileSync(join(SCHEMA_DIR, 'api.graphql'), 'utf8'));
    expect(undocumented(schema)).toEqual([]);
  });
});
