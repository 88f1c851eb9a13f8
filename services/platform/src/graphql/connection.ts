import { GraphQLError } from 'graphql';
import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';

@Directive('@shareable')
@ObjectType({ simpleResolvers: true, description: 'Where a page of a connection stands (Relay cursor pagination).' })
export class PageInfo {
  @Field({ description: 'More nodes follow: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field({ description: 'Always false: connections page forward only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first node's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last node's cursor, for the next page's `after`; null on an empty page.",
  })
  endCursor!: string | null;
}

/** Opaque, stable cursors: base64url of a JSON sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function invalidCursor(): GraphQLError {
  return new GraphQLError('after is not a cursor this connection gave out', { extensions: { code: 'BAD_USER_INPUT' } });
}

/** The sort key inside a cursor; a cursor that is not one of ours is the caller's error, never page one again. */
export function decodeCursor(cursor: string | null | undefined): unknown[] | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(key)) throw invalidCursor();
  return key;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
  cursorOf: (node: T) => string;
}

export function pageInfo<T>(page: Page<T>): PageInfo {
  const first = page.nodes[0];
  const last = page.nodes[page.nodes.length - 1];
  return Object.assign(new PageInfo(), {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: false,
    startCursor: first ? page.cursorOf(first) : null,
    endCursor: last ? page.cursorOf(last) : null,
  });
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Clamps a requested page size to [0, MAX_PAGE_SIZE]; a negative size is a caller error. */
export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (first < 0) {
    throw new GraphQLError('first must not be negative', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return Math.min(first, MAX_PAGE_SIZE);
}

export interface ConnectionShape<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: T }[];
}

/**
 * The Relay connection type of `node`: extend it as `@ObjectType() class OrderConnection extends
 * Connection(Order) {}`; its edge type is `<edgeName>Edge` (the node's class name by default).
 */
export function Connection<T extends object>(node: ClassType<T>, edgeName = node.name) {
  @ObjectType(`${edgeName}Edge`, { description: `One ${node.name} of a connection, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque: pass it as `after` to get the nodes after this one.' })
    cursor!: string;

    @Field(() => node, { description: `The ${node.name}.` })
    node!: T;
  }

  // Never emitted itself (not reachable): only its subclasses are.
  @ObjectType(`${edgeName}ConnectionFields`)
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => Int, { description: 'How many nodes match in all, across every page.' })
    totalCount!: number;

    @Field(() => PageInfo, { description: 'Where this page stands; `endCursor` asks for the next.' })
    pageInfo!: PageInfo;

    @Field(() => [Edge], { description: 'This page of nodes, each with its cursor, in the order of the connection.' })
    edges!: Edge[];
  }
  return ConnectionType;
}

/** A page of nodes as a connection, each with its cursor. */
export function toConnection<T>(
  page: { nodes: T[]; totalCount: number; hasNextPage: boolean },
  cursorOf: (node: T) => string,
): ConnectionShape<T> {
  return {
    totalCount: page.totalCount,
    pageInfo: pageInfo({ ...page, cursorOf }),
    edges: page.nodes.map((node) => ({ cursor: cursorOf(node), node })),
  };
}
