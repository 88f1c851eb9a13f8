import { describe, expect, it } from 'vitest';
import { availableActions } from './fulfillment';

const here = { id: 'soho' };
const there = { id: 'newark' };

describe('availableActions', () => {
  it('a pickup at this store: pick, then ready or pack, then hand over', () => {
    const f = { type: 'PICKUP_IN_STORE', location: here, sourceLocation: here };
    expect(availableActions({ ...f, status: 'PENDING' }, 'soho')).toEqual(['PICK']);
    expect(availableActions({ ...f, status: 'PICKING' }, 'soho')).toEqual(['PACK', 'READY_FOR_PICKUP']);
    expect(availableActions({ ...f, status: 'READY_FOR_PICKUP' }, 'soho')).toEqual(['COLLECT']);
  });

  it('nothing at another store', () => {
    expect(
      availableActions({ type: 'PICKUP_IN_STORE', location: here, sourceLocation: here, status: 'READY_FOR_PICKUP' }, 'brooklyn'),
    ).toEqual([]);
  });

  it('ship to store: the source picks and sends, the pickup store receives and readies', () => {
    const f = { type: 'PICKUP_IN_STORE', location: here, sourceLocation: there };
    expect(availableActions({ ...f, status: 'PENDING' }, 'newark')).toEqual(['PICK']);
    expect(availableActions({ ...f, status: 'PENDING' }, 'soho')).toEqual([]);
    expect(availableActions({ ...f, status: 'IN_TRANSIT' }, 'soho')).toEqual(['RECEIVE']);
    expect(availableActions({ ...f, status: 'RECEIVED' }, 'soho')).toEqual(['READY_FOR_PICKUP']);
  });
});
