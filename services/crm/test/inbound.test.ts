import { IdentityKind } from '../src/domain/identity';
import { findReplyToken, normalizeReplyToken, parseSender, stripQuotedReply } from '../src/domain/inbound';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';

describe('stripQuotedReply', () => {
  it.each<[string, string, string, boolean]>([
    ['plain text stays', 'Is the shelf 30 cm deep?', 'Is the shelf 30 cm deep?', false],
    [
      'Gmail attribution and quote',
      'Yes, the Nook.\n\nOn Mon, 30 Nov 2026 at 10:02, Omni Support <support@omni.example> wrote:\n> Which bookcase?\n> Thanks',
      'Yes, the Nook.',
      true,
    ],
    [
      'attribution wrapped over two lines',
      'Tuesday works.\n\nOn Mon, 30 Nov 2026 at 10:02, Omni Support\n<support@omni.example> wrote:\n> When?',
      'Tuesday works.',
      true,
    ],
    ['Outlook original message', 'Thanks!\r\n\r\n-----Original Message-----\r\nFrom: Omni\r\nSent: today', 'Thanks!', true],
    [
      'Outlook header block',
      'See below.\n\n________________________________\nFrom: Omni Support\nSent: Monday\nSubject: Your case',
      'See below.',
      true,
    ],
    ['header block without a separator', 'Fine.\n\nFrom: Omni Support <support@omni.example>\nSent: Monday', 'Fine.', true],
    ['French attribution', 'Merci.\n\nLe lun. 30 nov. 2026 à 10:02, Omni <s@omni.example> a écrit :\n> Bonjour', 'Merci.', true],
    ['German attribution', 'Danke.\n\nAm 30.11.2026 um 10:02 schrieb Omni <s@omni.example>:\n> Hallo', 'Danke.', true],
    ['signature after the sig dash', 'Call me.\n-- \nDana Reyes\n+1 212 555 0100', 'Call me.', true],
    ['device signature', 'On my way.\n\nSent from my iPhone', 'On my way.', true],
    ['interleaved quote lines are dropped', '> Which size?\nThe large one.\n> Colour?\nOak.', 'The large one.\nOak.', true],
    ['a message that is all quote stays whole', '> only a quote', '> only a quote', false],
    [
      '"on" in the middle of a sentence is not an attribution',
      'I was on holiday when it wrote off.',
      'I was on holiday when it wrote off.',
      false,
    ],
  ])('%s', (_, raw, text, stripped) => {
    expect(stripQuotedReply(raw)).toEqual({ text, stripped });
  });
});

describe('parseSender', () => {
  it.each<[string, IdentityKind | null, ReturnType<typeof parseSender>]>([
    ['dana@example.com', null, { kind: IdentityKind.EMAIL, value: 'dana@example.com', name: null }],
    ['Dana Reyes <Dana@Example.com>', null, { kind: IdentityKind.EMAIL, value: 'dana@example.com', name: 'Dana Reyes' }],
    ['"Reyes, Dana" <dana@example.com>', null, { kind: IdentityKind.EMAIL, value: 'dana@example.com', name: 'Reyes, Dana' }],
    ['+1 (212) 555-7788', null, { kind: IdentityKind.PHONE, value: '+12125557788', name: null }],
    ['@dana.builds', null, { kind: IdentityKind.SOCIAL, value: '@dana.builds', name: null }],
    ['12125557788', IdentityKind.SOCIAL, { kind: IdentityKind.SOCIAL, value: '12125557788', name: null }],
    ['not an address@', null, null],
    ['', null, null],
    ['x'.repeat(400), null, null],
  ])('%s', (raw, kind, expected) => {
    expect(parseSender(raw, kind as never)).toEqual(expected);
  });
});

describe('reply tokens', () => {
  it.each<[string, (string | null)[], string | null]>([
    ['a marker in the subject', [`Re: bookcase [ref:${TOKEN}]`], TOKEN],
    ['a marker in any case', [`RE: [REF:${TOKEN.toUpperCase()}]`], TOKEN],
    ['a plus tag in the address', [null, `support+${TOKEN}@omni.example`], TOKEN],
    ['a marker in the quoted body', [null, null, `> keep [ref:${TOKEN}] in the subject`], TOKEN],
    ['too short', ['[ref:abc]'], null],
    ['none', ['hello', null], null],
  ])('%s', (_, texts, expected) => {
    expect(findReplyToken(...texts)).toBe(expected);
  });

  it.each<[string | null, string | null]>([
    [TOKEN, TOKEN],
    [` [ref:${TOKEN.toUpperCase()}] `, TOKEN],
    ['ref:short', null],
    [`${TOKEN}1`, null],
    [null, null],
  ])('normalizes %s', (raw, expected) => {
    expect(normalizeReplyToken(raw)).toBe(expected);
  });
});
