import type { ConsumerDefinition } from '@omni/platform';
import { earnForOrder, reverseForReturn, type OrderPlaced, type ReturnReceived } from '../commands/earn';
import { mergeMembers } from '../commands/maintenance';
import { creditStoreCredit } from '../commands/stored-value';
import { LedgerKind } from '../domain/program';
import { StoredValueEntryKind } from '../domain/stored-value';
import { LedgerEntry } from '../entities/account';
import { StoredValueEntry } from '../entities/stored-value';

/** Points for a purchase in any channel; once per order (the ledger is checked, not only the event id). */
const earnOnPurchase: ConsumerDefinition = {
  name: 'earn-on-purchase',
  types: ['orders.order.placed'],
  async handle(manager, event) {
    await earnForOrder(manager, event.payload as OrderPlaced, new Date(event.occurredAt));
  },
};

/** Returned units give back the points they earned; a STORE_CREDIT resolution credits the wallet. */
const onReturn: ConsumerDefinition = {
  name: 'return-received',
  types: ['orders.return.received'],
  async handle(manager, event) {
    const ret = event.payload as ReturnReceived;
    // Once per return, also if it is published again under a new event id.
    if (
      (await manager.existsBy(LedgerEntry, { kind: LedgerKind.REVERSAL, ref: ret.returnId })) ||
      (await manager.existsBy(StoredValueEntry, { kind: StoredValueEntryKind.CREDIT, ref: ret.returnId }))
    ) {
      return;
    }
    await reverseForReturn(manager, ret, event.channel);
    if (ret.resolution === 'STORE_CREDIT' && ret.customerId) {
      await creditStoreCredit(
        manager,
        ret.customerId,
        ret.refundCents,
        ret.currency,
        `return ${ret.returnId}`,
        ret.returnId,
        event.channel,
      );
    }
  },
};

/** One membership per person: the duplicate's is folded into the survivor's. */
const onCustomerMerged: ConsumerDefinition = {
  name: 'customer-merged',
  types: ['crm.customer.merged'],
  async handle(manager, event) {
    const { survivorId, duplicateId } = event.payload as { survivorId: string; duplicateId: string };
    await mergeMembers(manager, survivorId, duplicateId, event.channel);
  },
};

export const consumers = [earnOnPurchase, onReturn, onCustomerMerged];
