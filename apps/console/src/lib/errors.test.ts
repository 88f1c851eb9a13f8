import { describe, expect, it } from 'vitest';
import { errorsAt, fieldKey, otherErrors } from './errors';

const e = (field: string[] | null, code = 'X') => ({ field, message: code, code });

describe('userErrors by field', () => {
  it("names a field without the argument's own name", () => {
    expect(fieldKey(e(['input', 'changes', '0', 'quantity']))).toBe('changes.0.quantity');
    expect(fieldKey(e(['orderId']))).toBe('orderId');
    expect(fieldKey(e(null))).toBe('');
  });

  it('a field gets its own errors and those below it', () => {
    const errors = [e(['input', 'shippingAddress', 'postalCode']), e(['input', 'deliveryDate']), e(['input', 'changes'])];
    expect(errorsAt(errors, 'shippingAddress')).toEqual([errors[0]]);
    expect(errorsAt(errors, 'deliveryDate')).toEqual([errors[1]]);
    expect(errorsAt(errors, 'changes.0')).toEqual([]);
  });

  it('what no field shows is shown once for the form', () => {
    const errors = [
      e(['input', 'changes', '1', 'lineId'], 'UNKNOWN_LINE'),
      e(['input', 'changes'], 'NO_CHANGES'),
      e(null, 'CONCURRENT_CHANGE'),
    ];
    expect(otherErrors(errors, ['changes.0', 'changes.1']).map((x) => x.code)).toEqual(['NO_CHANGES', 'CONCURRENT_CHANGE']);
  });
});
