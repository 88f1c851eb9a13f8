import { composeServices } from '@apollo/composition';
import { buildSubgraph } from '@omni/platform';
import { parse, printSchema } from 'graphql';
import { apiSchema } from './contract';
import { SERVICES } from './services';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly errors: readonly { message: string }[]) {
    super(`supergraph composition failed:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** Each subgraph's SDL, built from its classes (no database needed). */
export async function subgraphSdls(): Promise<SubgraphSdl[]> {
  return Promise.all(
    SERVICES.map(async ({ definition, port }) => ({
      name: definition.name,
      url: `http://127.0.0.1:${port}/graphql`,
      sdl: (await buildSubgraph(definition)).sdl,
    })),
  );
}

export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length || !result.supergraphSdl) throw new CompositionError(result.errors ?? []);
  return result.supergraphSdl;
}

/**
 * The schema clients see, printed: the supergraph's API schema, without the join__/link
 * machinery and without what a subgraph marked @inaccessible (the calls between services).
 */
export function printApiSchema(supergraphSdl: string): string {
  return printSchema(apiSchema(supergraphSdl));
}
