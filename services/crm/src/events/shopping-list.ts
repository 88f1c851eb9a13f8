import { parsePayload, ShoppingListFillDueEvent, type ConsumerDefinition } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { lockCustomer } from '../commands/customers';
import type { MessageRequest } from '../commands/messages';
import { MessageKind } from '../domain/messages';
import type { Customer } from '../entities/customer';

type Queue = (manager: EntityManager, customer: Customer, request: MessageRequest) => Promise<unknown>;

/**
 * Orders tells the shopper ahead of each auto-filled shopping list order (`orders.shopping_list.
 * fill_due`, once per item and date): CRM sends it as a transactional message (app push and
 * e-mail unless she opted out of AUTO_FILL_DUE), once per event.
 */
export function autoFillReminders(queue: Queue): ConsumerDefinition {
  return {
    name: 'auto-fill-reminders',
    types: [ShoppingListFillDueEvent.type],
    async handle(manager, event) {
      const due = parsePayload(ShoppingListFillDueEvent, event);
      const customer = await lockCustomer(manager, due.customerId);
      if (!customer) return;
      await queue(manager, customer, {
        trigger: { kind: MessageKind.AUTO_FILL_DUE, sku: due.sku, quantity: due.quantity, fillOn: due.fillOn },
        orderId: null,
        salesChannel: event.channel,
        eventId: event.id,
      });
    },
  };
}
