import { IdentityKind, normalizeEmail, normalizeIdentity } from './identity';
import { InteractionKind } from './interaction';
import type { CountryCode } from './phone';

/** Who wrote an inbound message, as an identity a customer may hold. */
export interface Sender {
  kind: IdentityKind.EMAIL | IdentityKind.PHONE | IdentityKind.SOCIAL;
  /** The identity's stored form (e-mail lower case, phone E.164, a social handle as given). */
  value: string;
  /** The display name, when the address carried one ("Dana Reyes <dana@example.com>"). */
  name: string | null;
}

/**
 * The sender of an inbound message: an e-mail address (bare or `Name <address>`), a phone
 * number, or else a social handle; `kind` overrides the guess (a handle that looks like a
 * number). Null when it is none of these.
 */
export function parseSender(raw: string, kind: Sender['kind'] | null = null, country?: CountryCode): Sender | null {
  const text = raw.trim();
  if (!text || text.length > 320) return null;
  const angle = /^(.*?)<([^<>]+)>\s*$/.exec(text);
  const name = angle
    ? angle[1]!
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim() || null
    : null;
  const address = angle ? angle[2]!.trim() : text;
  const guessed: Sender['kind'] =
    kind ??
    (address.includes('@') && !address.startsWith('@')
      ? IdentityKind.EMAIL
      : /^\+?[\d\s().-]{6,}$/.test(address)
        ? IdentityKind.PHONE
        : IdentityKind.SOCIAL);
  const value = guessed === IdentityKind.EMAIL ? normalizeEmail(address) : normalizeIdentity(guessed, address, country);
  return value ? { kind: guessed, value, name: name && name.length <= 200 ? name : null } : null;
}

/** The timeline kind of an inbound message: by how it came (e-mail, phone, social). */
export function inboundInteractionKind(sender: Sender): InteractionKind {
  switch (sender.kind) {
    case IdentityKind.EMAIL:
      return InteractionKind.EMAIL;
    case IdentityKind.PHONE:
      return InteractionKind.SMS;
    default:
      return InteractionKind.SOCIAL_POST;
  }
}

/** Reply tokens: 32 characters of base32 (160 random bits). */
export const REPLY_TOKEN = /^[a-z2-7]{32}$/;

/** The marker outgoing case messages carry in their subject and text: `[ref:<token>]`. */
export function replyMarker(token: string): string {
  return `[ref:${token}]`;
}

/**
 * The reply token in a message as it comes back: a `[ref:<token>]` marker in the subject or the
 * quoted text, or the `+<token>` tag of the address it was sent to (`support+<token>@shop`).
 */
export function findReplyToken(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    const marker = /\[ref:([a-z2-7]{32})\]/i.exec(text);
    if (marker) return marker[1]!.toLowerCase();
    const tag = /\+([a-z2-7]{32})@/i.exec(text);
    if (tag) return tag[1]!.toLowerCase();
  }
  return null;
}

/** A token as a client passed it: trimmed, lower case, the marker around it allowed; null when malformed. */
export function normalizeReplyToken(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const token = raw
    .trim()
    .replace(/^\[?ref:/i, '')
    .replace(/\]$/, '')
    .toLowerCase();
  return REPLY_TOKEN.test(token) ? token : null;
}

/** Lines that start the quoted original under a reply, in the languages mail clients write them in. */
const ATTRIBUTION = [
  /^on\b.{0,200}\bwrote:?\s*$/i,
  /^le\b.{0,200}\ba écrit\s*:?\s*$/i,
  /^am\b.{0,200}\bschrieb\b.{0,100}:?\s*$/i,
  /^el\b.{0,200}\bescribió:?\s*$/i,
  /^-{2,}\s*original message\s*-{2,}$/i,
  /^-{2,}\s*forwarded message\s*-{2,}$/i,
  /^_{10,}$/,
];
const HEADER_BLOCK = /^(from|de|von|van):\s.+/i;
const DEVICE_SIGNATURE = /^sent from my \w+/i;

export interface StrippedReply {
  /** What the sender wrote, without the quoted original and signature. */
  text: string;
  /** Whether anything was cut. */
  stripped: boolean;
}

/**
 * The new part of a reply: everything above the quoted original ("On ... wrote:", an Outlook
 * "From:" block or separator, "-----Original Message-----", `>` lines), the signature (below a
 * `-- ` line) and "Sent from my phone" removed. A message that is all quote stays whole.
 */
export function stripQuotedReply(raw: string): StrippedReply {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    // An attribution a client wrapped over two lines ("On Mon, 3 Nov 2026 at 10:00, Omni Support\n<support@shop> wrote:").
    const joined = i + 1 < lines.length ? `${trimmed} ${lines[i + 1]!.trim()}` : trimmed;
    if (line === '-- ' || line === '--') break;
    if (ATTRIBUTION.some((p) => p.test(trimmed))) break;
    if (/^on\b/i.test(trimmed) && !/wrote:?\s*$/i.test(trimmed) && /^on\b.{0,250}\bwrote:?\s*$/i.test(joined)) break;
    if (
      HEADER_BLOCK.test(trimmed) &&
      (kept.length === 0 || kept[kept.length - 1]!.trim() === '') &&
      i + 1 < lines.length &&
      /^(sent|date|to|subject|gesendet|envoyé|enviado):/i.test(lines[i + 1]!.trim())
    )
      break;
    if (trimmed.startsWith('>')) continue;
    if (DEVICE_SIGNATURE.test(trimmed)) continue;
    kept.push(line);
  }
  const text = kept
    .join('\n')
    .replace(/\s+$/, '')
    .replace(/^\s*\n/, '');
  const original = raw.replace(/\r\n?/g, '\n').trim();
  if (!text.trim()) return { text: original, stripped: false };
  return { text: text.trim(), stripped: text.trim() !== original };
}

/** Inbound text as stored: no null bytes or other control characters but line breaks and tabs, at most `max` characters. */
export function cleanInboundText(raw: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
