import { distinctRepresentations, expandEntities } from '../src/representations';

const variant = (sku: string) => ({ __typename: 'ProductVariant', sku });
const unavailable = (path: (string | number)[]) => ({
  message: 'A service this field needs is unavailable; try again later.',
  path,
  extensions: { code: 'SERVICE_UNAVAILABLE' },
});

describe('distinctRepresentations', () => {
  it('keeps each representation once, in the order first seen, and where each original went', () => {
    const { distinct, at } = distinctRepresentations([variant('A'), variant('B'), variant('A'), variant('C'), variant('B')]);
    expect(distinct).toEqual([variant('A'), variant('B'), variant('C')]);
    expect(at).toEqual([0, 1, 0, 2, 1]);
  });

  it('tells representations apart by every field, nested ones included, whatever their key order', () => {
    const { distinct, at } = distinctRepresentations([
      { __typename: 'Location', id: '1', region: { code: 'NY' } },
      { id: '1', region: { code: 'NY' }, __typename: 'Location' },
      { __typename: 'Location', id: '1', region: { code: 'NJ' } },
      { __typename: 'Store', id: '1', region: { code: 'NY' } },
      { __typename: 'Location', id: 1, region: { code: 'NY' } },
    ]);
    expect(at).toEqual([0, 0, 1, 2, 3]);
    expect(distinct).toHaveLength(4);
  });

  it('leaves distinct representations as they are', () => {
    const representations = [variant('A'), variant('B')];
    const { distinct, at } = distinctRepresentations(representations);
    expect(distinct).toEqual(representations);
    expect(at).toEqual([0, 1]);
  });
});

describe('expandEntities', () => {
  const at = [0, 1, 0, 0];

  it('puts each entity at every position that shared its representation, each a separate object', () => {
    const a = { sku: 'A', product: { name: 'Tote' } };
    const b = { sku: 'B', product: { name: 'Cap' } };
    const { data } = expandEntities({ data: { _entities: [a, b] } }, at);
    expect(data?._entities).toEqual([a, b, a, a]);
    const [first, , third, fourth] = data!._entities as (typeof a)[];
    expect(first).toBe(a);
    expect(third).not.toBe(a);
    expect(third!.product).not.toBe(a.product);
    expect(fourth).not.toBe(third);
  });

  it('repeats an entity error at every position of its representation, with the rest of its path', () => {
    const forbidden = { message: 'Not allowed', path: ['_entities', 0, 'cost'], extensions: { code: 'FORBIDDEN' } };
    const { data, errors } = expandEntities({ data: { _entities: [{ cost: null }, { cost: 5 }] }, errors: [forbidden] }, at);
    expect(data?._entities).toEqual([{ cost: null }, { cost: 5 }, { cost: null }, { cost: null }]);
    expect(errors).toEqual([0, 2, 3].map((i) => ({ ...forbidden, path: ['_entities', i, 'cost'] })));
  });

  it('repeats the errors of a fetch that got no answer (no data) at every original position, in their order', () => {
    const response = { data: null, errors: [unavailable(['_entities', 0, 'product']), unavailable(['_entities', 1, 'product'])] };
    expect(expandEntities(response, at)).toEqual({
      data: null,
      errors: [0, 1, 2, 3].map((i) => unavailable(['_entities', i, 'product'])),
    });
  });

  it('passes errors without an entity path unchanged', () => {
    const errors = [{ message: 'Something failed' }, unavailable(['_entities']), unavailable(['customer', 0, 'name'])];
    expect(expandEntities({ data: { _entities: [null, null] }, errors }, at)).toEqual({
      data: { _entities: [null, null, null, null] },
      errors,
    });
    const entityError = unavailable(['_entities', 1, 'product']);
    expect(expandEntities({ data: null, errors: [entityError, ...errors] }, at).errors).toEqual([
      ...errors,
      unavailable(['_entities', 1, 'product']),
    ]);
  });

  it('leaves an answer without one entity per distinct representation for the gateway to refuse', () => {
    const response = { data: { _entities: [{ sku: 'A' }] } };
    expect(expandEntities(response, at)).toEqual(response);
    expect(expandEntities({ data: { _entities: null } }, at)).toEqual({ data: { _entities: null } });
  });
});
