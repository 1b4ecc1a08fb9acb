/**
 * The rendered results page against its own figures (issue 13), for generated households through the
 * built server: every shown total is the sum of its shown rows (what you keep, the disposable-income
 * test), the what-if's "now" row is what you keep, and the change page's "8 more hours" on today's
 * date gives the what-if's +8 hours to the cent. The PDF carries the page's figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { generateAnswers } from '../support/answers.ts';
import type { Answers } from '../../src/site/answers.ts';

const TODAY = '2026-12-06';
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ RONDKOMEN_TODAY: TODAY });
});
afterAll(async () => server?.stop());

/**
 * A form post as a browser makes it: pages answer with a redirect to their address with the answers
 * sealed in it (Post/Redirect/Get, decision 0008), which opens only with the browser's key cookie.
 */
async function post(path: string, fields: Record<string, string>): Promise<Response> {
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  const location = r.headers.get('location');
  if (r.status !== 303 || !location) return r;
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return fetch(new URL(location, server.url), { headers: cookie ? { cookie } : {} });
}

/** The numbers in the `data-amount` attributes of a piece of HTML, in cents, in order. */
const amounts = (html: string): number[] => [...html.matchAll(/data-amount="(-?[\d.]+)"/g)].map((m) => Math.round(Number(m[1]) * 100));
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const between = (html: string, start: string, end: string): string => {
  const i = html.indexOf(start);
  if (i < 0) return '';
  const j = html.indexOf(end, i + start.length);
  return html.slice(i, j < 0 ? undefined : j);
};

function checkKeepTable(html: string): number {
  const table = between(html, 'data-keep-table', '</table>');
  expect(table).not.toBe('');
  let total = 0;
  for (const group of ['income', 'schemes', 'costs']) {
    const body = between(table, `data-group="${group}"`, '</tbody>');
    const rows = [...body.matchAll(/<tr[^>]*data-row="[^"]+"[\s\S]*?<\/tr>/g)].map((m) => amounts(m[0])[0] ?? 0);
    const subtotal = amounts(between(body, `data-subtotal="${group}"`, '</td>'))[0]!;
    expect(sum(rows), `${group} rows add up to their subtotal`).toBe(subtotal);
    total += subtotal;
  }
  const shown = amounts(between(table, 'data-total', '</td>'))[0]!;
  expect(shown).toBe(total);
  return shown;
}

function checkDiTables(html: string): void {
  for (const marker of ['data-di-income', 'data-di-costs']) {
    const table = between(html, marker, '</table>');
    const body = between(table, '<tbody', '</tbody>');
    const total = amounts(between(table, 'data-total', '</td>'))[0] ?? 0;
    expect(sum(amounts(body)), `${marker} rows add up to the total`).toBe(total);
  }
}

describe('the results page adds up', () => {
  const households = generateAnswers(13, 60);

  it('for 60 generated households: every total is the sum of its rows, and the what-if starts at what you keep', async () => {
    let pages = 0;
    for (const answers of households) {
      const r = await post('/uitkomst', { _answers: JSON.stringify(answers) });
      expect(r.status).toBe(200);
      const html = await r.text();
      if (!html.includes('data-keep-table')) continue;
      const keep = checkKeepTable(html);
      checkDiTables(html);
      const now = html.match(/data-extra-hours="0"[\s\S]*?data-keeps="(-?[\d.]+)"/);
      if (now) expect(Math.round(Number(now[1]) * 100)).toBe(keep);
      pages++;
    }
    expect(pages).toBeGreaterThan(50);
  });

  it('gives the change page, for 8 more hours from today, the what-if’s +8 hours to the cent', async () => {
    let compared = 0;
    for (const answers of households.slice(0, 20)) {
      const page = await (await post('/uitkomst', { _answers: JSON.stringify(answers) })).text();
      const eight = page.match(/data-extra-hours="8"[\s\S]*?data-difference="(-?[\d.]+)"/);
      if (!eight) continue;
      const change = await post('/verandering', {
        _answers: JSON.stringify(answers),
        _step: 'compare',
        _event: 'work-more-hours',
        'ev.extraHours': '8',
        'ev.date': TODAY,
      });
      const html = await change.text();
      const delta = html.match(/class="box change-left" data-delta="(-?[\d.]+)"/);
      expect(delta, 'the change page compares').not.toBeNull();
      expect(Math.round(Number(delta![1]) * 100)).toBe(Math.round(Number(eight[1]) * 100));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('puts the page’s figures in the PDF', async () => {
    const answers: Answers = households.find((a) => a['inc.a']?.includes('bijstand'))!;
    const page = await (await post('/uitkomst', { _answers: JSON.stringify(answers) })).text();
    const pdf = await post('/uitkomst.pdf', { _answers: JSON.stringify(answers) });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'rondkomen-pdf-')), 'uitkomst.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const shown = [...between(page, 'data-keep-table', '</table>').matchAll(/data-amount="[^"]*"[^>]*>\s*(?:<strong>)?([^<]+)/g)].map((m) =>
      m[1]!.trim().replace(/\s+/g, ' '),
    );
    expect(shown.length).toBeGreaterThan(4);
    for (const amount of shown) expect(text, amount).toContain(amount.replace(/^− /, ''));
  });
});
