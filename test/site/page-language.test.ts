/**
 * Her own language (issue 14): every page of the public site, rendered by the built server in each of
 * the six languages, shows no sentence of another language's catalogue and no parameter title in a
 * language that is not the page's. Dutch marked up as Dutch (`lang="nl"`: legal citations, the Dutch
 * beside the resident's language in volunteer mode) is allowed on every page; nothing else is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement, type Node } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRulebook } from '../../src/content/load.ts';
import { EXAMPLE_IDS } from '../../src/site/examples.ts';
import { formatList } from '../../src/site/lists.ts';
import { SITE_LANGUAGES } from '../../src/site/locale.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const root = new URL('../../', import.meta.url).pathname;
const FILES = ['site', 'change', 'volunteer', 'consent', 'engine'];
type Lang = (typeof SITE_LANGUAGES)[number];

function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const v of node) strings(v, out);
  else if (node && typeof node === 'object') for (const v of Object.values(node)) strings(v, out);
  return out;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The phrases of a catalogue: its strings cut at the placeholders, long enough to be a sentence of their own language. */
function phrases(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts)
    for (const part of text.split(/\{\{[^}]*\}\}|<[^>]*>|\$t\([^)]*\)/)) {
      const p = norm(part);
      if (p.length >= 16 && p.split(' ').length >= 3) out.add(p);
    }
  return out;
}

const rulebook = loadRulebook();
const titles = Object.values(rulebook.parameters).map((p) => p.title);
const catalogue = new Map<Lang, string[]>(
  SITE_LANGUAGES.map((lang) => {
    const texts = FILES.flatMap((f) => strings(JSON.parse(readFileSync(join(root, `src/i18n/locales/${lang}/${f}.json`), 'utf8'))));
    // Parameter titles are written in Dutch and English only; on other pages both are foreign.
    if (lang === 'nl') texts.push(...titles.map((t) => t.nl));
    if (lang === 'en') texts.push(...titles.map((t) => t.en));
    return [lang, texts];
  }),
);

/** Phrases of every other language that the page's own language does not share word for word. */
function foreign(lang: Lang): Map<string, Lang> {
  const own = catalogue.get(lang)!.map(norm).join('\n');
  const out = new Map<string, Lang>();
  for (const other of SITE_LANGUAGES) {
    if (other === lang) continue;
    for (const p of phrases(catalogue.get(other)!)) if (!own.includes(p) && !out.has(p)) out.set(p, other);
  }
  return out;
}

/** The text a reader sees: no scripts, styles or hidden parts; Dutch marked as Dutch left out on other pages. */
function visibleText(html: string, lang: Lang): string {
  const doc = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: true } });
  const parts: string[] = [];
  const walk = (node: Node, inDutch: boolean): void => {
    if (node.nodeType === 3) {
      if (!inDutch) parts.push((node as unknown as { text: string }).text);
      return;
    }
    const el = node as HTMLElement;
    if (el.tagName && ['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName)) return;
    if (el.getAttribute?.('hidden') !== undefined || el.getAttribute?.('aria-hidden') === 'true') return;
    const marked = el.getAttribute?.('lang');
    const dutch = marked === undefined ? inDutch : lang !== 'nl' && marked.startsWith('nl');
    for (const child of el.childNodes) walk(child, dutch);
  };
  walk(doc, false);
  return norm(parts.join(' '));
}

const PAGES = [
  '/',
  '/check',
  ...EXAMPLE_IDS.map((id) => `/uitkomst?voorbeeld=${id}`),
  `/verandering?voorbeeld=${EXAMPLE_IDS[0]}`,
  '/regelingen',
  '/regelingen/zorgtoeslag',
  '/regelingen/huurtoeslag',
  '/gemeenten',
  '/gemeenten/assen',
  '/hoe-werkt-het',
  '/privacy',
  '/toegankelijkheid',
  '/hulp',
  '/toestemming',
  '/afmelden',
];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ RONDKOMEN_TODAY: '2026-12-06' });
}, 120_000);
afterAll(async () => server?.stop());

describe.each(SITE_LANGUAGES)('pages in %s', (lang) => {
  it('show no text of another language', { timeout: 240_000 }, async () => {
    const others = foreign(lang);
    expect(others.size).toBeGreaterThan(100);
    const found: string[] = [];
    for (const path of PAGES) {
      const url = `${server.url}${lang === 'nl' ? '' : `/${lang}`}${path}`;
      const res = await fetch(url);
      expect(res.status, url).toBeLessThan(500);
      const text = visibleText(await res.text(), lang);
      expect(text.length, url).toBeGreaterThan(100);
      for (const [p, from] of others) if (text.includes(p)) found.push(`${path} (${from}): ${p}`);
    }
    expect(found).toEqual([]);
  });
});

describe('the test itself', () => {
  it('finds an English parameter title on an Arabic page, and leaves Dutch marked as Dutch alone', () => {
    const en = titles.find((t) => t.en.split(' ').length >= 4)!.en;
    const html = `<html lang="ar"><body><p>نص عربي</p><ul><li lang="en">${en}</li></ul><p lang="nl">Participatiewet, artikel 31 tweede lid</p></body></html>`;
    const text = visibleText(html, 'ar');
    expect([...foreign('ar').keys()].some((p) => text.includes(p))).toBe(true);
    expect(text).not.toContain('Participatiewet');
  });
});

describe('lists in the reader’s language', () => {
  it('join with the Arabic comma and the language’s own "and" and "or"', () => {
    expect(formatList(['8', '14'], 'ar', 'comma')).toBe('8، 14');
    expect(formatList(['8', '14'], 'nl', 'comma')).toBe('8, 14');
    expect(formatList(['huurtoeslag', 'zorgtoeslag', 'bijstand'], 'nl')).toBe('huurtoeslag, zorgtoeslag en bijstand');
    expect(formatList(['a', 'b'], 'tr', 'or')).toBe('a veya b');
    expect(formatList(['a', 'b'], 'uk')).toBe('a і b');
  });
});
