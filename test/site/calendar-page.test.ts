/**
 * "Wanneer krijg je wat?" and deadlines first on the built results page, in all six languages (issue 14), on
 * 6 December 2026: the notice to the health insurer (31 December, 25 days away) stands at the top of the
 * results, before the overview; the calendar runs from December 2026 to November 2027 with the kinderbijslag for
 * the fourth quarter of 2026 in January (EUR 788.64: 426.29 for the child of 14 and 362.35 for the child of 8,
 * SVB per 1 July 2026); every text is the page's own language (no catalogue key shows). The same page on
 * 2 March 2026 (outside the six weeks) has nothing first: test/e2e/calendar.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';

const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;
type Lang = (typeof LANGUAGES)[number];

const calendarTexts = (lang: Lang): Record<string, unknown> =>
  (
    JSON.parse(readFileSync(new URL(`../../src/i18n/locales/${lang}/site.json`, import.meta.url), 'utf8')) as {
      results: { calendar: Record<string, unknown> };
    }
  ).results.calendar;

const decode = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ RONDKOMEN_TODAY: '2026-12-06' });
}, 120_000);
afterAll(async () => server?.stop());

describe.each(LANGUAGES)('the results page in %s on 6 December 2026', (lang) => {
  it(
    'puts the health insurance deadline first and shows the twelve months of payments in its own language',
    { timeout: 120_000 },
    async () => {
      const res = await fetch(`${server.url}${lang === 'nl' ? '' : `/${lang}`}/uitkomst?voorbeeld=alleenstaande-moeder-assen`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const texts = calendarTexts(lang);

      const first = html.indexOf('data-deadline-first');
      expect(first).toBeGreaterThan(-1);
      expect(first).toBeLessThan(html.indexOf('id="overview-title"'));
      expect(html.slice(first, html.indexOf('</section>', first))).toContain(
        'data-deadline="zorgverzekering-opzeggen" data-date="2026-12-31"',
      );
      expect(decode(html)).toContain(texts.firstTitle as string);

      const calendar = html.slice(html.indexOf('data-calendar'), html.indexOf('</section>', html.indexOf('data-calendar')));
      expect([...calendar.matchAll(/data-month="(\d{4}-\d{2})"/g)].map((m) => m[1])).toEqual([
        '2026-12',
        '2027-01',
        '2027-02',
        '2027-03',
        '2027-04',
        '2027-05',
        '2027-06',
        '2027-07',
        '2027-08',
        '2027-09',
        '2027-10',
        '2027-11',
      ]);
      const january = calendar.slice(calendar.indexOf('data-month="2027-01"'), calendar.indexOf('data-month="2027-02"'));
      expect(january).toMatch(/data-payment="kinderbijslag" data-kind="scheme" data-period="2026-Q4">[\s\S]*?data-amount="788.64"/);
      const text = decode(calendar);
      expect(text).toContain(texts.title as string);
      expect(text).toContain((texts.when as Record<string, string>).toeslagen);
      expect(text).toContain(texts.newYear as string);
      expect(text).not.toMatch(/results\.calendar\./);
    },
  );
});
