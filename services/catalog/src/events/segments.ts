import {
  CustomerErasedEvent,
  CustomersMergedEvent,
  parseEvent,
  parsePayload,
  PersonalOfferGrantedEvent,
  SegmentMembershipChangedEvent,
  type ConsumerDefinition,
} from '@omni/platform';
import { In } from 'typeorm';
import { Promotion, PromotionKind } from '../entities/promotion';
import { CustomerSegment } from '../entities/segment';
import { promotionsChanged } from '../promotion-cache';

/** CRM's segment memberships, so a segment-limited promotion knows its customers at pricing time. */
export const segmentMemberships: ConsumerDefinition = {
  name: 'segment-memberships',
  types: [SegmentMembershipChangedEvent.type],
  async handle(manager, event) {
    const { segmentId, customerId, member } = parsePayload(SegmentMembershipChangedEvent, event);
    if (!member) {
      await manager.delete(CustomerSegment, { segmentId, customerId });
      return;
    }
    await manager.createQueryBuilder().insert().into(CustomerSegment).values({ segmentId, customerId }).orIgnore().execute();
  },
};

/**
 * A personal offer CRM granted (a birthday greeting's): an automatic promotion for that one
 * customer, with the offer's id, so a redelivery creates nothing new.
 */
export const personalOffers: ConsumerDefinition = {
  name: 'personal-offers',
  types: [PersonalOfferGrantedEvent.type],
  async handle(manager, event) {
    const offer = parsePayload(PersonalOfferGrantedEvent, event);
    if (await manager.existsBy(Promotion, { id: offer.offerId })) return;
    await manager.insert(Promotion, {
      id: offer.offerId,
      name: offer.name,
      code: null,
      kind: offer.kind === 'PERCENT_OFF' ? PromotionKind.PERCENT_OFF : PromotionKind.AMOUNT_OFF,
      value: offer.kind === 'PERCENT_OFF' ? Math.min(100, offer.value) : offer.value,
      currency: offer.currency,
      channels: [],
      minSubtotalCents: null,
      minTier: null,
      segmentId: null,
      customerId: offer.customerId,
      startsAt: new Date(offer.startsAt),
      endsAt: new Date(offer.endsAt),
      active: true,
    });
    await promotionsChanged(manager);
  },
};

/**
 * A merge re-points the duplicate's personal offers to the survivor (orders price for the
 * survivor); an erasure switches the person's offers off and forgets their memberships (CRM also
 * publishes each membership they leave).
 */
export const personalOfferOwners: ConsumerDefinition = {
  name: 'personal-offer-owners',
  types: [CustomersMergedEvent.type, CustomerErasedEvent.type],
  async handle(manager, event) {
    const parsed = parseEvent([CustomersMergedEvent, CustomerErasedEvent], event);
    if (parsed.type === CustomersMergedEvent.type) {
      const { survivorId, duplicateId } = parsed.payload;
      const { affected } = await manager.update(Promotion, { customerId: duplicateId }, { customerId: survivorId });
      if (affected !== 0) await promotionsChanged(manager);
      return;
    }
    const ids = In([parsed.payload.customerId, ...parsed.payload.mergedIds]);
    const { affected } = await manager.update(Promotion, { customerId: ids }, { active: false });
    if (affected !== 0) await promotionsChanged(manager);
    await manager.delete(CustomerSegment, { customerId: ids });
  },
};
