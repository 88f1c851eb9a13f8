import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import type { RequestHandler, Response } from 'express';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  Lexer,
  Source,
  TokenKind,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ConfigError, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@omni/platform';

export const DEFAULT_MAX_DEPTH = 12;
export const DEFAULT_MAX_COST = 5000;
/** The largest page a subgraph serves; a larger `first` is refused rather than cut short. */
export const DEFAULT_MAX_PAGE_SIZE = MAX_PAGE_SIZE;
/** Request bodies above this are refused before they are parsed. */
export const DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
/**
 * Aliases per operation: each alias runs its field again. The contract uses none; a back office
 * looking up a page of 50 orders by id in one request uses 50 (crm.test.ts).
 */
export const DEFAULT_MAX_ALIASES = 50;
/** Lexical tokens per document, counted before it is parsed (the largest contract operation has about 330). */
export const DEFAULT_MAX_TOKENS = 2000;
/**
 * The assumed length of a list field without `first` (a variant's attributes, an order's lines).
 * Not the page size (20): lists nest (20 products x 20 variants x 20 attributes), and at 20 the
 * contract's SearchProducts alone would cost 35,821.
 */
export const DEFAULT_LIST_SIZE = 5;

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxPageSize: number;
  maxAliases: number;
  maxTokens: number;
  /** The assumed length of a list field without `first` (QUERY_LIST_SIZE). */
  listSize: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: DEFAULT_MAX_DEPTH,
  maxCost: DEFAULT_MAX_COST,
  maxPageSize: DEFAULT_MAX_PAGE_SIZE,
  maxAliases: DEFAULT_MAX_ALIASES,
  maxTokens: DEFAULT_MAX_TOKENS,
  listSize: DEFAULT_LIST_SIZE,
};

export interface QueryMeasure {
  depth: number;
  cost: number;
  /** The largest `first`/`last` the request gives (0: none). */
  largestPage: number;
  /** Aliases in the operation (fragments included; `__typename` aliases are free). */
  aliases: number;
}

/**
 * Depth and estimated cost of one operation, before it runs.
 *
 * Depth: the longest chain of nested fields (fragments do not add a level). Cost: every field
 * costs 1, and a field taking `first` (or `last`) multiplies the cost of what it selects by that
 * number: a page of n nodes costs n times one node. A connection (a type named `...Connection`)
 * or a list without `first` is counted at the default page size: a list of objects is not one
 * object (a connection's own `edges`/`nodes` are its page, already counted). `first` from a
 * variable the request does not give counts as `unknownPageSize` (default: the largest page a
 * subgraph serves). Introspection (`__schema`, `__type`) is not counted. Aliases are counted by
 * GraphQL Armor's max-aliases rule.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
  unknownPageSize = MAX_PAGE_SIZE,
  listSize = DEFAULT_LIST_SIZE,
): QueryMeasure {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return { depth: 0, cost: 0, largestPage: 0, aliases: 0 };
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
  ): Omit<QueryMeasure, 'largestPage' | 'aliases'> => {
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

  const field = (
    node: FieldNode,
    parent: GraphQLNamedType | undefined,
    seen: Set<string>,
  ): Omit<QueryMeasure, 'largestPage' | 'aliases'> => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return { depth: 0, cost: 0 };
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
    const type = definition ? getNamedType(definition.type) : undefined;
    const first = node.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
    const isList = definition !== undefined && isListType(getNullableType(definition.type));
    const pageOfConnection = parent?.name.endsWith('Connection') && (name === 'edges' || name === 'nodes');
    const multiplier = first
      ? pageSize(first.value)
      : type?.name.endsWith('Connection')
        ? DEFAULT_PAGE_SIZE
        : isList && !pageOfConnection
          ? listSize
          : 1;
    const children = walk(node.selectionSet, type, seen);
    return { depth: 1 + children.depth, cost: 1 + Math.max(0, multiplier) * children.cost };
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return { ...walk(operation.selectionSet, root ?? undefined, new Set()), largestPage, aliases: countAliases(schema, document) };
}

/** The most aliases of any operation in the document, as GraphQL Armor's max-aliases rule counts them. */
export function countAliases(schema: GraphQLSchema, document: DocumentNode): number {
  let most = 0;
  const count = maxAliasesRule({
    n: Number.MAX_SAFE_INTEGER,
    propagateOnRejection: false,
    onAccept: [(_context, { n }) => (most = Math.max(most, n))],
  });
  validate(schema, document, [count]);
  return most;
}

/**
 * The lexical tokens of a query, counted up to `max + 1`: a document over the limit is refused
 * before it is parsed, however long it is. A lexical error stops the count (the parser reports it).
 */
export function countTokens(query: string, max: number): number {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (tokens <= max && lexer.advance().kind !== TokenKind.EOF) tokens++;
  } catch {
    // Not GraphQL: Apollo's parser answers it with the syntax error.
  }
  return tokens;
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
  if (measure.aliases > limits.maxAliases) {
    return tooComplex(`Query has ${measure.aliases} aliases, over the maximum of ${limits.maxAliases} (QUERY_MAX_ALIASES)`);
  }
  if (measure.largestPage > limits.maxPageSize) {
    return tooComplex(
      `Page size ${measure.largestPage} exceeds the maximum page size of ${limits.maxPageSize} (QUERY_MAX_PAGE_SIZE)`,
    );
  }
  return null;
}

