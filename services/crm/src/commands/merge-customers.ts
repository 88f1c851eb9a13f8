import { randomUUID } from 'node:crypto';
import { dialectOf, DomainError, inTransaction, recordEvent, type Channel, type CustomersMerged } from '@omni/platform';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { mergeConsents } from '../domain/consent';
import { mergeRefusal, unionChannels } from '../domain/merge';
import { Address } from '../entities/address';
import { Customer, CustomerIdentity, MarketingConsent } from '../entities/customer';
import { Interaction } from '../entities/interaction';
import { CustomerMessage } from '../entities/message';
import { ProductView } from '../entities/product-view';
import { SupportCase } from '../entities/support-case';

/** Both rows, locked in id order so two merges of the same pair cannot deadlock. */
async function lockPair(manager: EntityManager, a: string, b: string): Promise<Map<string, Customer>> {
  const ids = [...new Set([a, b])].sort();
  const rows =
    dialectOf(manager.connection) === 'postgres'
      ? await manager.find(Customer, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } })
      : await manager.findBy(Customer, { id: In(ids) });
  return new Map(rows.map((c) => [c.id, c]));
}

/** Product views: one row per product; where both viewed it, the latest view is kept and the counts add up. */
async function moveProductViews(manager: EntityManager, survivorId: string, duplicateId: string): Promise<void> {
  const views = await manager.findBy(ProductView, { customerId: In([survivorId, duplicateId]) });
  const survivorViews = new Map(views.filter((v) => v.customerId === survivorId).map((v) => [v.productId, v]));
  for (const view of views.filter((v) => v.customerId === duplicateId)) {
    const kept = survivorViews.get(view.productId);
    if (!kept) continue;
    const latest = view.viewedAt > kept.viewedAt ? view : kept;
    await manager.delete(ProductView, { id: view.id });
    await manager.update(
      ProductView,
      { id: kept.id },
      { viewedAt: latest.viewedAt, channel: latest.channel, viewCount: kept.viewCount + view.viewCount },
    );
  }
  await manager.update(ProductView, { customerId: duplicateId }, { customerId: survivorId });
}

async function mergeConsentRows(manager: EntityManager, survivorId: string, duplicateId: string): Promise<void> {
  const rows = await manager.findBy(MarketingConsent, { customerId: In([survivorId, duplicateId]) });
  const merged = mergeConsents(
    rows.filter((r) => r.customerId === survivorId),
    rows.filter((r) => r.customerId === duplicateId),
  );
  await manager.delete(MarketingConsent, { customerId: In([survivorId, duplicateId]) });
  if (merged.length > 0) {
    await manager.insert(
      MarketingConsent,
      merged.map((c) => ({
        id: randomUUID(),
        customerId: survivorId,
        channel: c.channel,
        granted: c.granted,
        givenAt: c.givenAt,
        withdrawnAt: c.withdrawnAt,
        source: c.source,
      })),
    );
  }
}

/**
 * Identity resolution: everything the duplicate owns (identities, addresses, consents,
 * interactions, support cases, product views, messages) moves to the survivor in one
 * transaction; the duplicate stays as a tombstone that resolves to the survivor, and
 * `crm.customer.merged` tells the other services to re-point their records. Merging a pair
 * that is already merged returns the survivor and publishes nothing.
 */
export async function mergeCustomers(
  db: DataSource,
  survivorId: string,
  duplicateId: string,
  channel: Channel | null,
): Promise<Customer> {
  return inTransaction(db, async (manager) => {
    const rows = await lockPair(manager, survivorId, duplicateId);
    const survivor = rows.get(survivorId) ?? null;
    const duplicate = rows.get(duplicateId) ?? null;
    const refusal = mergeRefusal(survivor, duplicate);
    if (refusal) throw new DomainError(refusal.code, refusal.message, [refusal.field]);
    if (duplicate!.mergedIntoId === survivor!.id) return survivor!;

    const moved = { customerId: survivorId };
    const from = { customerId: duplicateId };
    await manager.update(CustomerIdentity, from, moved);
    await manager.update(Address, from, moved);
    await manager.update(Interaction, from, moved);
    await manager.update(SupportCase, from, moved);
    await manager.update(CustomerMessage, from, moved);
    await moveProductViews(manager, survivorId, duplicateId);
    await mergeConsentRows(manager, survivorId, duplicateId);

    survivor!.channels = unionChannels(survivor!.channels, duplicate!.channels);
    survivor!.phone = survivor!.phone ?? duplicate!.phone;
    // A kind either record opted out of stays opted out: the shopper said so on one of them.
    survivor!.messageOptOuts = [...new Set([...survivor!.messageOptOuts, ...duplicate!.messageOptOuts])];
    await manager.update(
      Customer,
      { id: survivorId },
      { channels: survivor!.channels, phone: survivor!.phone, messageOptOuts: survivor!.messageOptOuts },
    );
    await manager.update(Customer, { id: duplicateId }, { mergedIntoId: survivorId });
    // Records merged into the duplicate earlier now resolve to the survivor in one step.
    await manager.update(Customer, { mergedIntoId: duplicateId }, { mergedIntoId: survivorId });
    await recordEvent<CustomersMerged>(manager, 'crm.customer.merged', { survivorId, duplicateId }, channel);
    return survivor!;
  });
}
