import { In, type EntityManager } from 'typeorm';
import { SavedPaymentMethod, ShoppingListItemRow, WalletTopUp } from '../entities/shopper';

/**
 * Customers merged: the duplicate's saved payment methods, shopping list and top-ups become the
 * survivor's. The survivor's default method stays the default; a list item of a SKU the survivor
 * already keeps is dropped (hers wins). Running it again finds nothing left to move.
 */
export async function mergeShopperRecords(manager: EntityManager, survivorId: string, duplicateId: string): Promise<void> {
  await manager.update(WalletTopUp, { customerId: duplicateId }, { customerId: survivorId });
  if (await manager.existsBy(SavedPaymentMethod, { customerId: survivorId, isDefault: true })) {
    await manager.update(SavedPaymentMethod, { customerId: duplicateId }, { isDefault: false });
  }
  await manager.update(SavedPaymentMethod, { customerId: duplicateId }, { customerId: survivorId });
  const kept = new Set((await manager.findBy(ShoppingListItemRow, { customerId: survivorId })).map((r) => r.sku));
  const moving = await manager.findBy(ShoppingListItemRow, { customerId: duplicateId });
  const clashing = moving.filter((r) => kept.has(r.sku)).map((r) => r.id);
  if (clashing.length) await manager.delete(ShoppingListItemRow, { id: In(clashing) });
  await manager.update(ShoppingListItemRow, { customerId: duplicateId }, { customerId: survivorId });
}

/**
 * A shopper's erasure: her saved payment methods (provider tokens) and her shopping list go; her
 * wallet top-ups stay, as the accounts' record of money taken, under the anonymized customer id.
 */
export async function eraseShopperRecords(manager: EntityManager, customerIds: string[]): Promise<void> {
  await manager.delete(SavedPaymentMethod, { customerId: In(customerIds) });
  await manager.delete(ShoppingListItemRow, { customerId: In(customerIds) });
}
