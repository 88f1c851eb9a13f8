import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { SCHEMA_DIR } from '../src/contract';
import { composeSupergraph, printApiSchema, subgraphSdls } from '../src/supergraph';

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
    const supergraph = composeSupergraph(subgraphs);
    expect(read('supergraph.graphql')).toBe(supergraph.trimEnd() + '\n');
    expect(read('api.graphql')).toBe(printApiSchema(supergraph).trimEnd() + '\n');
  });

  it('hides the calls between services from clients: in the supergraph, not in api.graphql', () => {
    const serviceOnly = {
      Query: ['priceCartV1', 'fulfillmentCandidates'],
      Mutation: [
        'reserveStock',
        'releaseReservations',
        'consumeReservations',
        'holdPoints',
        'holdStoredValue',
        'captureHold',
        'releaseHold',
      ],
    };
    const api = buildSchema(readFileSync(join(SCHEMA_DIR, 'api.graphql'), 'utf8'));
    const supergraph = readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
    for (const [root, fields] of Object.entries(serviceOnly)) {
      const visible = Object.keys((root === 'Query' ? api.getQueryType() : api.getMutationType())!.getFields());
      for (const field of fields) {
        expect({ field, inApi: visible.includes(field) }).toEqual({ field, inApi: false });
        expect(supergraph).toMatch(new RegExp(`\\b${field}\\(.*@inaccessible`));
      }
    }
    // Nor their payloads and inputs; what clients do use stays.
    for (const type of [
      'PriceCartV1Payload',
      'PriceCartInput',
      'FulfillmentCandidate',
      'ReserveStockInput',
      'HoldPayload',
      'LoyaltyHold',
      'LoyaltyHoldStatus',
    ]) {
      expect({ type, inApi: api.getType(type) !== undefined }).toEqual({ type, inApi: false });
    }
    expect(api.getQueryType()!.getFields().searchProducts).toBeDefined();
    expect(readFileSync(join(SCHEMA_DIR, 'api.graphql'), 'utf8')).not.toMatch(/join__|@link|@inaccessible/);
  });
});
