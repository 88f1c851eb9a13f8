import { Channel } from '@omni/platform';
import { ContactChannel, decideConsent, deliveryTargets, mergeConsents, type ConsentState } from '../src/domain/consent';
import { mergeRefusal, unionChannels } from '../src/domain/merge';

const at = (iso: string) => new Date(iso);
const contacts = { email: 'ada@example.com', phone: '15550100000', deviceToken: 'fcm-1' };

describe('deliveryTargets', () => {
  it('sends only on channels with a granted consent', () => {
    const consents = [
      { channel: ContactChannel.EMAIL, granted: true },
      { channel: ContactChannel.SMS, granted: false },
    ];
    expect(deliveryTargets(consents, contacts)).toEqual([{ channel: ContactChannel.EMAIL, recipient: 'ada@example.com' }]);
  });

  it('sends nothing without any consent, whatever contact details exist', () => {
    expect(deliveryTargets([], contacts)).toEqual([]);
  });

  it('skips a consented channel the customer cannot be reached on', () => {
    const all = Object.values(ContactChannel).map((channel) => ({ channel, granted: true }));
    expect(deliveryTargets(all, { email: 'ada@example.com', phone: null, deviceToken: null }).map((t) => t.channel)).toEqual([
      ContactChannel.EMAIL,
    ]);
    expect(deliveryTargets(all, contacts)).toEqual([
      { channel: ContactChannel.EMAIL, recipient: 'ada@example.com' },
      { channel: ContactChannel.SMS, recipient: '15550100000' },
      { channel: ContactChannel.PUSH, recipient: 'fcm-1' },
    ]);
  });
});

describe('decideConsent', () => {
  it('records when and where consent was given', () => {
    expect(decideConsent(null, ContactChannel.SMS, true, Channel.STORE, at('2026-01-01T10:00:00Z'))).toEqual({
      channel: ContactChannel.SMS,
      granted: true,
      givenAt: at('2026-01-01T10:00:00Z'),
      withdrawnAt: null,
      source: Channel.STORE,
    });
  });

  it('keeps the earlier grant time when consent is withdrawn', () => {
    const given = decideConsent(null, ContactChannel.EMAIL, true, Channel.WEB, at('2026-01-01T10:00:00Z'));
    expect(decideConsent(given, ContactChannel.EMAIL, false, Channel.CALL_CENTER, at('2026-02-01T10:00:00Z'))).toEqual({
      channel: ContactChannel.EMAIL,
      granted: false,
      givenAt: at('2026-01-01T10:00:00Z'),
      withdrawnAt: at('2026-02-01T10:00:00Z'),
      source: Channel.CALL_CENTER,
    });
  });
});

describe('mergeConsents', () => {
  const grant = (channel: ContactChannel, iso: string): ConsentState => decideConsent(null, channel, true, Channel.WEB, at(iso));
  const withdraw = (channel: ContactChannel, iso: string): ConsentState =>
    decideConsent(grant(channel, '2025-01-01T00:00:00Z'), channel, false, Channel.STORE, at(iso));

  it('keeps the latest decision per channel, so a newer withdrawal beats an older grant', () => {
    const merged = mergeConsents(
      [grant(ContactChannel.EMAIL, '2026-01-01T00:00:00Z')],
      [withdraw(ContactChannel.EMAIL, '2026-03-01T00:00:00Z')],
    );
    expect(merged).toEqual([expect.objectContaining({ channel: ContactChannel.EMAIL, granted: false })]);
    const older = mergeConsents(
      [grant(ContactChannel.EMAIL, '2026-04-01T00:00:00Z')],
      [withdraw(ContactChannel.EMAIL, '2026-03-01T00:00:00Z')],
    );
    expect(older).toEqual([expect.objectContaining({ channel: ContactChannel.EMAIL, granted: true })]);
  });

  it('takes channels only one record has', () => {
    const merged = mergeConsents(
      [grant(ContactChannel.SMS, '2026-01-01T00:00:00Z')],
      [grant(ContactChannel.PUSH, '2026-01-02T00:00:00Z')],
    );
    expect(merged.map((c) => c.channel).sort()).toEqual([ContactChannel.PUSH, ContactChannel.SMS]);
  });
});

describe('mergeRefusal', () => {
  const live = (id: string) => ({ id, mergedIntoId: null });
  it('allows a live pair and an already merged pair (idempotent)', () => {
    expect(mergeRefusal(live('a'), live('b'))).toBeNull();
    expect(mergeRefusal(live('a'), { id: 'b', mergedIntoId: 'a' })).toBeNull();
  });

  it.each([
    [null, live('b'), 'UNKNOWN_CUSTOMER', 'survivorId'],
    [live('a'), null, 'UNKNOWN_CUSTOMER', 'duplicateId'],
    [live('a'), live('a'), 'SAME_CUSTOMER', 'duplicateId'],
    [{ id: 'a', mergedIntoId: 'z' }, live('b'), 'CUSTOMER_MERGED', 'survivorId'],
    [live('a'), { id: 'b', mergedIntoId: 'z' }, 'CUSTOMER_MERGED', 'duplicateId'],
  ])('refuses %j + %j with %s on %s', (survivor, duplicate, code, field) => {
    expect(mergeRefusal(survivor, duplicate)).toMatchObject({ code, field });
  });

  it('unions channels in the order first touched', () => {
    expect(unionChannels([Channel.WEB, Channel.STORE], [Channel.STORE, Channel.SOCIAL])).toEqual([
      Channel.WEB,
      Channel.STORE,
      Channel.SOCIAL,
    ]);
  });
});
