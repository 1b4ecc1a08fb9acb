/**
 * F2 (issue 15): PDF routes against the built server, with Debian's Chromium making real PDFs. A
 * bounded queue ("busy, try again" in the resident's language beyond it), a limit per client
 * address, a page cap, and the rest of the site answering while PDFs are being made. The test
 * asserts order and limits, never wall-clock thresholds.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleAnswers } from '../../src/site/examples.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const site = (lang: string) =>
  import(`../../src/i18n/locales/${lang}/site.json`, { with: { type: 'json' } }).then(
    (m: { default: { refusal: Record<string, { title: string }> } }) => m.default.refusal,
  );
const answers = JSON.stringify(exampleAnswers('alleenstaande-moeder-assen'));

interface Answer {
  status: number;
  type: string;
  ahead: string | undefined;
  retryAfter: string | undefined;
  body: string;
  /** Order in which the answers arrived, over all requests of a test. */
  order: number;
}

let finished = 0;

/** A form post from a given local address (127.0.0.x), so the server sees different clients. */
function post(server: RunningServer, path: string, fields: Record<string, string>, from = '127.0.0.1'): Promise<Answer> {
  const u = new URL(path, server.url);
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        localAddress: from,
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            type: String(res.headers['content-type'] ?? ''),
            ahead: res.headers['x-rondkomen-pdf-ahead'] as string | undefined,
            retryAfter: res.headers['retry-after'] as string | undefined,
            body: Buffer.concat(chunks).toString('utf8'),
            order: finished++,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function get(server: RunningServer, path: string): Promise<{ status: number; order: number }> {
  const r = await fetch(`${server.url}${path}`);
  await r.arrayBuffer();
  return { status: r.status, order: finished++ };
}

describe('one PDF at a time, two waiting, the rest told to try again', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ PDF_CONCURRENCY: '1', PDF_QUEUE: '2', PDF_QUEUE_SECONDS: '120', PDF_PER_CLIENT_PER_HOUR: '1000' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('six PDFs at once: three are made in turn, three get "busy" at once; the site answers meanwhile', async () => {
    finished = 0;
    const pdfs = Array.from({ length: 6 }, () => post(server, '/en/uitkomst.pdf', { _answers: answers }));
    // Asked after the PDFs: an unrelated page and the API, while PDFs are being made and queued.
    await new Promise((r) => setTimeout(r, 300));
    const others = [get(server, '/api/v1/schema'), get(server, '/en/check'), get(server, '/')];
    const all = await Promise.all(pdfs);
    const unrelated = await Promise.all(others);

    const made = all.filter((a) => a.status === 200);
    const busy = all.filter((a) => a.status === 503);
    expect(made).toHaveLength(3);
    expect(busy).toHaveLength(3);
    for (const a of made) {
      expect(a.type).toBe('application/pdf');
      expect(a.body.startsWith('%PDF-')).toBe(true);
    }
    // First come, first served: the one that found none ahead finished first, then 1, then 2.
    expect(made.sort((a, b) => a.order - b.order).map((a) => a.ahead)).toEqual(['0', '1', '2']);
    // "Busy" is said at once, before the first PDF is done; in English, with Retry-After and a retry button.
    const refusal = await site('en');
    for (const a of busy) {
      expect(a.order).toBeLessThan(made[0]!.order);
      expect(a.retryAfter).toBe('10');
      expect(a.type).toMatch(/^text\/html/);
      expect(a.body).toContain(refusal.pdfBusy!.title);
      expect(a.body).toContain('name="_answers"');
      expect(a.body).toContain('lang="en"');
    }
    // The unrelated requests were answered before the queued PDFs were done.
    for (const u of unrelated) {
      expect(u.status).toBe(200);
      expect(u.order).toBeLessThan(made[made.length - 1]!.order);
    }
  });
});

describe('per client address, and the page cap', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ PDF_PER_CLIENT_PER_HOUR: '2', PDF_MAX_PAGES: '2' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a client gets two PDFs an hour, then a page that says so; another client still gets its own', async () => {
    // Incomplete answers: the route answers with the page (no Chromium needed), and it counts.
    const first = await post(server, '/uitkomst.pdf', { _answers: '{}' }, '127.0.0.21');
    const second = await post(server, '/uitkomst.pdf', { _answers: '{}' }, '127.0.0.21');
    const third = await post(server, '/ar/uitkomst.pdf', { _answers: '{}' }, '127.0.0.21');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(third.status).toBe(429);
    expect(third.body).toContain((await site('ar')).pdfLimit!.title);
    const other = await post(server, '/uitkomst.pdf', { _answers: '{}' }, '127.0.0.22');
    expect(other.status, other.body.slice(0, 300)).toBe(200);
  });

  it('a page longer than PDF_MAX_PAGES is not printed; the resident is told in their language', async () => {
    const r = await post(server, '/tr/uitkomst.pdf', { _answers: answers }, '127.0.0.23');
    expect(r.status).toBe(422);
    expect(r.type).toMatch(/^text\/html/);
    expect(r.body).toContain((await site('tr')).pdfTooLong!.title);
  });
});
