/**
 * Staff passwords: argon2id (node:crypto) with the parameters of RFC 9106's second recommended
 * option (64 MiB, 3 passes, 4 lanes), stored as a PHC string so that the parameters can be raised
 * later: a hash with older parameters is replaced at the next successful login.
 */
import { argon2, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const ARGON2 = { memory: 65_536, passes: 3, parallelism: 4, tagLength: 32 } as const;

/** Shortest password staff may choose. Length is what makes a password strong (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

function derive(
  password: string,
  salt: Buffer,
  p: { memory: number; passes: number; parallelism: number; tagLength: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      {
        message: Buffer.from(password.normalize('NFC'), 'utf8'),
        nonce: salt,
        memory: p.memory,
        passes: p.passes,
        parallelism: p.parallelism,
        tagLength: p.tagLength,
      },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const b64 = (b: Buffer): string => b.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, ARGON2);
  return `$argon2id$v=19$m=${ARGON2.memory},t=${ARGON2.passes},p=${ARGON2.parallelism}$${b64(salt)}$${b64(key)}`;
}

interface Parsed {
  memory: number;
  passes: number;
  parallelism: number;
  salt: Buffer;
  key: Buffer;
}

function parse(hash: string): Parsed | undefined {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
  if (!m) return undefined;
  return {
    memory: Number(m[1]),
    passes: Number(m[2]),
    parallelism: Number(m[3]),
    salt: Buffer.from(m[4]!, 'base64'),
    key: Buffer.from(m[5]!, 'base64'),
  };
}

/** A hash of a password nobody knows, so that an unknown login name costs as much time as a known one. */
let dummy: Promise<string> | undefined;

export async function verifyPassword(password: string, hash: string | undefined): Promise<{ ok: boolean; rehash: boolean }> {
  const parsed = parse(hash ?? (await (dummy ??= hashPassword(randomBytes(24).toString('base64')))));
  if (!parsed || password.length > MAX_PASSWORD_LENGTH) return { ok: false, rehash: false };
  const key = await derive(password, parsed.salt, { ...parsed, tagLength: parsed.key.length });
  const ok = hash !== undefined && key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  const rehash = ok && (parsed.memory !== ARGON2.memory || parsed.passes !== ARGON2.passes || parsed.parallelism !== ARGON2.parallelism);
  return { ok, rehash };
}

/** Why a new password is refused, or undefined when it is fine. */
export function passwordProblem(
  password: string,
  context: { email: string; name: string },
): 'too-short' | 'too-long' | 'like-name' | 'common' | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too-long';
  const lower = password.toLowerCase();
  const local = context.email.split('@')[0]!.toLowerCase();
  if ((local.length >= 4 && lower.includes(local)) || (context.name.length >= 4 && lower.includes(context.name.toLowerCase())))
    return 'like-name';
  if (/^(.)\1+$/.test(password) || COMMON.some((c) => lower.replace(/[^a-z]/g, '').startsWith(c))) return 'common';
  return undefined;
}

/** Beginnings of passwords from breach lists that pass the length rule by padding. */
const COMMON = [
  'password',
  'wachtwoord',
  'welkom',
  'welcome',
  'qwerty',
  'azerty',
  'letmein',
  'rondkomen',
  'gemeente',
  'abcdef',
  'iloveyou',
];

/** A temporary password for a new account or a reset: 4 groups of 4 letters and digits, easy to read out. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(''));
  return groups.join('-');
}
