export enum OrderStatus {
  PLACED = 'PLACED',
  PARTIALLY_SHIPPED = 'PARTIALLY_SHIPPED',
  SHIPPED = 'SHIPPED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum LineStatus {
  OPEN = 'OPEN',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
  RETURNED = 'RETURNED',
}

export enum FulfillmentType {
  SHIP = 'SHIP',
  PICKUP_IN_STORE = 'PICKUP_IN_STORE',
  CARRY_OUT = 'CARRY_OUT',
}

export enum FulfillmentStatus {
  PENDING = 'PENDING',
  PICKING = 'PICKING',
  PACKED = 'PACKED',
  /** Ship to store: sent from the source location, on its way to the pickup store. */
  IN_TRANSIT = 'IN_TRANSIT',
  /** Ship to store: arrived at the pickup store, not yet ready for the shopper. */
  RECEIVED = 'RECEIVED',
  SHIPPED = 'SHIPPED',
  READY_FOR_PICKUP = 'READY_FOR_PICKUP',
  DELIVERED = 'DELIVERED',
  COLLECTED = 'COLLECTED',
  CANCELLED = 'CANCELLED',
}
