import {
  createLogger,
  CustomersMergedEvent,
  GiftCardPurchasedEvent,
  OrderCancelledEvent,
  OrderModifiedEvent,
  OrderPlacedEvent,
  parsePayload,
  PaymentCapturedEvent,
  PaymentRefundedEvent,
  PaymentReleasedEvent,
  ReturnReceivedEvent,
  type ConsumerDefinition,
} from '@omni/platform';
import { earnForOrder, reverseForCancellation, reverseForModification, reverseForReturn } from '../commands/earn';
import { mergeMembers } from '../commands/maintenance';
import { issuePurchasedGiftCards } from '../commands/purchased-gift-cards';
import { captureTenders, refundTenders, releaseTenders } from '../commands/payments';
import { creditStoreCredit } from '../commands/stored-value';
import { LedgerKind } from '../domain/program';
import { StoredValueEntryKind } from '../domain/stored-value';
import { LedgerEntry } from '../entities/account';
import { StoredValueEntry } from '../entities/stored-value';

const log = createLogger('loyalty');

/** Points for a purchase in any channel; once per order (the ledger is checked, not only the event id). */
const earnOnPurchase: ConsumerDefinition = {
  name: 'earn-on-purchase',
  types: [OrderPlacedEvent.type],
  async handle(manager, event) {
    await earnForOrder(manager, parsePayload(OrderPlacedEvent, event), new Date(event.occurredAt));
  },
};

/** Returned units give back the points they earned; a STORE_CREDIT resolution credits the wallet. */
const onReturn: ConsumerDefinition = {
  name: 'return-received',
  types: [ReturnReceivedEvent.type],
  async handle(manager, event) {
    const ret = parsePayload(ReturnReceivedEvent, event);
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
  types: [CustomersMergedEvent.type],
  async handle(manager, event) {
    const { survivorId, duplicateId } = parsePayload(CustomersMergedEvent, event);
    await mergeMembers(manager, survivorId, duplicateId, event.channel);
  },
};

/** Cancelled units give back the points they earned (never twice for the same unit). */
const onCancelled: ConsumerDefinition = {
  name: 'order-cancelled',
  types: [OrderCancelledEvent.type],
  async handle(manager, event) {
    await reverseForCancellation(manager, parsePayload(OrderCancelledEvent, event), event.id, event.channel);
  },
};

/** Units a modification removes (quantity lowered, line removed, SKU swapped) give back their points. */
const onModified: ConsumerDefinition = {
  name: 'order-modified',
  types: [OrderModifiedEvent.type],
  async handle(manager, event) {
    await reverseForModification(manager, parsePayload(OrderModifiedEvent, event), event.id, event.channel);
  },
};

/** The order committed: spend each loyalty tender's hold, in this transaction, once per hold. */
const onPaymentCaptured: ConsumerDefinition = {
  name: 'payment-captured',
  types: [PaymentCapturedEvent.type],
  async handle(manager, event) {
    await captureTenders(manager, parsePayload(PaymentCapturedEvent, event), event.channel);
  },
};

/** Value back to each tender it came from, once per refundId + paymentId. */
const onPaymentRefunded: ConsumerDefinition = {
  name: 'payment-refunded',
  types: [PaymentRefundedEvent.type],
  async handle(manager, event) {
    await refundTenders(manager, parsePayload(PaymentRefundedEvent, event), event.channel);
  },
};

/** An abandoned attempt: release its holds that are still held. */
const onPaymentReleased: ConsumerDefinition = {
  name: 'payment-released',
  types: [PaymentReleasedEvent.type],
  async handle(manager, event) {
    await releaseTenders(manager, parsePayload(PaymentReleasedEvent, event), log);
  },
};

/** Gift cards bought as order lines: issued once the order is paid, each code sent sealed. */
const issuePurchased: ConsumerDefinition = {
  name: 'issue-purchased-gift-cards',
  types: [GiftCardPurchasedEvent.type],
  async handle(manager, event) {
    await issuePurchasedGiftCards(manager, parsePayload(GiftCardPurchasedEvent, event), event.channel);
  },
};

export const consumers = [
  earnOnPurchase,
  onReturn,
  onCustomerMerged,
  onCancelled,
  onModified,
  onPaymentCaptured,
  onPaymentRefunded,
  onPaymentReleased,
  issuePurchased,
];
