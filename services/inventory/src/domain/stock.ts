export interface StockLevel {
  onHand: number;
  reserved: number;
  safetyStock: number;
}

/** What can still be promised: on hand less reserved less safety stock, never below zero. */
export function availableUnits(stock: StockLevel): number {
  return Math.max(0, stock.onHand - stock.reserved - stock.safetyStock);
}
