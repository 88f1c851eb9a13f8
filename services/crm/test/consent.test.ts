import { Channel } from '@omni/platform';
import {
  ContactChannel,
  decideConsent,
  deliveryTargets,
  mergeConsents,
  MessageBasis,
  MessagePurpose,
  type ConsentState,
} from '../src/domain/consent';
import { canOptOut, MESSAGE_PURPOSE, MessageKind } from '../src/domain/messages';
import { mergeRefusal, unionChannels } from '../src/domain/merge';

const at = (iso: string) => new Date(iso);
const contacts = { email: 'ada@example.com', phone: '15550100000', deviceToken: 'fcm-1' };

describe('deliveryTargets', () => {
  const { EMAIL, SMS, PUSH } = ContactChannel;
  const { TRANSACTIONAL, MARKETING } = MessagePurpose;
  const granted = (...channels: ContactChannel[]) => channels.map((channel) => ({ channel, granted: true }));
  const withdrawn = (...channels: ContactChannel[]) => channels.map((channel) => ({ channel, granted: false }));
  const none = { email: null, phone: null, deviceToken: null };

  it.each([
    // purpose, consents, contacts, opted out of the kind, channels and the basis of each
    [MARKETING, granted(EMAIL), contacts, false, [[EMAIL, 'MARKETING_CONSENT']]],
    [MARKETING, [...granted(EMAIL), ...withdrawn(SMS)], contacts, false, [[EMAIL, 'MARKETING_CONSENT']]],
    [MARKETING, [], contacts, false, []],
    [MARKETING, granted(EMAIL, SMS, PUSH), { ...none, email: 'ada@example.com' }, false, [[EMAIL, 'MARKETING_CONSENT']]],
    [
      MARKETING,
      granted(EMAIL, SMS, PUSH),
      contacts,
      false,
      [
        [EMAIL, 'MARKETING_CONSENT'],
        [SMS, 'MARKETING_CONSENT'],
        [PUSH, 'MARKETING_CONSENT'],
      ],
    ],
    // Transactional: email and app without any consent; texts only with SMS consent.
    [
      TRANSACTIONAL,
      [],
      contacts,
      false,
      [
        [EMAIL, 'TRANSACTIONAL'],
        [PUSH, 'TRANSACTIONAL'],
      ],
    ],
    [
      TRANSACTIONAL,
      withdrawn(EMAIL, PUSH),
      contacts,
      false,
      [
        [EMAIL, 'TRANSACTIONAL'],
        [PUSH, 'TRANSACTIONAL'],
      ],
    ],
    [
      TRANSACTIONAL,
      granted(SMS),
      contacts,
      false,
      [
        [EMAIL, 'TRANSACTIONAL'],
        [SMS, 'TRANSACTIONAL'],
        [PUSH, 'TRANSACTIONAL'],
      ],
    ],
    [TRANSACTIONAL, granted(SMS), { ...none, email: 'ada@example.com' }, false, [[EMAIL, 'TRANSACTIONAL']]],
    [TRANSACTIONAL, [], none, false, []],
    // Opted out of the kind: nothing, on any channel, whatever the consents.
    [TRANSACTIONAL, granted(EMAIL, SMS, PUSH), contacts, true, []],
    // An opt-out of a transactional kind says nothing about marketing.
    [MARKETING, granted(EMAIL), contacts, true, [[EMAIL, 'MARKETING_CONSENT']]],
  ] as const)('%s with %j to %j (opted out: %s) goes to %j', (purpose, consents, to, optedOut, expected) => {
    const targets = deliveryTargets(purpose, consents, to, optedOut);
    expect(targets.map((t) => [t.channel, t.basis])).toEqual(expected);
  });

  it('addresses each channel to its contact', () => {
    expect(deliveryTargets(MARKETING, granted(EMAIL, SMS, PUSH), contacts)).toEqual([
      { channel: EMAIL, recipient: 'ada@example.com', basis: MessageBasis.MARKETING_CONSENT },
      { channel: SMS, recipient: '15550100000', basis: MessageBasis.MARKETING_CONSENT },
      { channel: PUSH, recipient: 'fcm-1', basis: MessageBasis.MARKETING_CONSENT },
    ]);
  });

  it('knows the lifecycle kinds as marketing and every other kind as transactional, and which a shopper may opt out of', () => {
    const lifecycle: MessageKind[] = [MessageKind.WELCOME, MessageKind.BIRTHDAY, MessageKind.WIN_BACK];
    for (const kind of Object.values(MessageKind)) {
      expect(MESSAGE_PURPOSE[kind]).toBe(lifecycle.includes(kind) ? MARKETING : TRANSACTIONAL);
    }
    expect(Object.values(MessageKind).filter((kind) => !canOptOut(kind))).toEqual([
      MessageKind.GIFT_CARD,
      MessageKind.CASE_OPENED,
      MessageKind.CASE_REPLY,
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
