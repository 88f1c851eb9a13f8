import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, visit, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './access';
import type { ServiceContext } from './context';
import { operationsSubgraph } from './operations';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: 'What a client can read. Each field says who may call it; anonymous callers see only public catalog and stock data.',
  Mutation:
    'What a client can change. A mutation answers with a payload whose `userErrors` (stable codes, listed per mutation) ' +
    'report what the caller can fix; nothing is written when there are any.',
};

/** Resolves `{ __typename, ...key }` representations of an entity this subgraph owns. */
export type ReferenceResolver = (reference: Record<string, unknown>, ctx: ServiceContext) => unknown;

export interface SubgraphDefinition {
  /** The service's name: with it the subgraph also serves its part of the `Operations` view (operations.ts). */
  name?: string;
  resolvers: NonEmptyArray<Function>;
  /** Types not reachable from a resolver (entity stubs that only carry keys, for example). */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name; each should batch through a DataLoader. */
  references?: Record<string, ReferenceResolver>;
  /**
   * Enums to mark `@inaccessible` (out of the gateway's API): type-graphql's `registerEnumType`
   * takes no directives. Other types and fields use `@Directive('@inaccessible')`.
   */
  inaccessibleEnums?: string[];
}

export interface Subgraph {
  schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it. */
  sdl: string;
}

/**
 * type-graphql classes -> Federation 2 subgraph. type-graphql has no federation support of its
 * own: its schema is printed with directives, given the federation `@link`, and rebuilt by
 * `buildSubgraphSchema` with type-graphql's resolvers plus the entity reference resolvers.
 */
export async function buildSubgraph(definition: SubgraphDefinition): Promise<Subgraph> {
  const platform = definition.name ? operationsSubgraph(definition.name) : { resolvers: [], orphanedTypes: [] };
  const typeGraphqlSchema = await buildSchema({
    resolvers: [...definition.resolvers, ...platform.resolvers] as NonEmptyArray<Function>,
    orphanedTypes: [...(definition.orphanedTypes ?? []), ...platform.orphanedTypes],
    skipCheck: true,
    validate: false,
    // `@Authorized(...roles)` everywhere: see access.ts.
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
  });
  const hidden = new Set(definition.inaccessibleEnums ?? []);
  const typeDefs = visit(gql(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`), {
    // type-graphql gives its root types no description: every subgraph gives them the same one.
    ObjectTypeDefinition: (node) =>
      ROOT_DESCRIPTIONS[node.name.value] && !node.description
        ? { ...node, description: { kind: Kind.STRING, value: ROOT_DESCRIPTIONS[node.name.value]! } }
        : undefined,
    EnumTypeDefinition: (node) =>
      hidden.delete(node.name.value)
        ? {
            ...node,
            directives: [...(node.directives ?? []), { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'inaccessible' } }],
          }
        : undefined,
  });
  if (hidden.size) throw new Error(`inaccessibleEnums: no enum ${[...hidden].join(', ')} in this subgraph`);
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(definition.references ?? {})) {
    const existing = resolvers[typeName] ?? {};
    resolvers[typeName] = { ...existing, __resolveReference: resolveReference };
  }
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
  return { schema, sdl: printSubgraphSchema(schema) };
}
