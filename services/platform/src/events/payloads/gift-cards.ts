import { z } from 'zod';
import { defineEvent } from './definition';

/** How a gift card sold as a product reaches its holder. */
export const GIFT_CARD_KINDS = ['PHYSICAL', 'EGIFT'] as const;

/**
 * `orders.giftcard.purchased`, version 1: a gift-card line of a paid order. Loyalty issues
 * `quantity` cards of `valueCents` each (once per line and unit), and has the code sent.
 */
export const GiftCardPurchasedSchema = z.object({
  orderId: z.string().min(1),
  number: z.string().min(1),
  orderLineId: z.string().min(1),
  kind: z.enum(GIFT_CARD_KINDS),
  quantity: z.number().int().positive(),
  valueCents: z.number().int().positive(),
  currency: z.string().length(3),
  purchaserCustomerId: z.string().nullable(),
  /** Where the code goes: the line's recipient, else the order's email; null: the purchaser's own. */
  recipientEmail: z.string().nullable(),
});
export type GiftCardPurchased = z.infer<typeof GiftCardPurchasedSchema>;
export const GiftCardPurchasedEvent = defineEvent('orders.giftcard.purchased', 1, GiftCardPurchasedSchema);

/**
 * `loyalty.giftcard.delivery_requested`, version 1: a card issued for a purchase, to be sent. `sealedCode` is the code
 * sealed for the services (`sealForServices`): CRM opens it to send it, nobody else reads it.
 */
export const GiftCardDeliverySchema = z.object({
  giftCardId: z.string().min(1),
  orderId: z.string().min(1),
  orderNumber: z.string().min(1),
  orderLineId: z.string().min(1),
  kind: z.enum(GIFT_CARD_KINDS),
  last4: z.string().min(1),
  valueCents: z.number().int().positive(),
  currency: z.string().length(3),
  purchaserCustomerId: z.string().nullable(),
  recipientEmail: z.string().nullable(),
  sealedCode: z.string().min(1),
});
export type GiftCardDelivery = z.infer<typeof GiftCardDeliverySchema>;
export const GiftCardDeliveryEvent = defineEvent('loyalty.giftcard.delivery_requested', 1, GiftCardDeliverySchema);

export const GiftCardEvents = [GiftCardPurchasedEvent, GiftCardDeliveryEvent] as const;
