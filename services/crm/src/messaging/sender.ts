import nodemailer, { type Transporter } from 'nodemailer';
import { ContactChannel } from '../domain/consent';
import type { MessageKind } from '../domain/messages';

/** One message as handed to a sender. */
export interface OutgoingMessage {
  id: string;
  kind: MessageKind;
  channel: ContactChannel;
  recipient: string;
  subject: string;
  body: string;
}

export interface SendReceipt {
  /** The provider's id for the message, when it gives one. */
  providerMessageId: string | null;
}

/**
 * Delivers customer messages. `send` resolves once the provider accepted the message and throws
 * when it did not: a plain error is retried later, an `UndeliverableError` is final.
 */
export interface MessageSender {
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendReceipt>;
}

/** The message can never go out through this sender (no provider for its channel, say). */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

/**
 * The development sender (the embedded default): delivers nothing, keeps what it was given, and
 * every message shows up as sent in `Customer.messages` and the interaction timeline.
 */
export class RecordingSender implements MessageSender {
  readonly name = 'recording';
  readonly sent: OutgoingMessage[] = [];

  async send(message: OutgoingMessage): Promise<SendReceipt> {
    this.sent.push(message);
    return { providerMessageId: `recorded:${message.id}` };
  }
}

/**
 * Email through an SMTP server (nodemailer), plain text. SMS and push need a provider of their
 * own: until one is configured such messages are undeliverable rather than silently dropped.
 */
export class SmtpSender implements MessageSender {
  readonly name = 'smtp';

  constructor(
    private readonly transport: Pick<Transporter, 'sendMail'>,
    private readonly from: string,
  ) {}

  static fromUrl(url: string, from: string): SmtpSender {
    return new SmtpSender(nodemailer.createTransport(url), from);
  }

  async send(message: OutgoingMessage): Promise<SendReceipt> {
    if (message.channel !== ContactChannel.EMAIL) {
      throw new UndeliverableError(`no ${message.channel} provider is configured (SMTP sends email only)`);
    }
    const info = (await this.transport.sendMail({
      from: this.from,
      to: message.recipient,
      subject: message.subject,
      text: message.body,
      headers: { 'X-Omni-Message-Id': message.id, 'X-Omni-Message-Kind': message.kind },
    })) as { messageId?: string };
    return { providerMessageId: info.messageId ?? null };
  }
}
