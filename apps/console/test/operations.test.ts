/**
 * The console's operations, exactly as its GraphQL client sends them (urql adds __typename to
 * every selection), stay within the gateway's default query limits: the 360 page is one request
 * and must not be refused as too complex. They also validate against schema/api.graphql.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDocument } from '@urql/core';
import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_LIMITS, measureOperation } from '../../../gateway/src/limits';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'api.graphql'), 'utf8'));
const document = formatDocument(parse(readFileSync(join(__dirname, '..', 'src', 'graphql', 'operations.graphql'), 'utf8')));
const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');

test('every operation validates against the public schema', () => {
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
});

test.each(operations.map((o) => [o.name!.value]))('%s is within the default depth and cost limits', (name) => {
  const measure = measureOperation(schema, document, name, {});
  expect(measure.depth).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDepth);
  // Headroom for a field or two more on the page.
  expect(measure.cost).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost * 0.85);
});
