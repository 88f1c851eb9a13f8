import { APPOINTMENT_KINDS, STOCK_MOVEMENT_KINDS } from '@omni/platform';
import { AppointmentKind } from '../src/domain/appointments';
import { MovementKind } from '../src/entities/movement';

/** `inventory.stock.changed`'s definition (`@omni/platform`) names exactly the kinds inventory writes. */
describe('inventory event payloads', () => {
  it('list every movement kind', () => {
    expect(Object.values(MovementKind)).toEqual([...STOCK_MOVEMENT_KINDS]);
  });
});

describe('appointment event payloads', () => {
  it('list every appointment kind', () => {
    expect(Object.values(AppointmentKind)).toEqual([...APPOINTMENT_KINDS]);
  });
});
