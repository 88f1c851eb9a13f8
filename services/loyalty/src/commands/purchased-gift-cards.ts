import { recordEvent, sealForServices, type Channel, type GiftCardDelivery, type GiftCardPurchased } from '@omni/platform';
import type { EntityManager } from 'typeorm';
import { formatGiftCardCode } from '../domain/stored-value';
import { StoredValueAccount } from '../entities/stored-value';
import { loyaltySettings } from '../settings';
import { issueCardIn } from './stored-value';

/**
 * Issues the cards of a paid gift-card order line, one per unit and never twice (the key names
 * the line and the unit), and asks for each code to be sent: `loyalty.giftcard.delivery_requested`
 * carries it sealed for the services, so only CRM, which sends it, ever reads it.
 */
export async function issuePurchasedGiftCards(
  manager: EntityManager,
  purchase: GiftCardPurchased,
  channel: Channel | null,
): Promise<number> {
  const { giftCardSecret } = loyaltySettings();
  let issued = 0;
  for (let unit = 1; unit <= purchase.quantity; unit++) {
    const key = `order-line:${purchase.orderLineId}:${unit}`;
    if (await manager.existsBy(StoredValueAccount, { idempotencyKey: key })) continue;
    const { card, code } = await issueCardIn(manager, {
      cents: purchase.valueCents,
      currency: purchase.currency,
      channel,
      key,
      purchaser: purchase.purchaserCustomerId,
      secret: giftCardSecret,
    });
    await recordEvent<GiftCardDelivery>(
      manager,
      'loyalty.giftcard.delivery_requested',
      {
        giftCardId: card.id,
        orderId: purchase.orderId,
        orderNumber: purchase.number,
        orderLineId: purchase.orderLineId,
        kind: purchase.kind,
        last4: card.codeLast4 ?? code.slice(-4),
        valueCents: purchase.valueCents,
        currency: purchase.currency,
        purchaserCustomerId: purchase.purchaserCustomerId,
        recipientEmail: purchase.recipientEmail,
        sealedCode: sealForServices(formatGiftCardCode(code)),
      },
      channel,
    );
    issued++;
  }
  return issued;
}
