import type { GraphQLFormattedError } from 'graphql';

/**
 * The representations of an entity fetch, each distinct one once (in first-seen order), and for
 * each original position the index of its distinct representation. A page of orders names the same
 * product variant or location many times; the subgraph then resolves each only once.
 */
export interface DistinctRepresentations {
  distinct: unknown[];
  /** `at[i]`: the index in `distinct` of the i-th original representation. */
  at: number[];
}

export function distinctRepresentations(representations: readonly unknown[]): DistinctRepresentations {
  const indexOf = new Map<string, number>();
  const distinct: unknown[] = [];
  const at = representations.map((representation) => {
    const key = stableKey(representation);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = distinct.push(representation) - 1;
      indexOf.set(key, index);
    }
    return index;
  });
  return { distinct, at };
}

interface EntitiesResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * The answer the subgraph would have given to the original representations: `_entities` and the
 * errors at `['_entities', i, ...]` repeated at every position that shared representation i. Each
 * repeated entity is a copy, as a subgraph answering every representation would have sent; the
 * gateway merges later fetches into these objects. Errors without an entity path pass unchanged.
 */
export function expandEntities<R extends EntitiesResponse>(response: R, at: readonly number[]): R {
  const positions: number[][] = [];
  at.forEach((index, position) => (positions[index] ??= []).push(position));
  const entities = response.data?._entities;
  const data =
    Array.isArray(entities) && entities.length === positions.length
      ? {
          ...response.data,
          _entities: at.map((index, position) => (positions[index]![0] === position ? entities[index] : copy(entities[index]))),
        }
      : response.data;
  return { ...response, data, ...(response.errors ? { errors: expandErrors(response.errors, positions) } : {}) };
}

/** Entity errors repeated at each position and ordered by it (as the subgraph would have), after the others. */
function expandErrors(errors: readonly GraphQLFormattedError[], positions: number[][]): GraphQLFormattedError[] {
  const others: GraphQLFormattedError[] = [];
  const placed: { position: number; error: GraphQLFormattedError }[] = [];
  for (const error of errors) {
    const [field, index, ...rest] = error.path ?? [];
    const shared = field === '_entities' && typeof index === 'number' ? positions[index] : undefined;
    if (!shared) others.push(error);
    else for (const position of shared) placed.push({ position, error: { ...error, path: ['_entities', position, ...rest] } });
  }
  return [...others, ...placed.sort((a, b) => a.position - b.position).map((p) => p.error)];
}

/** JSON text with object keys sorted, so equal representations give equal keys whatever their key order. */
function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableKey(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A copy of the arrays and plain objects of a JSON answer; other values (a scalar's) are shared. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) result[key] = copy(field);
    return result;
  }
  return value;
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
