import { catalogService } from '@omni/catalog';
import { crmService } from '@omni/crm';
import { inventoryService } from '@omni/inventory';
import { loyaltyService } from '@omni/loyalty';
import { ordersService } from '@omni/orders';
import { ConfigError, type ServiceDefinition } from '@omni/platform';

/** The five subgraphs, in composition order, with their default ports. */
export const SERVICES: readonly { definition: ServiceDefinition; port: number }[] = [
  { definition: crmService, port: 4001 },
  { definition: catalogService, port: 4002 },
  { definition: inventoryService, port: 4003 },
  { definition: ordersService, port: 4004 },
  { definition: loyaltyService, port: 4005 },
];

export const GATEWAY_PORT = 4000;

/** Environment variable naming a subgraph's URL in the distributed mode, e.g. CRM_URL. */
export function urlVariable(service: string): string {
  return `${service.toUpperCase()}_URL`;
}

/**
 * The subgraph URLs of the distributed mode, or null for the embedded one (none set). Distributed,
 * every URL is required, and so are SUBGRAPH_SECRET and an AUTH_* key: subgraphs on a network
 * trust only signed callers, and the development keys are public.
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
  return new Map(urls.map(([name, url]) => [name, String(url)]));
}
