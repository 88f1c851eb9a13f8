/** The actions staff may take on a fulfillment now (the API's own table, to offer only those buttons). */
export type Action = 'PICK' | 'PACK' | 'SHIP' | 'READY_FOR_PICKUP' | 'COLLECT' | 'DELIVER' | 'RECEIVE';

const DIRECT: Record<string, Partial<Record<Action, string[]>>> = {
  SHIP: { PICK: ['PENDING'], PACK: ['PICKING'], SHIP: ['PACKED'], DELIVER: ['SHIPPED'] },
  PICKUP_IN_STORE: {
    PICK: ['PENDING'],
    PACK: ['PICKING'],
    READY_FOR_PICKUP: ['PICKING', 'PACKED'],
    COLLECT: ['READY_FOR_PICKUP'],
  },
  CARRY_OUT: { COLLECT: ['PENDING'] },
};

const TRANSFER: Partial<Record<Action, string[]>> = {
  PICK: ['PENDING'],
  PACK: ['PICKING'],
  SHIP: ['PACKED'],
  RECEIVE: ['IN_TRANSIT'],
  READY_FOR_PICKUP: ['RECEIVED'],
  COLLECT: ['READY_FOR_PICKUP'],
};

export const ACTION_LABELS: Record<Action, string> = {
  PICK: 'Start picking',
  PACK: 'Mark packed',
  SHIP: 'Mark shipped',
  READY_FOR_PICKUP: 'Ready for pickup',
  COLLECT: 'Hand over',
  DELIVER: 'Mark delivered',
  RECEIVE: 'Receive from source',
};

export interface FulfillmentState {
  type: string;
  status: string;
  location: { id: string } | null;
  sourceLocation: { id: string } | null;
}

/** Ship to store: the goods come from another location. */
export function isTransfer(f: FulfillmentState): boolean {
  return f.type === 'PICKUP_IN_STORE' && !!f.sourceLocation && !!f.location && f.sourceLocation.id !== f.location.id;
}

/** The actions possible from the fulfillment's status, at `locationId` (picking happens at the source). */
export function availableActions(f: FulfillmentState, locationId: string | null): Action[] {
  const transfer = isTransfer(f);
  const table = transfer ? TRANSFER : (DIRECT[f.type] ?? {});
  return (Object.keys(table) as Action[]).filter((action) => {
    if (!table[action]!.includes(f.status)) return false;
    if (locationId === null) return true;
    const atSource = action === 'PICK' || action === 'PACK' || action === 'SHIP';
    const where = transfer && atSource ? f.sourceLocation?.id : f.location?.id;
    return where === locationId;
  });
}
