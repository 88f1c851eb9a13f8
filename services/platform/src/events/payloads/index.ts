import { CatalogEvents } from './catalog';
import { CrmEvents } from './crm';
import type { EventDefinition } from './definition';
import { GiftCardEvents } from './gift-cards';
import { InventoryEvents } from './inventory';
import { LoyaltyEvents } from './loyalty';
import { MoneyEvents } from './money';
import { OrderEvents } from './orders';

export * from './catalog';
export * from './crm';
export * from './definition';
export * from './gift-cards';
export * from './inventory';
export * from './loyalty';
export * from './money';
export * from './orders';

/** Every event type the services publish, with its payload schema and version. */
export const EVENT_DEFINITIONS: readonly EventDefinition[] = [
  ...CrmEvents,
  ...CatalogEvents,
  ...InventoryEvents,
  ...OrderEvents,
  ...MoneyEvents,
  ...LoyaltyEvents,
  ...GiftCardEvents,
];

const byType = new Map(EVENT_DEFINITIONS.map((d) => [d.type, d]));

/** The definition of an event type, if it is one the services publish. */
export function eventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
