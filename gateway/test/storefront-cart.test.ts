import { send, startTestSystem, type TestSystem } from './harness';

/** The storefront's cart, as the web and the app use it: read back, change, take a coupon off. */
describe('the storefront cart', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Cart Tee', variants: [{ sku: 'CT-1', attributes: [], price: { cents: 2000, currency: 'USD' } }] },
    });
    await send(t.client, 'UpsertProduct', {
      input: { name: 'Cart Cap', variants: [{ sku: 'CC-1', attributes: [], price: { cents: 1500, currency: 'USD' } }] },
    });
    await send(t.client, 'CreatePromotion', {
      input: { name: 'Three off', code: 'THREE', kind: 'AMOUNT_OFF', value: 300, currency: 'USD' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads a guest cart back, sets a quantity, removes a line and takes a coupon off', async () => {
    const shopper = t.anonymous;
    const cartId: string = (await send(shopper, 'CreateCart', { input: { channel: 'WEB' } })).createCart.cart.id;
    await send(shopper, 'AddCartLine', { cartId, sku: 'CT-1', quantity: 2 });
    await send(shopper, 'AddCartLine', { cartId, sku: 'CC-1', quantity: 1 });
    expect((await send(shopper, 'ApplyCoupon', { cartId, code: 'three' })).applyCoupon.userErrors).toEqual([]);

    const lowered = await send(shopper, 'UpdateCartLine', { cartId, sku: 'CT-1', quantity: 1 });
    expect(lowered.updateCartLine.userErrors).toEqual([]);
    expect(lowered.updateCartLine.cart.lines).toEqual([
      { sku: 'CT-1', quantity: 1 },
      { sku: 'CC-1', quantity: 1 },
    ]);
    expect(lowered.updateCartLine.cart.total).toEqual({ cents: 2000 + 1500 - 300, currency: 'USD' });

    const { cart } = await send(shopper, 'Cart', { id: cartId });
    expect(cart).toMatchObject({
      id: cartId,
      status: 'OPEN',
      couponCodes: ['THREE'],
      subtotal: { cents: 3500 },
      discount: { cents: 300 },
      total: { cents: 3200 },
    });
    expect(cart.lines.map((l: any) => [l.sku, l.quantity, l.unitPrice.cents])).toEqual([
      ['CT-1', 1, 2000],
      ['CC-1', 1, 1500],
    ]);

    const uncouponed = await send(shopper, 'RemoveCoupon', { cartId, code: 'THREE' });
    expect(uncouponed.removeCoupon.cart).toEqual({ id: cartId, couponCodes: [], total: { cents: 3500, currency: 'USD' } });
    expect(
      (await send(shopper, 'RemoveCoupon', { cartId, code: 'THREE' })).removeCoupon.userErrors.map((e: any) => e.code),
    ).toEqual(['INVALID_COUPON']);

    const removed = await send(shopper, 'UpdateCartLine', { cartId, sku: 'CC-1', quantity: 0 });
    expect(removed.updateCartLine.cart.lines).toEqual([{ sku: 'CT-1', quantity: 1 }]);
    const invalid = await send(shopper, 'UpdateCartLine', { cartId, sku: 'CT-1', quantity: -1 });
    expect(invalid.updateCartLine.userErrors.map((e: any) => e.code)).toEqual(['INVALID_QUANTITY']);
    const added = await send(shopper, 'UpdateCartLine', { cartId, sku: 'CC-1', quantity: 3 });
    expect(added.updateCartLine.cart.lines).toEqual([
      { sku: 'CT-1', quantity: 1 },
      { sku: 'CC-1', quantity: 3 },
    ]);
    expect((await send(shopper, 'Cart', { id: '00000000-0000-0000-0000-000000000000' })).cart).toBeNull();
  });

  it('lets a guest find their order by the email given at checkout and its number, and nobody else', async () => {
    const store = (
      await send(t.client, 'UpsertLocation', {
        input: { name: 'Cart Store', type: 'STORE', lat: 40.7, lng: -74.0, fulfillsOnline: true, pickupEnabled: true },
      })
    ).upsertLocation.location.id;
    await send(t.client, 'SetStock', { input: { locationId: store, sku: 'CT-1', onHand: 5 } });
    const cartId: string = (await send(t.anonymous, 'CreateCart', { input: { channel: 'WEB' } })).createCart.cart.id;
    await send(t.anonymous, 'AddCartLine', { cartId, sku: 'CT-1', quantity: 1 });
    const out = await send(t.anonymous, 'CheckoutWithTenders', {
      cartId,
      key: 'guest-1',
      fulfillment: { type: 'PICKUP_IN_STORE', pickupLocationId: store },
      email: 'Gia.Guest@Example.com',
    });
    expect(out.checkout.userErrors).toEqual([]);
    const number: string = out.checkout.order.number;
    const found = await send(t.anonymous, 'GuestOrder', { email: 'gia.guest@example.com', number: number.toLowerCase() });
    expect(found.guestOrder).toMatchObject({ number, status: 'PLACED', total: { cents: 2000, currency: 'USD' } });
    expect(found.guestOrder.fulfillments).toEqual([expect.objectContaining({ type: 'PICKUP_IN_STORE', status: 'PENDING' })]);
    expect((await send(t.anonymous, 'GuestOrder', { email: 'someone.else@example.com', number })).guestOrder).toBeNull();
  });
});
