import { ORDER_LINE_STATUSES, RETURN_METHODS, RETURN_RESOLUTIONS } from '@omni/platform';
import { ReturnMethod, ReturnResolution } from '../src/domain/returns';
import { LineStatus } from '../src/domain/status';

/** The order events' definitions (`@omni/platform`) name exactly the values orders writes into them. */
describe('order event payloads', () => {
  it('list the values of the enums orders publishes', () => {
    expect(Object.values(LineStatus)).toEqual([...ORDER_LINE_STATUSES]);
    expect(Object.values(ReturnMethod)).toEqual([...RETURN_METHODS]);
    expect(Object.values(ReturnResolution)).toEqual([...RETURN_RESOLUTIONS]);
  });
});
