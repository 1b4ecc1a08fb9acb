/**
 * A second factor for staff: time-based one-time passwords (TOTP, RFC 6238 over HOTP, RFC 4226) with
 * HMAC-SHA-1, 6 digits and 30-second steps, which every authenticator app reads. Built on node:crypto
 * alone.
 *
 * The shared secret is kept encrypted (AES-256-GCM, with a key derived from the server secret), so a
 * copy of the staff table alone does not give it. A code is accepted in the step before, the current
 * step and the step after (clocks drift), and never twice: the last step used is stored.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP = { digits: 6, stepSeconds: 30, window: 1 } as const;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of clean) {
    const i = BASE32.indexOf(c);
    if (i < 0) throw new Error('not base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226 §5.3): the dynamic truncation of HMAC-SHA-1 over the 8-byte counter. */
export function hotp(secret: Uint8Array, counter: number, digits: number = TOTP.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function stepAt(time: Date): number {
  return Math.floor(time.getTime() / 1000 / TOTP.stepSeconds);
}

/** TOTP (RFC 6238): HOTP over the number of 30-second steps since the Unix epoch. */
export function totp(secret: Uint8Array, time: Date, digits: number = TOTP.digits): string {
  return hotp(secret, stepAt(time), digits);
}

/**
 * The step a code belongs to, when it is right for `time` (one step either side) and later than
 * `lastStep`, the step of the last code accepted; otherwise undefined.
 */
export function verifyTotp(secret: Uint8Array, code: string, time: Date, lastStep: number | null): number | undefined {
  const given = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return undefined;
  const now = stepAt(time);
  for (let step = now - TOTP.window; step <= now + TOTP.window; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(given))) return step;
  }
  return undefined;
}

export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** The link authenticator apps read (also as a QR code): issuer and account name, the secret in base32. */
export function otpauthUri(secret: Uint8Array, account: string, issuer = 'Rondkomen'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP.digits}&period=${TOTP.stepSeconds}`;
}

/** A key per purpose ('totp', and in sso.ts the client secret and the login flow), derived from the server secret. */
function key(serverSecret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, Buffer.alloc(0), `rondkomen staff ${purpose} secret`, 32));
}

/** Encrypts a TOTP secret (or, with another purpose, any other secret) for the database: iv.tag.ciphertext, base64url. */
export function sealSecret(serverSecret: Buffer, secret: Uint8Array, purpose = 'totp'): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(serverSecret, purpose), iv);
  const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

export function openSecret(serverSecret: Buffer, sealed: string, purpose = 'totp'): Buffer | undefined {
  const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !data) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(serverSecret, purpose), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return undefined;
  }
}
