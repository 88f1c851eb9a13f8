import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@omni/platform';

export const DEFAULT_MAX_DEPTH = 12;
export const DEFAULT_MAX_COST = 5000;
/** The largest page a subgraph serves; a larger `first` is refused rather than cut short. */
export const DEFAULT_MAX_PAGE_SIZE = MAX_PAGE_SIZE;
/** Request bodies above this are refused before they are parsed. */
export const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxPageSize: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: DEFAULT_MAX_DEPTH,
  maxCost: DEFAULT_MAX_COST,
  maxPageSize: DEFAULT_MAX_PAGE_SIZE,
};

export interface QueryMeasure {
  depth: number;
  cost: number;
  /** The largest `first`/`last` the request gives (0: none). */
  largestPage: number;
}

/**
 * Depth and estimated cost of one operation, before it runs.
 *
 * Depth: the longest chain of nested fields (fragments do not add a level). Cost: every field
 * costs 1, and a field taking `first` (or `last`) multiplies the cost of what it selects by that
 * number: a page of n nodes costs n times one node. A connection (a type named `...Connection`)
 * without `first` is counted at the default page size. `first` from a variable the request does
 * not give counts as `unknownPageSize` (default: the largest page a subgraph serves).
 * Introspection (`__schema`, `__type`) is not counted.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
  unknownPageSize = MAX_PAGE_SIZE,
): QueryMeasure {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { depth: 0, cost: 0, largestPage: 0 };
  let largestPage = 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const defaults = new Map(
    (operation.variableDefinitions ?? []).map((v) => [
      v.variable.name.value,
      v.defaultValue ? intValue(v.defaultValue, {}) : undefined,
    ]),
  );
  const pageSize = (node: ValueNode): number => {
    const value = intValue(node, variables) ?? (node.kind === Kind.VARIABLE ? defaults.get(node.name.value) : undefined);
    if (value !== undefined) largestPage = Math.max(largestPage, value);
    return value ?? unknownPageSize;
  };

  const walk = (
    selectionSet: SelectionSetNode | undefined,
    parent: GraphQLNamedType | undefined,
    seen: Set<string>,
  ): Omit<QueryMeasure, 'largestPage'> => {
    if (!selectionSet) return { depth: 0, cost: 0 };
    let depth = 0;
    let cost = 0;
    const visitFields = (set: SelectionSetNode, type: GraphQLNamedType | undefined, visited: Set<string>) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          const measured = field(selection, type, visited);
          depth = Math.max(depth, measured.depth);
          cost += measured.cost;
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
          visitFields(selection.selectionSet, on ?? undefined, visited);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || visited.has(fragment.name.value)) continue;
          visitFields(
            fragment.selectionSet,
            schema.getType(fragment.typeCondition.name.value) ?? undefined,
            new Set([...visited, fragment.name.value]),
          );
        }
      }
    };
    visitFields(selectionSet, parent, seen);
    return { depth, cost };
  };

  const field = (node: FieldNode, parent: GraphQLNamedType | undefined, seen: Set<string>): Omit<QueryMeasure, 'largestPage'> => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return { depth: 0, cost: 0 };
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
    const type = definition ? getNamedType(definition.type) : undefined;
    const first = node.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
    const multiplier = first ? pageSize(first.value) : type?.name.endsWith('Connection') ? DEFAULT_PAGE_SIZE : 1;
    const children = walk(node.selectionSet, type, seen);
    return { depth: 1 + children.depth, cost: 1 + Math.max(0, multiplier) * children.cost };
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return { ...walk(operation.selectionSet, root ?? undefined, new Set()), largestPage };
}

function intValue(node: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

/** The error of a query over a limit; it is not executed. */
export function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}

/** Checks a measured operation against the limits; the error names the limit and its value. */
export function checkLimits(measure: QueryMeasure, limits: QueryLimits): GraphQLError | null {
  if (measure.depth > limits.maxDepth) {
    return tooComplex(`Query depth ${measure.depth} exceeds the maximum depth of ${limits.maxDepth} (QUERY_MAX_DEPTH)`);
  }
  if (measure.cost > limits.maxCost) {
    return tooComplex(`Query cost ${measure.cost} exceeds the maximum cost of ${limits.maxCost} (QUERY_MAX_COST)`);
  }
  if (measure.largestPage > limits.maxPageSize) {
    return tooComplex(
      `Page size ${measure.largestPage} exceeds the maximum page size of ${limits.maxPageSize} (QUERY_MAX_PAGE_SIZE)`,
    );
  }
  return null;
}

/** Rejects an operation over the limits after validation, before anything executes. */
export function queryLimitsPlugin<T extends object>(limits: QueryLimits): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          const error = checkLimits(measureOperation(schema, document, operationName, request.variables ?? {}), limits);
          if (error) throw error;
        },
      };
    },
  };
}
