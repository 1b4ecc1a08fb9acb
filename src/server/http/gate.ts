/**
 * What every request passes before the site sees it (src/server/main.ts puts it in front of the
 * adapter's request listener). The adapter serves prerendered pages and files without running the
 * site's middleware, takes bodies up to 1 GiB, answers TRACE with a 500 and believes nobody's
 * X-Forwarded-For; so here, for every answer, static or not:
 *
 * - Methods: GET, HEAD and POST go on; OPTIONS gets the list; anything else (TRACE, PUT, …) a 405.
 * - Bodies: one limit, counted on the bytes actually read (chunked or not), before any page runs;
 *   over it, a 413 in the resident's language. The body read here is handed on, never read twice.
 * - Proxies: X-Forwarded-For and X-Forwarded-Proto count only from the addresses in
 *   RONDKOMEN_TRUSTED_PROXY; from anyone else they are removed. The client is the last address in
 *   X-Forwarded-For that is not itself a trusted proxy, so a client cannot pick its own.
 * - Headers: the security headers of src/middleware.ts on every response, a Content-Security-Policy
 *   with `frame-ancestors` on every page (prerendered pages carry theirs in a <meta> only), and HSTS
 *   when the client came over HTTPS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { join, relative, sep } from 'node:path';
import { contractError } from '../../contract/errors.ts';
import { API_VERSION } from '../../contract/openapi.ts';
import { refusalHeaders, refusalHtml, requestLanguage } from './refusal.ts';
import { FORWARDED_PROTO_HEADER, HSTS, PROXIED_HEADER, SECURITY_HEADERS, withFrameAncestors } from './headers.ts';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The largest form a resident's page posts is a few tens of kilobytes (answers are capped at 32,000 characters). */
export const MAX_BODY_BYTES = 256 * 1024;

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'] as const;
const ALLOW = [...ALLOWED_METHODS, 'OPTIONS'].join(', ');

const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-real-ip'];

export interface GateOptions {
  /** The body limit of a path, in bytes. */
  bodyLimit: (path: string) => number;
  /** Reverse proxies whose forwarded headers count; none by default. */
  trustedProxies: TrustedProxies | undefined;
  /** dist/client: the Content-Security-Policy of each prerendered page is read from its <meta>. */
  clientDir?: string | undefined;
}

export class ConfigError extends Error {}

export interface TrustedProxies {
  has: (address: string) => boolean;
  description: string;
}

/** A plain address for comparisons: IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as IPv4. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * RONDKOMEN_TRUSTED_PROXY: addresses or networks (CIDR) of the reverse proxies in front of the
 * server, separated by commas, for example `127.0.0.1` or `10.0.0.0/8, ::1`. Anything else is a
 * configuration error: the server does not start with a setting it cannot read.
 */
export function parseTrustedProxies(setting: string | undefined): TrustedProxies | undefined {
  const entries = (setting ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= max && prefix !== ''))) {
      throw new ConfigError(
        `RONDKOMEN_TRUSTED_PROXY: "${entry}" is not an IP address or network (for example 127.0.0.1, 10.0.0.0/8 or ::1)`,
      );
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return {
    has: (address) => {
      const a = plainAddress(address);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 6 ? 'ipv6' : 'ipv4');
    },
    description: entries.join(', '),
  };
}

/** An address from X-Forwarded-For without a port (`1.2.3.4:5678`, `[::1]:80`), or undefined when it is none. */
function forwardedAddress(value: string): string | undefined {
  let v = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  return isIP(v) ? plainAddress(v) : undefined;
}

/**
 * The client behind trusted proxies: X-Forwarded-For read from the right, past the proxies we
 * trust; the first address that is not one of them is the client (anything to its left was written
 * by the client itself). Undefined when the header holds nothing usable.
 */
export function forwardedClient(header: string | string[] | undefined, trusted: TrustedProxies): string | undefined {
  const values = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').filter((v) => v.trim() !== '');
  let client: string | undefined;
  for (let i = values.length - 1; i >= 0; i--) {
    const address = forwardedAddress(values[i]!);
    if (address === undefined) break;
    client = address;
    if (!trusted.has(address)) break;
  }
  return client;
}

/** Prerendered pages' policies by URL path, from the <meta http-equiv="content-security-policy"> of each file. */
export function prerenderedPolicies(clientDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.html')) {
        const head = readFileSync(path, 'utf8').slice(0, 16_384);
        const csp = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(head)?.[1];
        if (!csp) continue;
        const file = `/${relative(clientDir, path).split(sep).join('/')}`;
        const page = file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
        out.set(
          page,
          csp
            .replace(/&#39;/g, "'")
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, '&'),
        );
      }
    }
  };
  walk(clientDir);
  return out;
}

/** The path of a request without its query, decoded, with a trailing slash (as the policy map keys it). */
function pagePath(url: string | undefined): string {
  let path = (url ?? '/').split('?')[0]!.split('#')[0]!;
  try {
    path = decodeURI(path);
  } catch {
    // left as it came
  }
  return path.endsWith('/') || path.endsWith('.html') ? path : `${path}/`;
}

