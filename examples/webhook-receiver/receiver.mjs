#!/usr/bin/env node
// A partner's webhook receiver, to try the deliveries on your own machine:
//   WEBHOOK_SECRET=whsec_... node examples/webhook-receiver/receiver.mjs [port]
// Listens on 127.0.0.1 (default port 8787; 0 picks a free one). For each delivery it checks
// X-Omni-Hmac-SHA256: the base64 HMAC-SHA256, under the subscription's signing secret, of
// "<X-Omni-Timestamp>.<raw body>", compared in constant time, with a timestamp at most 5 minutes
// off. A delivery that verifies is printed (its CloudEvent) and answered 204, once per delivery id
// (a retry of one already received is answered 204 and not printed again); any other request 401.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** How old (or early) a timestamp may be, in seconds: an older delivery is a replay. */
export const TOLERANCE_SECONDS = 300;

/** True when `signature` (the X-Omni-Hmac-SHA256 header) signs `timestamp` and the raw body. */
export function verify(signingSecret, timestamp, rawBody, signature, now = Date.now()) {
  if (!/^\d+$/.test(String(timestamp ?? ''))) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', signingSecret).update(`${timestamp}.`).update(rawBody).digest();
  const given = Buffer.from(String(signature ?? ''), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The receiver: an HTTP server that verifies each delivery and hands its CloudEvent to `onEvent`. */
export function createReceiver(signingSecret, onEvent, log = (line) => process.stdout.write(`${line}\n`)) {
  const seen = new Set();
  return createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const id = req.headers['x-omni-delivery-id'];
      if (!verify(signingSecret, req.headers['x-omni-timestamp'], raw, req.headers['x-omni-hmac-sha256'])) {
        log(`${req.headers['x-omni-topic'] ?? '-'} ${id ?? '-'} BAD SIGNATURE (answered 401)`);
        res.statusCode = 401;
        res.end();
        return;
      }
      if (seen.has(id)) {
        log(`${req.headers['x-omni-topic']} ${id} verified, already received`);
      } else {
        seen.add(id);
        log(`${req.headers['x-omni-topic']} ${id} verified`);
        onEvent(JSON.parse(raw.toString('utf8')));
      }
      res.statusCode = 204;
      res.end();
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) {
    process.stderr.write('set WEBHOOK_SECRET to the signingSecret createWebhookSubscription returned\n');
    process.exit(2);
  }
  const port = Number(process.argv[2] ?? 8787);
  const server = createReceiver(secret, (event) => process.stdout.write(`${JSON.stringify(event, null, 2)}\n`));
  server.listen(port, '127.0.0.1', () => process.stdout.write(`receiving on http://127.0.0.1:${server.address().port}/\n`));
}
