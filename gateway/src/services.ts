import { catalogService } from '@omni/catalog';
import { crmService } from '@omni/crm';
import { inventoryService } from '@omni/inventory';
import { loyaltyService } from '@omni/loyalty';
import { ordersService } from '@omni/orders';
import {
  ConfigError,
  GATEWAY_PROCESS,
  SUBGRAPH_PROCESSES,
  urlVariable,
  type ServiceDefinition,
  type SubgraphName,
} from '@omni/platform';

export { urlVariable };

/** The five subgraphs, in composition order, with their default ports (SUBGRAPH_PROCESSES, platform processes.ts). */
export const SERVICES: readonly { definition: ServiceDefinition; port: number }[] = [
  crmService,
  catalogService,
  inventoryService,
  ordersService,
  loyaltyService,
].map((definition) => ({ definition, port: SUBGRAPH_PROCESSES[definition.name as SubgraphName].port }));

export const GATEWAY_PORT = GATEWAY_PROCESS.port;

/**
 * The subgraph URLs of the distributed mode, or null for the embedded one (none set). Distributed,
 * every URL is required, and so are SUBGRAPH_SECRET, an AUTH_* key, AUTH_ISSUER and AUTH_AUDIENCE:
 * subgraphs on a network trust only signed callers, and the development keys are public.
 */
export function distributedEndpoints(settings: Record<string, unknown>): Map<string, string> | null {
  const urls = SERVICES.map(({ definition }) => [definition.name, settings[urlVariable(definition.name)]] as const);
  if (!urls.some(([, url]) => url)) return null;
  const missing = urls.find(([, url]) => !url);
  if (missing) throw new ConfigError(urlVariable(missing[0]), 'is required when any subgraph URL is set (distributed mode)');
  if (!settings.SUBGRAPH_SECRET) throw new ConfigError('SUBGRAPH_SECRET', 'is required in distributed mode');
  if (!settings.AUTH_JWKS_URL && !settings.AUTH_PUBLIC_KEY && !settings.AUTH_SECRET) {
    throw new ConfigError('AUTH_JWKS_URL', 'or AUTH_PUBLIC_KEY or AUTH_SECRET is required in distributed mode');
  }
  // A token from any issuer, or meant for another service, must not pass as one for this API.
  for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE']) {
    if (!settings[name]) throw new ConfigError(name, 'is required in distributed mode (the iss and aud every token must carry)');
  }
  return new Map(urls.map(([name, url]) => [name, String(url)]));
}
