import { ContactChannel } from '../src/domain/consent';
import { composeMessage, formatMoney, MessageKind, SMS_MAX_LENGTH } from '../src/domain/messages';
import { CaseTransitionError, nextCaseStatus, SupportCaseAction, SupportCaseStatus } from '../src/domain/support-case';

describe('formatMoney', () => {
  it('formats integer minor units without floating point', () => {
    expect(formatMoney(4950, 'USD')).toBe('USD 49.50');
    expect(formatMoney(5, 'EUR')).toBe('EUR 0.05');
    expect(formatMoney(-1999, 'GBP')).toBe('-GBP 19.99');
    expect(formatMoney(1200, 'JPY')).toBe('JPY 1200');
  });
});

describe('composeMessage', () => {
  const confirmation = {
    kind: MessageKind.ORDER_CONFIRMATION as const,
    orderNumber: 'W-1001',
    totalCents: 9900,
    currency: 'USD',
    itemCount: 2,
  };

  it('greets by name in an email and names the order and total', () => {
    const email = composeMessage(confirmation, 'Ada', ContactChannel.EMAIL);
    expect(email.subject).toBe('Order W-1001 confirmed');
    expect(email.body).toMatch(/^Hi Ada,/);
    expect(email.body).toContain('2 items, USD 99.00');
  });

  it('includes the carrier and tracking number when shipped', () => {
    const sms = composeMessage(
      { kind: MessageKind.SHIPPED, orderNumber: 'W-1', carrier: 'UPS', trackingNumber: '1Z42' },
      'Ada',
      ContactChannel.SMS,
    );
    expect(sms.body).toBe('Order W-1 is on its way. Tracking: UPS 1Z42.');
    const unknownOrder = composeMessage(
      { kind: MessageKind.SHIPPED, orderNumber: null, carrier: null, trackingNumber: null },
      'Ada',
      ContactChannel.PUSH,
    );
    expect(unknownOrder).toEqual({ subject: 'Your order has shipped', body: 'Your order is on its way.' });
  });

  it('names the pickup store when known', () => {
    const named = composeMessage(
      { kind: MessageKind.READY_FOR_PICKUP, orderNumber: 'W-2', storeName: 'Uptown' },
      'Ada',
      ContactChannel.SMS,
    );
    expect(named).toEqual({
      subject: 'Order W-2 is ready for pickup at Uptown',
      body: 'Good news: order W-2 is ready for pickup at Uptown. Bring this message or your order number to the store.',
    });
    const unnamed = composeMessage(
      { kind: MessageKind.READY_FOR_PICKUP, orderNumber: 'W-2', storeName: null },
      'Ada',
      ContactChannel.SMS,
    );
    expect(unnamed.subject).toBe('Order W-2 is ready for pickup');
  });

  it('says what a cancellation and a change did to the order', () => {
    const whole = composeMessage(
      {
        kind: MessageKind.ORDER_CANCELLED,
        orderNumber: 'W-3',
        itemCount: 2,
        reason: 'changed mind',
        totalCents: 0,
        currency: 'USD',
      },
      'Ada',
      ContactChannel.PUSH,
    );
    expect(whole).toEqual({
      subject: 'Order W-3 cancelled',
      body: 'We cancelled 2 items of order W-3 (changed mind): they will not be sent.',
    });
    const rest = composeMessage(
      { kind: MessageKind.ORDER_CANCELLED, orderNumber: 'W-3', itemCount: 1, reason: null, totalCents: 2500, currency: 'USD' },
      'Ada',
      ContactChannel.PUSH,
    );
    expect(rest.body).toBe(
      'We cancelled 1 item of order W-3: it will not be sent. The rest of your order goes ahead; it now totals USD 25.00.',
    );
    const changed = composeMessage(
      {
        kind: MessageKind.ORDER_MODIFIED,
        orderNumber: 'W-4',
        totalCents: 7500,
        currency: 'USD',
        changes: [
          { fromSku: 'TEE-S', sku: 'TEE-S', fromQuantity: 1, quantity: 3 },
          { fromSku: 'TEE-M', sku: 'TEE-L', fromQuantity: 1, quantity: 1 },
          { fromSku: 'CAP', sku: 'CAP', fromQuantity: 1, quantity: 0 },
        ],
      },
      'Ada',
      ContactChannel.PUSH,
    );
    expect(changed).toEqual({
      subject: 'Order W-4 changed',
      body: 'Your order W-4 was changed: TEE-S now 3 (was 1); TEE-M replaced by 1 x TEE-L; CAP removed. It now totals USD 75.00.',
    });
  });

  it('carries the return label link, and says refund or store credit with the amount', () => {
    const label = { carrier: 'UPS', trackingNumber: '1ZR', url: 'https://labels.example/r.pdf' };
    expect(
      composeMessage({ kind: MessageKind.RETURN_LABEL, rmaNumber: 'RMA-7', label }, 'Ada', ContactChannel.EMAIL).body,
    ).toContain(label.url);
    const credit = composeMessage(
      { kind: MessageKind.STORE_CREDIT_ISSUED, amountCents: 2500, currency: 'USD', orderNumber: 'S-9' },
      'Ada',
      ContactChannel.SMS,
    );
    expect(credit.body).toContain('USD 25.00 of store credit');
    const refund = composeMessage(
      { kind: MessageKind.REFUND_ISSUED, amountCents: 2500, currency: 'USD', orderNumber: 'S-9' },
      'Ada',
      ContactChannel.SMS,
    );
    expect(refund.body).toContain('refunded USD 25.00');
  });

  it('keeps an SMS within two segments', () => {
    const long = composeMessage(
      {
        kind: MessageKind.RETURN_LABEL,
        rmaNumber: 'RMA-1',
        label: { carrier: 'UPS', trackingNumber: 'T', url: `https://x.example/${'a'.repeat(400)}` },
      },
      'Ada',
      ContactChannel.SMS,
    );
    expect(long.body.length).toBe(SMS_MAX_LENGTH);
  });
});

