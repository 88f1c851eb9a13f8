import { createServer, type AddressInfo, type Server } from 'node:net';
import { ConfigError } from '@omni/platform';
import { DEFAULT_SMTP_FROM, readCrmConfig, senderFromConfig } from '../src/configuration';
import { ContactChannel } from '../src/domain/consent';
import { MessageKind } from '../src/domain/messages';
import { RecordingSender, SmtpSender, UndeliverableError, type OutgoingMessage } from '../src/messaging/sender';

/** Just enough of an SMTP server to receive one plain-text mail. */
function fakeSmtpServer(): Promise<{ server: Server; port: number; mails: { from: string; to: string[]; data: string }[] }> {
  const mails: { from: string; to: string[]; data: string }[] = [];
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let mail = { from: '', to: [] as string[], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(mail);
          mail = { from: '', to: [], data: '' };
          reply('250 2.0.0 queued as FAKE1');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') mail.from = line;
        if (verb === 'RCPT') mail.to.push(line);
        if (verb === 'DATA') inData = true;
        reply(verb === 'DATA' ? '354 go ahead' : verb === 'QUIT' ? '221 bye' : '250 OK');
        if (verb === 'QUIT') socket.end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, mails })),
  );
}

const message = (channel: ContactChannel): OutgoingMessage => ({
  id: 'm-1',
  kind: MessageKind.SHIPPED,
  channel,
  recipient: channel === ContactChannel.EMAIL ? 'ada@example.com' : '15550100000',
  subject: 'Order W-1 has shipped',
  body: 'Order W-1 is on its way. Tracking: UPS 1Z42.',
});

describe('CRM configuration', () => {
  it('uses the recording sender unless SMTP_URL is set', () => {
    expect(readCrmConfig({})).toEqual({ smtpUrl: null, smtpFrom: DEFAULT_SMTP_FROM, defaultPhoneCountry: 'US' });
    expect(readCrmConfig({ DEFAULT_PHONE_COUNTRY: 'gb' }).defaultPhoneCountry).toBe('GB');
    expect(() => readCrmConfig({ DEFAULT_PHONE_COUNTRY: 'Mars' })).toThrow(/DEFAULT_PHONE_COUNTRY/);
    expect(senderFromConfig(readCrmConfig({}))).toBeInstanceOf(RecordingSender);
    expect(senderFromConfig(readCrmConfig({ SMTP_URL: 'smtps://user:pw@mail.example:465' }))).toBeInstanceOf(SmtpSender);
  });

  it('names the variable when a value is malformed', () => {
    expect(() => readCrmConfig({ SMTP_URL: 'http://mail.example' })).toThrow(ConfigError);
    expect(() => readCrmConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => readCrmConfig({ SMTP_FROM: 'Shop <not-an-address>' })).toThrow(/SMTP_FROM/);
    expect(readCrmConfig({ SMTP_FROM: 'Shop <shop@example.com>' }).smtpFrom).toBe('Shop <shop@example.com>');
  });
});

describe('senders', () => {
  let smtp: Awaited<ReturnType<typeof fakeSmtpServer>>;
  beforeAll(async () => {
    smtp = await fakeSmtpServer();
  });
  afterAll(() => new Promise<void>((resolve) => smtp.server.close(() => resolve())));

  it('sends email through the SMTP server SMTP_URL names', async () => {
    const config = readCrmConfig({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Omni <orders@omni.example>' });
    const sender = senderFromConfig(config);
    const receipt = await sender.send(message(ContactChannel.EMAIL));
    expect(receipt.providerMessageId).toEqual(expect.any(String));
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail!.from).toContain('<orders@omni.example>');
    expect(mail!.to).toEqual([expect.stringContaining('<ada@example.com>')]);
    expect(mail!.data).toContain('Subject: Order W-1 has shipped');
    expect(mail!.data).toContain('Tracking: UPS 1Z42.');
    expect(mail!.data).toMatch(/X-Omni-Message-Kind: SHIPPED/i);
  });

  it('refuses SMS and push for good when only SMTP is configured', async () => {
    const sender = SmtpSender.fromUrl(`smtp://127.0.0.1:${smtp.port}`, DEFAULT_SMTP_FROM);
    await expect(sender.send(message(ContactChannel.SMS))).rejects.toBeInstanceOf(UndeliverableError);
  });

  it('records what the development sender was given', async () => {
    const sender = new RecordingSender();
    await sender.send(message(ContactChannel.SMS));
    expect(sender.sent).toEqual([message(ContactChannel.SMS)]);
  });
});
