/**
 * The development outbox page (/dev/outbox): who may see it, the stored mails, and a small reader
 * for the messages nodemailer rendered into the `outbox` table (RFC 5322 with MIME parts).
 *
 * The page exists only while mail goes to the outbox (no SMTP configured). Even then it answers
 * only requests made on this machine (127.0.0.1 or ::1) that did not pass through a proxy, and never
 * with NODE_ENV=production, so a misconfigured server does not show residents' mails to the world.
 * `DEV_OUTBOX=off` closes it always; `DEV_OUTBOX=any` opens it to every address (for example in a
 * container reached from its host), still only without SMTP.
 */
import { desc, eq } from 'drizzle-orm';
import { outbox } from '../db/schema.ts';
import { PROXIED_HEADER } from '../http/headers.ts';
import type { Services } from '../services.ts';
import { isUuid } from '../staff/accounts.ts';

/**
 * Headers a proxy adds: a request that carries one did not come from this machine's own browser.
 * (The request gate removes forwarding headers that no trusted proxy sent, and says so in its own.)
 */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'via', PROXIED_HEADER];
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function outboxAvailable(
  s: Pick<Services, 'config' | 'mailer'>,
  request: Request,
  clientAddress: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (s.mailer.kind !== 'outbox' || s.config.smtp) return false;
  const setting = (env.DEV_OUTBOX ?? '').trim().toLowerCase();
  if (setting === 'off') return false;
  if (setting === 'any') return true;
  if (s.config.production) return false;
  if (PROXY_HEADERS.some((h) => request.headers.has(h))) return false;
  return clientAddress !== undefined && LOOPBACK.has(clientAddress);
}

export interface OutboxEntry {
  id: string;
  recipient: string;
  subject: string;
  createdAt: Date;
}

export async function listOutbox(s: Services, limit = 200): Promise<OutboxEntry[]> {
  return s.database.db
    .select({ id: outbox.id, recipient: outbox.recipient, subject: outbox.subject, createdAt: outbox.createdAt })
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

export async function getOutboxMail(s: Services, id: string): Promise<(OutboxEntry & { raw: string }) | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await s.database.db
    .select({ id: outbox.id, recipient: outbox.recipient, subject: outbox.subject, createdAt: outbox.createdAt, raw: outbox.raw })
    .from(outbox)
    .where(eq(outbox.id, id));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Reading a rendered message

export interface ParsedMail {
  /** Top-level headers, unfolded and decoded, in their order. */
  headers: { name: string; value: string }[];
  text: string | undefined;
  html: string | undefined;
}

function splitHeaders(raw: string): { headers: { name: string; value: string }[]; body: string } {
  const normal = raw.replace(/\r\n/g, '\n');
  const end = normal.indexOf('\n\n');
  const head = end < 0 ? normal : normal.slice(0, end);
  const body = end < 0 ? '' : normal.slice(end + 2);
  const headers: { name: string; value: string }[] = [];
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1]!.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
  }
  return { headers, body };
}

function header(headers: { name: string; value: string }[], name: string): string {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? '';
}

function parameter(value: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value);
  return m?.[1];
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i]!;
    const hex = joined.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function walk(part: string, out: ParsedMail, depth: number): void {
  const { headers, body } = splitHeaders(part);
  const type = header(headers, 'content-type') || 'text/plain';
  const boundary = parameter(type, 'boundary');
  if (/^multipart\//i.test(type) && boundary && depth < 5) {
    const pieces = body.split(`--${boundary}`);
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      // The line break before a boundary belongs to the boundary (RFC 2046), not to the part.
      walk(piece.replace(/^\n/, '').replace(/\n$/, ''), out, depth + 1);
    }
    return;
  }
  const decoded = decodeBody(body, header(headers, 'content-transfer-encoding'));
  if (/^text\/plain/i.test(type) && out.text === undefined) out.text = decoded.replace(/\n$/, '');
  else if (/^text\/html/i.test(type) && out.html === undefined) out.html = decoded;
}

export function parseMail(raw: string): ParsedMail {
  const top = splitHeaders(raw);
  const out: ParsedMail = {
    headers: top.headers.map((h) => ({ name: h.name, value: decodeHeader(h.value) })),
    text: undefined,
    html: undefined,
  };
  walk(raw.replace(/\r\n/g, '\n'), out, 0);
  return out;
}

/** Text with its web links marked, to show the links clickable without rendering the mail's HTML. */
export function linkParts(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"')]+/g)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    const url = m[0].replace(/[.,;:!?]+$/, '');
    parts.push({ text: url, href: url });
    last = m.index + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
