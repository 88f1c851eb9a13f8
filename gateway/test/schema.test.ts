import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_DIR } from '../src/contract';
import { composeSupergraph, subgraphSdls } from '../src/supergraph';

describe('schema/', () => {
  it('matches what `pnpm compose` builds from the subgraphs today', async () => {
    const subgraphs = await subgraphSdls();
    const read = (file: string) => readFileSync(join(SCHEMA_DIR, file), 'utf8');
    for (const subgraph of subgraphs) {
      expect({ file: `${subgraph.name}.graphql`, sdl: read(`${subgraph.name}.graphql`) }).toEqual({
        file: `${subgraph.name}.graphql`,
        sdl: subgraph.sdl.trimEnd() + '\n',
      });
    }
    expect(read('supergraph.graphql')).toBe(composeSupergraph(subgraphs).trimEnd() + '\n');
  });
});
