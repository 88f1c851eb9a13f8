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
export function undocumented(schema: GraphQLSchema): string[] {
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

/**
 * What is still undocumented, one element a line: this list only shrinks. Describe an element
 * (`description:` in its type-graphql decorator, `valuesConfig` for enum values), run
 * `pnpm compose`, and delete its line here.
 */
const ALLOWED_FILE = join(__dirname, 'undocumented-api.txt');

describe('schema/api.graphql descriptions', () => {
  const schema = buildSchema(readFileSync(join(SCHEMA_DIR, 'api.graphql'), 'utf8'));
  const allowed = readFileSync(ALLOWED_FILE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const missing = undocumented(schema);

  it('describes every type, field, argument, input field and enum value for client developers', () => {
    const allowedSet = new Set(allowed);
    expect(missing.filter((element) => !allowedSet.has(element))).toEqual([]);
  });

  it('lists in gateway/test/undocumented-api.txt only what is still undocumented (delete the lines you describe)', () => {
    const missingSet = new Set(missing);
    expect(allowed.filter((element) => !missingSet.has(element))).toEqual([]);
  });
});
