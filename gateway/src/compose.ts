import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, printApiSchema, subgraphSdls } from './supergraph';

/**
 * `pnpm compose`: writes schema/<subgraph>.graphql, schema/supergraph.graphql and the client-facing
 * schema/api.graphql; fails on any composition error.
 */
async function main(): Promise<void> {
  const dir = join(__dirname, '..', '..', 'schema');
  const subgraphs = await subgraphSdls();
  const supergraph = composeSupergraph(subgraphs);
  for (const s of subgraphs) writeFileSync(join(dir, `${s.name}.graphql`), s.sdl.trimEnd() + '\n');
  writeFileSync(join(dir, 'supergraph.graphql'), supergraph.trimEnd() + '\n');
  writeFileSync(join(dir, 'api.graphql'), printApiSchema(supergraph).trimEnd() + '\n');
  process.stdout.write(`composed ${subgraphs.length} subgraphs into schema/supergraph.graphql\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
