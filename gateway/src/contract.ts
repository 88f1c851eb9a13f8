import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  Kind,
  parse,
  print,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

export const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');
export const CONTRACT_PATH = join(SCHEMA_DIR, 'contract.graphql');
export const PENDING_PATH = join(SCHEMA_DIR, 'contract-pending.txt');

/** The schema clients see: the supergraph without its join/link machinery. */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Each named operation of the contract as its own document (the contract uses no fragments). */
export function contractOperations(source = readFileSync(CONTRACT_PATH, 'utf8')): Map<string, DocumentNode> {
  const operations = new Map<string, DocumentNode>();
  for (const definition of parse(source).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
    operations.set(definition.name.value, { kind: Kind.DOCUMENT, definitions: [definition as OperationDefinitionNode] });
  }
  return operations;
}

/** Operation name -> validation error messages (empty when the operation validates). */
export function validateContract(schema: GraphQLSchema, operations = contractOperations()): Map<string, string[]> {
  return new Map([...operations].map(([name, document]) => [name, validate(schema, document).map((e) => e.message)]));
}

/** Operation names listed in schema/contract-pending.txt (one per line, # comments). */
export function pendingOperations(source = readFileSync(PENDING_PATH, 'utf8')): string[] {
  return source
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/**
 * The part of an operation the schema already serves: fields the schema does not have are cut,
 * and so are selections left empty. Lets a test run the whole 360 view as it grows.
 */
export function pruneToSchema(schema: GraphQLSchema, document: DocumentNode): string {
  const typeInfo = new TypeInfo(schema);
  const pruned = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter: () => (typeInfo.getFieldDef() ? undefined : null),
        leave: (node) => (node.selectionSet && node.selectionSet.selections.length === 0 ? null : undefined),
      },
    }),
  );
  return print(pruned);
}
