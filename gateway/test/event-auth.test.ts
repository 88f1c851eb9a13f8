/**
 * Events you can trust, against a private nats-server running deploy/nats.conf (the
 * authorization the deployments ship): a client needs a user to connect at all, a service's
 * user publishes only its own subjects, and loyalty applies an `orders.return.received` only
 * when its signature (EVENT_SECRET) verifies. Forged ones give no store credit and are logged.
 * Skipped when /usr/sbin/nats-server is not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { loyaltyService } from '@omni/loyalty';
import {
  Channel,
  EVENT_SIGNATURE_HEADER,
  NatsBus,
  newEnvelope,
  Peers,
  ProcessedEvent,
  signEventBody,
  startService,
  type EventEnvelope,
  type RunningService,
} from '@omni/platform';
import pino from 'pino';
import { StoredValueEntry } from '../../services/loyalty/src/entities/stored-value';
import { canConnect, freePort, waitFor } from '../../services/platform/test/nats-server';

const NATS_SERVER = '/usr/sbin/nats-server';
const NATS_CONF = join(__dirname, '..', '..', 'deploy', 'nats.conf');
const SERVICES = ['crm', 'catalog', 'inventory', 'orders', 'loyalty'];
const RETURN_RECEIVED = 'orders.return.received';
const SUBJECT = `omni.${RETURN_RECEIVED}`;

const describeWithNats = existsSync(NATS_SERVER) ? describe : describe.skip;

const secret = () => randomBytes(32).toString('hex');
/** nats-server parses `$VAR` from its environment as a config value: a password must read as a plain string. */
const natsPassword = () => `p${secret()}`;

/** What orders publishes when a return for store credit arrives (`orders.return.received`, version 1). */
function returnReceived(returnId: string, customerId: string): EventEnvelope {
  return newEnvelope(
    RETURN_RECEIVED,
    {
      returnId,
      orderId: `order-of-${returnId}`,
      customerId,
      locationId: 'store-1',
      resolution: 'STORE_CREDIT',
      refundCents: 2_500,
      currency: 'USD',
      exchangeOrderId: null,
      lines: [],
    },
    Channel.STORE,
  );
}

