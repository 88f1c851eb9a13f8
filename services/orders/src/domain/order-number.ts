import { randomInt } from 'node:crypto';
import { Channel } from '@omni/platform';

/** Crockford base32: no I, L, O or U, so a number read out over the phone is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const PREFIX: Record<Channel, string> = {
  [Channel.WEB]: 'W',
  [Channel.MOBILE_APP]: 'A',
  [Channel.STORE]: 'S',
  [Channel.CALL_CENTER]: 'C',
  [Channel.MARKETPLACE]: 'M',
  [Channel.SOCIAL]: 'X',
  [Channel.PARTNER]: 'P',
  [Channel.KIOSK]: 'K',
};

/** E.g. "W-7K3Q-9M2X": the channel's letter and 40 random bits (a unique index backs it). */
export function newOrderNumber(channel: Channel, random: (max: number) => number = randomInt): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[random(ALPHABET.length)];
  return `${PREFIX[channel]}-${body.slice(0, 4)}-${body.slice(4)}`;
}
