import { catalogService } from '@omni/catalog';
import { crmService } from '@omni/crm';
import { inventoryService } from '@omni/inventory';
import { loyaltyService } from '@omni/loyalty';
import { ordersService } from '@omni/orders';
import type { ServiceDefinition } from '@omni/platform';

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