/**
 * Rejects an operation over the limits after validation, before anything executes. Apollo hands
 * the same parsed document to every request with the same query text, so a document's measure is
 * kept with it, per operation name and the numbers among the variables (the only ones a page
 * size can come from): a channel's repeated query is measured once.
 */
export function queryLimitsPlugin<T extends object>(limits: QueryLimits): ApolloServerPlugin<T> {
  const measured = new WeakMap<DocumentNode, Map<string, QueryMeasure>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          const variables = request.variables ?? {};
          const numbers = Object.entries(variables).filter(([, value]) => typeof value === 'number');
          const key = `${operationName ?? ''} ${JSON.stringify(numbers)}`;
          let byKey = measured.get(document);
          if (!byKey) measured.set(document, (byKey = new Map()));
          let measure = byKey.get(key);
          if (!measure) {
            // A page size the request does not give is the page the subgraph serves without one.
            measure = measureOperation(schema, document, operationName, variables, DEFAULT_PAGE_SIZE, limits.listSize);
            if (byKey.size < 100) byKey.set(key, measure);
          }
          const error = checkLimits(measure, limits);
          if (error) throw error;
        },
      };
    },
  };
}

/** The query text(s) of a parsed request body or GET query string. */
function queriesOf(req: { method: string; body?: unknown; query?: unknown }): string[] {
  const bodies = Array.isArray(req.body) ? req.body : [req.method === 'GET' ? req.query : req.body];
  return bodies.flatMap((b) => (b && typeof b === 'object' && typeof b.query === 'string' ? [b.query as string] : []));
}

/** Answers a request refused before Apollo runs it: HTTP 400 and the error as GraphQL errors. */
export function refuseRequest(res: Response, error: GraphQLError): void {
  res.status(400).json({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
}

/** Documents up to this many characters that passed the token limit are remembered, this many at most. */
const REMEMBERED_QUERY_CHARS = 10_000;
const REMEMBERED_QUERIES = 1_000;

/**
 * Refuses a document with more than `maxTokens` tokens before Apollo parses it (QUERY_MAX_TOKENS):
 * a huge document costs its parse and validation even when a later limit would refuse it. Runs
 * after the body parser, before Apollo. A client sends the same few documents again and again:
 * one found within the limit is not counted again.
 */
export function tokenLimitMiddleware(maxTokens: number): RequestHandler {
  const withinLimit = new Set<string>();
  const isWithinLimit = (query: string) => {
    if (withinLimit.has(query)) return true;
    if (countTokens(query, maxTokens) > maxTokens) return false;
    if (query.length <= REMEMBERED_QUERY_CHARS) {
      if (withinLimit.size >= REMEMBERED_QUERIES) withinLimit.clear();
      withinLimit.add(query);
    }
    return true;
  };
  return (req, res, next) => {
    for (const query of queriesOf(req)) {
      if (!isWithinLimit(query)) {
        const error = tooComplex(`Query has more than ${maxTokens} tokens, the maximum (QUERY_MAX_TOKENS)`);
        refuseRequest(res, error);
        return;
      }
    }
    next();
  };
}

/** Who may introspect the schema (`__schema`, `__type`): everyone, signed-in callers only, or nobody. */
export type IntrospectionPolicy = 'on' | 'authenticated' | 'off';

/** INTROSPECTION: unset, `on` embedded and `off` distributed (the published schema is schema/api.graphql). */
export function introspectionPolicy(value: string | undefined, mode: 'embedded' | 'distributed'): IntrospectionPolicy {
  const policy = value?.trim() || (mode === 'embedded' ? 'on' : 'off');
  if (policy !== 'on' && policy !== 'authenticated' && policy !== 'off') {
    throw new ConfigError('INTROSPECTION', `has an invalid value ${JSON.stringify(policy)}: on, authenticated or off`);
  }
  return policy;
}

/** True when the operation asks for `__schema` or `__type` (`__typename` is not introspection). */
export function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (found) return;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__schema' || selection.name.value === '__type') found = true;
        else visit(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        const fragment = document.definitions.find(
          (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
        );
        visit(fragment?.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition.selectionSet, new Set());
  }
  return found;
}

/**
 * With `authenticated`, an anonymous caller's introspection is refused (FORBIDDEN) before it runs;
 * `off` is Apollo's own `introspection: false`, `on` lets everyone introspect.
 */
export function introspectionPlugin<T extends object>(
  policy: IntrospectionPolicy,
  isAnonymous: (context: T) => boolean,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (policy === 'authenticated' && isAnonymous(contextValue) && isIntrospection(document)) {
            throw new GraphQLError('Introspection needs a signed-in caller (INTROSPECTION=authenticated)', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
