import { simpleParser, type AddressObject } from 'mailparser';
import type { InboundMessageRequest } from '../commands/inbound';

/** A raw message larger than this (attachments included) is refused before it is parsed. */
export const RAW_EMAIL_MAX_BYTES = 10 * 1024 * 1024;

/** Text kept of a message before its quoted original is cut (CRM keeps 20,000 characters of the new part). */
const INBOUND_TEXT_MAX = 100_000;
/** Attachments listed per message; more are left out of the list. */
const MAX_ATTACHMENTS = 50;

export class UnreadableEmailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableEmailError';
  }
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

/**
 * A raw RFC 5322 message (as an inbound hook receives it) read with mailparser: sender (with
 * display name), subject, the text part (the HTML part as text when there is none), the
 * addresses it was delivered to (a `+<token>` tag names the case), the Message-ID (so a
 * redelivery adds nothing), attachments' names, types and sizes (their content is not kept), and
 * whether it was sent automatically (an auto-reply: `Auto-Submitted`, `X-Autoreply`, or a bulk
 * `Precedence`), which is never answered.
 */
export async function parseInboundEmail(raw: string): Promise<Omit<InboundMessageRequest, 'channel'> & { automatic: boolean }> {
  if (Buffer.byteLength(raw, 'utf8') > RAW_EMAIL_MAX_BYTES) {
    throw new UnreadableEmailError(`the message is larger than ${RAW_EMAIL_MAX_BYTES} bytes`);
  }
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const sender = parsed.from?.value[0];
  if (!sender?.address) throw new UnreadableEmailError('the message has no From address');
  const header = (name: string) => {
    const value = parsed.headers.get(name);
    return typeof value === 'string' ? value.toLowerCase() : value == null ? '' : JSON.stringify(value).toLowerCase();
  };
  const autoSubmitted = header('auto-submitted');
  const automatic =
    (autoSubmitted !== '' && !autoSubmitted.startsWith('no')) ||
    header('x-autoreply') !== '' ||
    header('x-autorespond') !== '' ||
    /^(bulk|junk|list|auto_reply)$/.test(header('precedence'));
  const delivered = [...addresses(parsed.to), ...addresses(parsed.cc), header('delivered-to'), header('x-original-to')].filter(
    Boolean,
  );
  // The new part of a reply is at the top: a long quoted tail is cut before it travels further.
  const text = (parsed.text ?? (typeof parsed.html === 'string' ? parsed.html.replace(/<[^>]*>/g, ' ') : '')).slice(
    0,
    INBOUND_TEXT_MAX,
  );
  return {
    from: sender.name ? `${sender.name} <${sender.address}>` : sender.address,
    fromKind: null,
    subject: parsed.subject ?? null,
    body: text,
    to: delivered.join(', ').slice(0, 2000),
    externalId: parsed.messageId?.slice(0, 200) ?? null,
    attachments: parsed.attachments.slice(0, MAX_ATTACHMENTS).map((a) => ({
      filename: a.filename ?? 'attachment',
      contentType: a.contentType ?? null,
      size: a.size ?? a.content?.length ?? 0,
    })),
    receivedAt: parsed.date && parsed.date.getTime() <= Date.now() + 5 * 60_000 ? parsed.date : null,
    automatic,
  };
}
