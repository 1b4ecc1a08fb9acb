/**
 * Tagged PDF of a page: Chromium (through playwright-core) prints the same HTML with the print CSS.
 * Server-only. One browser is started on first use and closed after a minute without PDFs; each
 * PDF gets its own context, with JavaScript off and no storage, which is closed afterwards.
 */
import { chromium, type Browser } from 'playwright-core';
import { isPrintable } from './printable.ts';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const IDLE_MS = 60_000;

let browser: Promise<Browser> | undefined;
let idle: ReturnType<typeof setTimeout> | undefined;
let active = 0;

function getBrowser(): Promise<Browser> {
  if (idle) clearTimeout(idle);
  browser ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS }).catch((e: unknown) => {
    browser = undefined;
    throw e;
  });
  return browser;
}

function release(): void {
  active--;
  if (active > 0) return;
  idle = setTimeout(() => {
    const b = browser;
    browser = undefined;
    void b?.then((x) => x.close()).catch(() => undefined);
  }, IDLE_MS);
  idle.unref?.();
}

export interface PdfOptions {
  /**
   * Footer text before the page numbers, for example "Rondkomen – je uitkomst". Without it the
   * document prints no header or footer of its own (letters carry their own, see
   * src/server/screening/letters.ts).
   */
  footer?: string | undefined;
  /**
   * Longest PDF, in pages, for the residents' downloads: Chromium prints one page more at most, and
   * a longer page is refused. Without it (the console's letters) every page is printed.
   */
  maxPages?: number | undefined;
}

/** The page would print to more than `maxPages` pages. */
export class PdfTooLong extends Error {}

/** Pages in a PDF that Chromium (Skia) wrote: its page objects, which it never packs into object streams. */
export function pdfPageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0
  );
}

/** Prints `html` as if it were served at `url` (so its CSS and fonts load from there). */
export async function htmlToPdf(html: string, url: string, options: PdfOptions): Promise<Uint8Array> {
  active++;
  try {
    const b = await getBrowser();
    const context = await b.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
      await page.goto(url, { waitUntil: 'networkidle', timeout: 30_000 });
      await page.emulateMedia({ media: 'print' });
      const footer = options.footer?.replace(/[<>&]/g, '');
      const pdf = await page.pdf({
        // Never more than one page past the limit, whatever the page holds.
        ...(options.maxPages === undefined ? {} : { pageRanges: `1-${options.maxPages + 1}` }),
        format: 'A4',
        tagged: true,
        outline: true,
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: footer !== undefined,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-family: 'Noto Sans', sans-serif; font-size: 8pt; width: 100%; padding: 0 16mm; display: flex; justify-content: space-between;"><span>${footer}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      });
      if (options.maxPages !== undefined && pdfPageCount(pdf) > options.maxPages) throw new PdfTooLong();
      return pdf;
    } finally {
      await context.close();
    }
  } finally {
    release();
  }
}

/** The origin this server can reach itself at (behind a proxy the public origin may not be reachable). */
export function internalOrigin(requestUrl: URL): string {
  if (process.env.RONDKOMEN_INTERNAL_ORIGIN) return process.env.RONDKOMEN_INTERNAL_ORIGIN;
  const host = process.env.HOST;
  const port = process.env.PORT;
  if (host && port) return `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  return requestUrl.origin;
}

export interface PagePdf {
  /** The request's URL, to find this server's own origin. */
  requestUrl: URL;
  /** The page to print, as a path on this site (it answers a form POST). */
  path: string;
  language: string;
  /** The form the page is posted, as the browser would post it. */
  form: URLSearchParams;
  footer: string;
  filename: string;
  maxPages: number;
}

/**
 * A page of this site as a PDF download: posts the form to the page on this server, prints the
 * HTML it answers, and sends the PDF. Made in memory; nothing is kept. A page that is not marked
 * printable (it asks for more answers) is sent as it is, since it says what is missing, with its
 * own Content-Security-Policy. Throws PdfTooLong for a page longer than `maxPages`.
 */
export async function pagePdfResponse(p: PagePdf): Promise<Response> {
  const origin = internalOrigin(p.requestUrl);
  const pageUrl = `${origin}${p.path}`;
  let page = await fetch(pageUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'accept-language': p.language },
    body: p.form,
    redirect: 'manual',
  });
  // Pages answer a post with a redirect to their address with the form sealed in it, which only the
  // key in the cookie they set opens (sealed.ts): follow it once, as a browser does, with that cookie.
  const location = page.headers.get('location');
  if (page.status === 303 && location) {
    const target = new URL(location, pageUrl);
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    page =
      target.origin === origin ? await fetch(target, { headers: { 'accept-language': p.language, ...(cookie ? { cookie } : {}) } }) : page;
  }
  const html = await page.text();
  const noStore = { 'cache-control': 'no-store' };
  if (!page.ok || !isPrintable(page.headers)) {
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', ...noStore };
    // The page's policy allows exactly its own scripts and styles (hashes): it goes with the page.
    const csp = page.headers.get('content-security-policy');
    if (csp) headers['content-security-policy'] = csp;
    return new Response(html, { status: page.ok ? 200 : page.status, headers });
  }
  const pdf = await htmlToPdf(html, pageUrl, { footer: p.footer, maxPages: p.maxPages });
  return new Response(pdf as BodyInit, {
    status: 200,
    headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${p.filename}"`, ...noStore },
  });
}
