import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DEV_EVENT_SECRET } from './envelope';

/**
 * A secret one service hands another through an event (a new gift card's code on its way to be
 * e-mailed): AES-256-GCM under a key derived from EVENT_SECRET, which the services share and the
 * gateway does not. The outbox, the broker and the dead-letter table see only the sealed form.
 */
function key(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'omni-sealed', 'omni-sealed-v1', 32));
}

function secretOf(secret?: string): string {
  return secret ?? process.env.EVENT_SECRET ?? DEV_EVENT_SECRET;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function sealForServices(plain: string, secret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secretOf(secret)), iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

/** The plain text of `sealForServices`; throws when it was sealed under another secret or altered. */
export function openSealed(sealed: string, secret?: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key(secretOf(secret)), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
