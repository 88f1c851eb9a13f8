#!/usr/bin/env node
// A partner's webhook receiver, to try the deliveries on your own machine:
//   WEBHOOK_SECRET=whsec_... node scripts/webhook-receiver.mjs [port]   (listens on 127.0.0.1, default 8787)
// It checks each delivery's X-Omni-Hmac-SHA256 (base64 HMAC-SHA256 of "<X-Omni-Timestamp>.<raw body>"
// under the subscription's signing secret), refuses timestamps older than 5 minutes, prints the
// CloudEvent and answers 204 (401 when the signature does not verify).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  process.stderr.write('set WEBHOOK_SECRET to the signingSecret createWebhookSubscription returned\n');
  process.exit(2);
}
const port = Number(process.argv[2] ?? 8787);

export function verify(signingSecret, timestamp, rawBody, signature) {
  const expected = createHmac('sha256', signingSecret).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(String(signature ?? ''), 'base64');
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const ok = verify(secret, req.headers['x-omni-timestamp'], body, req.headers['x-omni-hmac-sha256']);
    process.stdout.write(
      `${req.headers['x-omni-topic']} ${req.headers['x-omni-delivery-id']} ${ok ? 'verified' : 'BAD SIGNATURE'}\n`,
    );
    if (ok) process.stdout.write(`${JSON.stringify(JSON.parse(body), null, 2)}\n`);
    res.statusCode = ok ? 204 : 401;
    res.end();
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`receiving on http://127.0.0.1:${port}/\n`));
