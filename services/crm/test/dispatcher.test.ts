import { randomUUID } from 'node:crypto';
import { createLogger, inTransaction, openDatabase, PLATFORM_ENTITIES } from '@omni/platform';
import type { DataSource } from 'typeorm';
import { ContactChannel } from '../src/domain/consent';
import { InteractionKind } from '../src/domain/interaction';
import { MessageKind } from '../src/domain/messages';
import { Customer } from '../src/entities/customer';
import { Interaction } from '../src/entities/interaction';
import { CustomerMessage, MessageStatus } from '../src/entities/message';
import { crmService } from '../src/index';
import { MessageDispatcher } from '../src/messaging/dispatcher';
import { UndeliverableError, type MessageSender, type OutgoingMessage } from '../src/messaging/sender';

/** A sender that fails as told, then accepts. */
class ScriptedSender implements MessageSender {
  readonly name = 'scripted';
  readonly accepted: OutgoingMessage[] = [];
  constructor(private readonly failures: Error[] = []) {}
  async send(message: OutgoingMessage) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.accepted.push(message);
    return { providerMessageId: `p-${this.accepted.length}` };
  }
}

describe('the message dispatcher', () => {
  let db: DataSource;
  let customerId: string;
  const log = createLogger('crm-test', 'silent');

  beforeAll(async () => {
    db = await openDatabase({
      service: 'crm',
      entities: [...crmService.entities, ...PLATFORM_ENTITIES],
      migrations: crmService.migrations,
      dataDir: ':memory:',
    });
    customerId = randomUUID();
    await db.getRepository(Customer).insert({
      id: customerId,
      email: 'ada@example.com',
      phone: null,
      firstName: 'Ada',
      lastName: 'Lovelace',
      channels: [],
      mergedIntoId: null,
    });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const queue = async () => {
    const id = randomUUID();
    await inTransaction(db, (manager) =>
      manager.insert(CustomerMessage, {
        id,
        customerId,
        kind: MessageKind.ORDER_CONFIRMATION,
        channel: ContactChannel.EMAIL,
        recipient: 'ada@example.com',
        subject: 'Order W-1 confirmed',
        body: 'Thanks',
        orderId: 'o-1',
        salesChannel: null,
        sourceEventId: randomUUID(),
        status: MessageStatus.PENDING,
        attempts: 0,
        lastError: null,
        nextAttemptAt: new Date(),
        createdAt: new Date(),
        sentAt: null,
        providerMessageId: null,
      }),
    );
    return id;
  };
  const messageRow = (id: string) => db.getRepository(CustomerMessage).findOneByOrFail({ id });
  const timelineOf = (id: string) => db.getRepository(Interaction).findBy({ messageId: id });

  it('retries a failed send later, then records it as sent with one timeline entry', async () => {
    const id = await queue();
    const sender = new ScriptedSender([new Error('421 try again later')]);
    const dispatcher = new MessageDispatcher(db, sender, { log, retryDelayMs: 60_000 });

    expect(await dispatcher.dispatchDue()).toBe(0);
    const failed = await messageRow(id);
    expect(failed).toMatchObject({ status: MessageStatus.PENDING, attempts: 1, lastError: '421 try again later' });
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await timelineOf(id)).toEqual([]);
    // Not due yet: nothing is sent.
    expect(await dispatcher.dispatchDue()).toBe(0);

    await db.getRepository(CustomerMessage).update({ id }, { nextAttemptAt: new Date(Date.now() - 1) });
    expect(await dispatcher.dispatchDue()).toBe(1);
    expect(await messageRow(id)).toMatchObject({
      status: MessageStatus.SENT,
      attempts: 2,
      providerMessageId: 'p-1',
      lastError: null,
    });
    expect(await timelineOf(id)).toEqual([
      expect.objectContaining({
        customerId,
        kind: InteractionKind.EMAIL,
        orderId: 'o-1',
        summary: 'Order W-1 confirmed (sent to ada@example.com)',
      }),
    ]);
    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(sender.accepted).toHaveLength(1);
  });

  it('gives up at once on an undeliverable message, and after the last try on a failing one', async () => {
    const undeliverable = await queue();
    await new MessageDispatcher(db, new ScriptedSender([new UndeliverableError('no SMS provider')]), { log }).dispatchDue();
    expect(await messageRow(undeliverable)).toMatchObject({
      status: MessageStatus.FAILED,
      attempts: 1,
      lastError: 'no SMS provider',
    });

    const flaky = await queue();
    const dispatcher = new MessageDispatcher(db, new ScriptedSender([new Error('down'), new Error('down')]), {
      log,
      maxAttempts: 2,
      retryDelayMs: 0,
    });
    await dispatcher.dispatchDue();
    await dispatcher.dispatchDue();
    expect(await messageRow(flaky)).toMatchObject({ status: MessageStatus.FAILED, attempts: 2 });
    expect(await timelineOf(flaky)).toEqual([]);
  });

  it('sends a message once when two dispatchers race for it', async () => {
    const id = await queue();
    const a = new ScriptedSender();
    const b = new ScriptedSender();
    const sent = await Promise.all([
      new MessageDispatcher(db, a, { log }).dispatchDue(),
      new MessageDispatcher(db, b, { log }).dispatchDue(),
    ]);
    expect(sent[0] + sent[1]).toBe(1);
    expect([...a.accepted, ...b.accepted].map((m) => m.id)).toEqual([id]);
    expect(await timelineOf(id)).toHaveLength(1);
  });

  it('writes an anonymized timeline entry when the customer is erased while the message is sent', async () => {
    const id = await queue();
    const erasing: MessageSender = {
      name: 'erasing',
      async send() {
        // What an erasure does meanwhile: the message loses recipient and subject, the customer is erased.
        await db.getRepository(CustomerMessage).update({ id }, { recipient: '', subject: '', body: '' });
        await db.getRepository(Customer).update({ id: customerId }, { erasedAt: new Date() });
        return { providerMessageId: 'p-erased' };
      },
    };
    try {
      expect(await new MessageDispatcher(db, erasing, { log }).dispatchDue()).toBe(1);
      expect(await messageRow(id)).toMatchObject({ status: MessageStatus.SENT, recipient: '' });
      expect((await timelineOf(id)).map((i) => i.summary)).toEqual([' (sent to )']);
    } finally {
      await db.getRepository(Customer).update({ id: customerId }, { erasedAt: null });
    }
  });

  it("puts a message on the survivor's timeline when its customer is merged away while it is sent", async () => {
    const id = await queue();
    const survivorId = randomUUID();
    const merging: MessageSender = {
      name: 'merging',
      async send() {
        // What a merge does meanwhile: the survivor gets the message, the duplicate becomes a tombstone.
        await db.getRepository(Customer).insert({
          id: survivorId,
          email: 'ada.l@example.com',
          phone: null,
          firstName: 'Ada',
          lastName: 'Lovelace',
          channels: [],
          mergedIntoId: null,
        });
        await db.getRepository(CustomerMessage).update({ id }, { customerId: survivorId });
        await db.getRepository(Customer).update({ id: customerId }, { mergedIntoId: survivorId });
        return { providerMessageId: 'p-merged' };
      },
    };
    try {
      expect(await new MessageDispatcher(db, merging, { log }).dispatchDue()).toBe(1);
      expect(await messageRow(id)).toMatchObject({ status: MessageStatus.SENT, customerId: survivorId });
      expect((await timelineOf(id)).map((i) => i.customerId)).toEqual([survivorId]);
    } finally {
      await db.getRepository(Customer).update({ id: customerId }, { mergedIntoId: null });
    }
  });

  it('sends every message due in one pass, in the order they fell due, and leaves the one not due yet', async () => {
    const first = await queue();
    const second = await queue();
    const later = await queue();
    await db.getRepository(CustomerMessage).update({ id: first }, { nextAttemptAt: new Date(Date.now() - 2_000) });
    await db.getRepository(CustomerMessage).update({ id: later }, { nextAttemptAt: new Date(Date.now() + 60_000) });
    const sender = new ScriptedSender();
    const dispatcher = new MessageDispatcher(db, sender, { log });
    expect(await dispatcher.dispatchDue()).toBe(2);
    expect(sender.accepted.map((m) => m.id)).toEqual([first, second]);
    expect(await messageRow(later)).toMatchObject({ status: MessageStatus.PENDING, attempts: 0 });
    expect((await dispatcher.nextDueAt())?.getTime()).toBeGreaterThan(Date.now() + 50_000);
    await db.getRepository(CustomerMessage).update({ id: later }, { status: MessageStatus.FAILED });
  });

  it('tries a failed message again on its own when its retry falls due', async () => {
    const sender = new ScriptedSender([new Error('421 try again later')]);
    const dispatcher = new MessageDispatcher(db, sender, { log, retryDelayMs: 100 });
    const id = await queue();
    dispatcher.start();
    try {
      const deadline = Date.now() + 5_000;
      while ((await messageRow(id)).status !== MessageStatus.SENT && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await messageRow(id)).toMatchObject({ status: MessageStatus.SENT, attempts: 2 });
    } finally {
      await dispatcher.stop();
    }
  });

  it('sends on its own once a transaction that wrote messages commits', async () => {
    const sender = new ScriptedSender();
    const dispatcher = new MessageDispatcher(db, sender, { log });
    dispatcher.start();
    try {
      // Let the start-up pass find nothing: what follows is sent because its commit woke the dispatcher.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const id = await queue();
      const deadline = Date.now() + 5_000;
      while ((await messageRow(id)).status !== MessageStatus.SENT && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await messageRow(id)).toMatchObject({ status: MessageStatus.SENT });
    } finally {
      await dispatcher.stop();
    }
  });
});