describe('nextCaseStatus', () => {
  it('moves a case from open through in progress to resolved', () => {
    expect(nextCaseStatus(SupportCaseStatus.OPEN, SupportCaseAction.ASSIGNED, false)).toBe(SupportCaseStatus.IN_PROGRESS);
    expect(nextCaseStatus(SupportCaseStatus.IN_PROGRESS, SupportCaseAction.NOTE, true)).toBe(SupportCaseStatus.IN_PROGRESS);
    expect(nextCaseStatus(SupportCaseStatus.OPEN, SupportCaseAction.NOTE, false)).toBe(SupportCaseStatus.OPEN);
    expect(nextCaseStatus(SupportCaseStatus.OPEN, SupportCaseAction.RESOLVED, false)).toBe(SupportCaseStatus.RESOLVED);
  });

  it('takes nothing on a resolved case but a reopen, which restores the assignment', () => {
    for (const action of [SupportCaseAction.ASSIGNED, SupportCaseAction.NOTE, SupportCaseAction.RESOLVED]) {
      expect(() => nextCaseStatus(SupportCaseStatus.RESOLVED, action, true)).toThrow(
        expect.objectContaining({ code: 'CASE_RESOLVED' }),
      );
    }
    expect(nextCaseStatus(SupportCaseStatus.RESOLVED, SupportCaseAction.REOPENED, true)).toBe(SupportCaseStatus.IN_PROGRESS);
    expect(nextCaseStatus(SupportCaseStatus.RESOLVED, SupportCaseAction.REOPENED, false)).toBe(SupportCaseStatus.OPEN);
    expect(() => nextCaseStatus(SupportCaseStatus.OPEN, SupportCaseAction.REOPENED, false)).toThrow(CaseTransitionError);
  });
});