/** Has this header, in the headers given to writeHead or set before. */
function headerIn(res: ServerResponse, given: OutgoingHttpHeaders | undefined, name: string): string | undefined {
  if (given) {
    for (const [k, v] of Object.entries(given)) if (k.toLowerCase() === name && v !== undefined) return String(v);
  }
  const v = res.getHeader(name);
  return v === undefined ? undefined : String(v);
}

function setIn(res: ServerResponse, given: OutgoingHttpHeaders | undefined, name: string, value: string): void {
  if (given) {
    for (const k of Object.keys(given)) if (k.toLowerCase() === name) Reflect.deleteProperty(given, k);
  }
  res.setHeader(name, value);
}

/**
 * Every answer gets the security headers, whoever writes it (the adapter's file server, a page, an
 * endpoint): writeHead is wrapped for this one response.
 */
function secureResponse(req: IncomingMessage, res: ServerResponse, https: boolean, policies: Map<string, string>): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const given = args.find((a): a is OutgoingHttpHeaders => typeof a === 'object' && a !== null && !Array.isArray(a));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (headerIn(this, given, name.toLowerCase()) === undefined) this.setHeader(name, value);
    }
    if (https && headerIn(this, given, 'strict-transport-security') === undefined) this.setHeader('Strict-Transport-Security', HSTS);
    const type = headerIn(this, given, 'content-type') ?? '';
    const csp = headerIn(this, given, 'content-security-policy');
    if (csp !== undefined) setIn(this, given, 'content-security-policy', withFrameAncestors(csp));
    else if (/^text\/html/i.test(type)) {
      // A prerendered page: the policy of its own <meta>, else the one all pages share (the home page's).
      const page = policies.get(pagePath(req.url)) ?? policies.get('/');
      this.setHeader('Content-Security-Policy', withFrameAncestors(page ?? "default-src 'self'"));
    } else this.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, kind: 'bodyTooLarge' | 'method', params = {}): void {
  const path = pagePath(req.url);
  const language = requestLanguage(path, req.headers['accept-language']);
  if (status === 405) res.setHeader('Allow', ALLOW);
  if (path.startsWith('/api/')) {
    // The error JSON of the contract; a body too large says so in the caller's language.
    const body =
      kind === 'method'
        ? { error: { code: 'method-not-allowed', issues: [] } }
        : contractError('body-too-large', [{ path: [], code: 'body-too-large', params: {} }], language);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'api-version': API_VERSION });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
    return;
  }
  res.writeHead(status, refusalHeaders(language));
  res.end(req.method === 'HEAD' ? undefined : refusalHtml({ language, kind, params }));
}

/**
 * Answers 413 at once. What the client still sends is read and dropped, never kept: closing the
 * connection now would reset it, and the client could lose the answer with it. The server's
 * requestTimeout (src/server/main.ts) ends a body that never stops.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, limit: number): void {
  refuse(req, res, 413, 'bodyTooLarge', { kb: Math.floor(limit / 1024) });
  req.resume();
}

export function gate(listener: Listener, options: GateOptions): Listener {
  const policies = options.clientDir ? prerenderedPolicies(options.clientDir) : new Map<string, string>();
  return (req, res) => {
    // Headers only this gate may set.
    for (const name of Object.keys(req.headers)) if (name.startsWith('x-rondkomen-')) Reflect.deleteProperty(req.headers, name);
    const peer = req.socket.remoteAddress ?? '';
    let https = 'encrypted' in req.socket && Boolean(req.socket.encrypted);
    if (options.trustedProxies?.has(peer)) {
      const client = forwardedClient(req.headers['x-forwarded-for'], options.trustedProxies) ?? plainAddress(peer);
      const proto = String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]!
        .trim()
        .toLowerCase();
      https ||= proto === 'https';
      for (const name of FORWARDED_HEADERS) Reflect.deleteProperty(req.headers, name);
      // Astro takes the client address from the first X-Forwarded-For value (astro.config.mjs trusts it, because this gate decides it).
      req.headers['x-forwarded-for'] = client;
    } else if (FORWARDED_HEADERS.some((name) => name in req.headers)) {
      for (const name of FORWARDED_HEADERS) Reflect.deleteProperty(req.headers, name);
      req.headers[PROXIED_HEADER] = '1';
    }
    if (https) req.headers[FORWARDED_PROTO_HEADER] = 'https';
    secureResponse(req, res, https, policies);

    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.writeHead(204, { Allow: ALLOW, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (!(ALLOWED_METHODS as readonly string[]).includes(method)) {
      refuse(req, res, 405, 'method');
      return;
    }
    if (method !== 'POST') {
      listener(req, res);
      return;
    }
    const limit = options.bodyLimit(pagePath(req.url));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      refuseBody(req, res, limit);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        refuseBody(req, res, limit);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const body = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        body.set(c, at);
        at += c.length;
      }
      // The adapter builds the Request from `req.body` when it is set (astro/app/node, makeRequestBody).
      (req as IncomingMessage & { body?: Uint8Array }).body = body;
      listener(req, res);
    });
    req.on('error', () => req.destroy());
  };
}