describeWithNats('event authentication on NATS', () => {
  const passwords = Object.fromEntries(SERVICES.map((s) => [s, natsPassword()]));
  const eventSecret = secret();
  const dirs = [mkdtempSync(join(tmpdir(), 'omni-nats-auth-')), mkdtempSync(join(tmpdir(), 'omni-loyalty-'))];
  const logged: { level: number; msg: string; reason?: string; event?: string; subject?: string }[] = [];
  const log = pino(
    { level: 'info', base: { service: 'loyalty' } },
    { write: (line: string) => void logged.push(JSON.parse(line)) },
  );
  let server: ChildProcess;
  let url: string;
  let ordersBus: NatsBus;
  let loyaltyBus: NatsBus;
  let loyalty: RunningService;

  const as = (user: string, password = passwords[user]) => connect({ servers: url, user, pass: password });
  const creditsFor = (returnId: string) => loyalty.db.manager.countBy(StoredValueEntry, { ref: returnId });
  const applied = (eventId: string) => loyalty.db.manager.existsBy(ProcessedEvent, { eventId });
  const rejections = () => logged.filter((l) => l.msg.startsWith('event rejected'));

  /** Publishes a raw message the way anyone holding a NATS user could, with the signature given (or none). */
  async function publishRaw(nc: NatsConnection, subject: string, body: string, signature?: string): Promise<void> {
    const h = headers();
    if (signature) h.set(EVENT_SIGNATURE_HEADER, signature);
    await jetstream(nc).publish(subject, body, { headers: h, timeout: 2_000 });
  }

  beforeAll(async () => {
    const port = await freePort();
    url = `nats://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_NATS_PASSWORD`, passwords[s]])),
    };
    server = spawn(NATS_SERVER, ['-c', NATS_CONF, '-js', '-sd', dirs[0]!, '-a', '127.0.0.1', '-p', String(port)], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    server.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    await waitFor(async () => {
      if (server.exitCode !== null) throw new Error(`nats-server exited (${server.exitCode}):\n${output}`);
      return canConnect(port);
    }, `nats-server on ${port}`);

    // Each service connects as its own user, as the distributed mode does.
    const busOptions = { url, eventSecret, log, ackWaitMs: 2_000, retryDelayMs: 200 };
    ordersBus = new NatsBus({ ...busOptions, user: 'orders', password: passwords.orders });
    loyaltyBus = new NatsBus({ ...busOptions, user: 'loyalty', password: passwords.loyalty });
    ordersBus.start();
    loyaltyBus.start();
    await Promise.all([ordersBus.whenReady(5_000), loyaltyBus.whenReady(5_000)]);
    loyalty = await startService(loyaltyService, { dataDir: dirs[1]!, bus: loyaltyBus, peers: new Peers(), log });
  }, 30_000);

  afterAll(async () => {
    try {
      await loyalty?.relay.stop();
      await Promise.allSettled([ordersBus?.close(), loyaltyBus?.close()]);
      await loyalty?.close();
    } finally {
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('admits no client without a user, or with a wrong password', async () => {
    await expect(connect({ servers: url, reconnect: false })).rejects.toThrow(/Authorization Violation/);
    await expect(as('orders', 'not-the-password')).rejects.toThrow(/Authorization Violation/);
  });

  it("refuses a service user publishing another service's subject, even with a valid signature", async () => {
    const orders = await as('orders');
    const crm = await as('crm');
    try {
      const points = newEnvelope('loyalty.points.changed', { customerId: 'mallory', points: 1_000_000 }, null);
      const body = JSON.stringify(points);
      await expect(publishRaw(orders, 'omni.loyalty.points.changed', body, signEventBody(body, eventSecret))).rejects.toThrow(
        /Permissions Violation/,
      );
      // crm holds EVENT_SECRET as every service does, but NATS lets it publish only omni.crm.>.
      const forged = returnReceived('rma-from-crm', 'mallory');
      const forgedBody = JSON.stringify(forged);
      await expect(publishRaw(crm, SUBJECT, forgedBody, signEventBody(forgedBody, eventSecret))).rejects.toThrow(
        /Permissions Violation/,
      );
      // Its own subjects it may publish.
      await publishRaw(crm, 'omni.crm.customer.noted', '{}');

      const stream = await (
        await jetstreamManager(orders)
      ).streams
        .getMessage('OMNI', { last_by_subj: SUBJECT })
        .catch(() => null);
      expect(stream).toBeNull();
      expect(await creditsFor('rma-from-crm')).toBe(0);
    } finally {
      await Promise.all([orders.close(), crm.close()]);
    }
  });

  it('applies a signed orders.return.received and never an unsigned, badly signed or misrouted one', async () => {
    // Someone who has the orders NATS password but not EVENT_SECRET.
    const intruder = await as('orders');
    const unsigned = returnReceived('rma-unsigned', 'mallory');
    const badlySigned = returnReceived('rma-bad-signature', 'mallory');
    const misrouted = newEnvelope('orders.order.placed', { orderId: 'o-1' }, null);
    try {
      await publishRaw(intruder, SUBJECT, JSON.stringify(unsigned));
      await publishRaw(intruder, SUBJECT, JSON.stringify(badlySigned), signEventBody(JSON.stringify(badlySigned), secret()));
      // A genuine signature on another event type does not make it a return.
      const misroutedBody = JSON.stringify(misrouted);
      await publishRaw(intruder, SUBJECT, misroutedBody, signEventBody(misroutedBody, eventSecret));
    } finally {
      await intruder.close();
    }

    // The real publisher: the orders bus signs with EVENT_SECRET.
    const genuine = returnReceived('rma-genuine', 'ada');
    await ordersBus.publish(genuine);

    // One consumer per type handles messages in stream order: once the genuine one is applied,
    // the three before it have been decided.
    await waitFor(async () => (await creditsFor('rma-genuine')) === 1, 'the signed return to credit the wallet');
    expect(await creditsFor('rma-unsigned')).toBe(0);
    expect(await creditsFor('rma-bad-signature')).toBe(0);
    for (const event of [unsigned, badlySigned, misrouted]) expect(await applied(event.id)).toBe(false);
    expect(await applied(genuine.id)).toBe(true);

    expect(rejections().map((r) => [r.level, r.reason, r.subject])).toEqual([
      [50, 'unsigned', SUBJECT],
      [50, 'bad-signature', SUBJECT],
      [50, 'wrong-subject', SUBJECT],
    ]);
    expect(rejections()[2]!.event).toBe(misrouted.id);

    // Terminated, not left for redelivery.
    const loyaltyNc = await as('loyalty');
    try {
      const info = await (
        await jetstreamManager(loyaltyNc)
      ).consumers.info('OMNI', 'loyalty-return-received__orders_return_received');
      expect(info.num_ack_pending).toBe(0);
      expect(info.num_pending).toBe(0);
      expect(info.num_redelivered).toBe(0);
    } finally {
      await loyaltyNc.close();
    }
  }, 20_000);
});
