/**
 * `npm run readability`: scores every Dutch text residents read for readability and fails when texts
 * fall below the thresholds. Texts: the site catalogues (site.json and consent.json, nl), the engine's reasons and errors
 * (engine.json, nl), the mails to residents (mail.json, nl), the national scheme texts
 * (content/schemes), the municipal scheme texts (content/municipalities, with conditions and
 * deadlines) and the life events (content/events). Staff-facing texts (console.json) are not included.
 *
 * Measures, per text:
 * - Flesch-Douma: 206.835 − 0.93 × (words per sentence) − 77 × (syllables per word), the Dutch
 *   adaptation of Flesch Reading Ease (Douma 1960). Syllables come from the Dutch hyphenation
 *   patterns of `hyphen/nl` (Liang), with a vowel-group count for short words the patterns leave whole.
 * - The longest sentence, in words.
 *
 * Thresholds, and why:
 * - Douma's own scale: 60–70 "normaal", 70–80 "vrij gemakkelijk", 80+ "gemakkelijk". B1 texts for a
 *   general audience land at 60 and above; so every group of texts (one catalogue, one scheme, one
 *   municipality) must average at least GROUP_MIN = 60, measured over all its words together.
 * - A single text is noisier than a group, and our texts must use some long words people need to
 *   recognise (zorgtoeslag, kindgebonden budget, bijstandsnorm: 4–5 syllables each). So a text of
 *   MIN_WORDS or more fails only below TEXT_MIN = 35 ("moeilijk" on Douma's scale; typical officialese
 *   scores 10–30). Texts below TEXT_WARN = 60 are listed as falling short, without failing.
 * - Texts under MIN_WORDS words (labels, buttons, headings, items of a document list) are not
 *   scored alone: one long word decides their score. They still count in their group.
 * - Names of schemes and organisations (Individuele inkomenstoeslag, Dienst Toeslagen) count as one
 *   word of two syllables: people must recognise these names and we cannot replace them with
 *   shorter words, but after the first mention they read them as one unit.
 * - Sentences: B1 guidance is 10–15 words on average. A sentence over SENTENCE_MAX = 25 words fails;
 *   one over SENTENCE_WARN = 15 is listed.
 *
 * Placeholders ({{amount}}) and numbers count as one word of two syllables (how a short number or
 * amount reads aloud). Text in parentheses is part of the sentence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { hyphenateSync } = require('hyphen/nl') as {
  hyphenateSync: (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;
};

export const THRESHOLDS = {
  GROUP_MIN: 60,
  TEXT_MIN: 35,
  TEXT_WARN: 60,
  MIN_WORDS: 12,
  SENTENCE_MAX: 25,
  SENTENCE_WARN: 15,
} as const;

const root = new URL('../../', import.meta.url).pathname;

export interface Text {
  /** Group the text belongs to, for example `site.json` or `content/schemes/zorgtoeslag.yaml`. */
  group: string;
  /** Where in the group, for example `check.fields.rent.hint`. */
  key: string;
  text: string;
}

export interface Score {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch-Douma; undefined for an empty text. */
  douma: number | undefined;
  longestSentence: number;
}

const HYPHEN = '\u00ad';

/** Syllables of one word: the hyphenation parts, or the vowel groups when the patterns leave it whole. */
export function syllables(word: string): number {
  const w = word.toLowerCase();
  if (/^\{\{\w+\}\}$/.test(w) || /^[€\d]/.test(w)) return 2;
  const letters = w.replace(/[^a-zà-ÿ]/g, '');
  if (letters === '') return 0;
  const parts = hyphenateSync(letters, { hyphenChar: HYPHEN, minWordLength: 4 }).split(HYPHEN).length;
  const vowelGroups = letters.match(/(ij|ie|ei|oe|ou|au|ui|eu|aa|ee|oo|uu|[aeiouyàáâäèéêëìíîïòóôöùúûü])+/g)?.length ?? 1;
  return parts > 1 ? parts : Math.max(1, vowelGroups);
}

/** Sentences: ended by . ! ? : or a line break (list items), not by the dot inside "1.250" or "art.". */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\b(art|bijv|o\.a|b\.v|nr|ca|enz|incl|excl)\./gi, '$1')
    .split(/(?<=[.!?:])\s+(?=[^a-z])|\n+/u)
    .map((s) => s.replace(/^\s*(\d+\.|[-*•])\s*/, '').trim())
    .filter((s) => /[\p{L}\d]/u.test(s));
}

/** Names read as one unit: filled from content by `collectTexts`, and a few organisations. */
const NAMES = new Set<string>(['Dienst Toeslagen', 'Sociale Verzekeringsbank', 'Mijn toeslagen', 'Mijn UWV', 'Mijn SVB', 'Mijn DUO']);

export function addNames(names: Iterable<string>): void {
  for (const n of names) if (n.trim().includes(' ') || n.length > 8) NAMES.add(n.trim());
}

function replaceNames(sentence: string): string {
  let out = sentence;
  for (const name of [...NAMES].sort((a, b) => b.length - a.length)) {
    const re = new RegExp(`(^|[^\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?=$|[^\\p{L}])`, 'giu');
    out = out.replace(re, '$1{{name}}');
  }
  return out;
}

export function wordsOf(sentence: string): string[] {
  return replaceNames(sentence)
    .replace(/\{\{\s*(\w+)\s*\}\}/g, '{{$1}}')
    .split(/[\s/–—]+/)
    .map((w) => w.replace(/^[("'‘“]+|[)"'’”.,;:!?]+$/g, ''))
    .filter((w) => /[\p{L}\d{]/u.test(w));
}

export function score(text: string): Score {
  const sentences = splitSentences(text);
  let words = 0;
  let syl = 0;
  let longest = 0;
  for (const s of sentences) {
    const ws = wordsOf(s);
    words += ws.length;
    longest = Math.max(longest, ws.length);
    for (const w of ws) syl += syllables(w);
  }
  const douma = words === 0 ? undefined : 206.835 - 0.93 * (words / Math.max(1, sentences.length)) - 77 * (syl / words);
  return { words, sentences: sentences.length, syllables: syl, douma, longestSentence: longest };
}

function combine(scores: Score[]): Score {
  const words = scores.reduce((s, x) => s + x.words, 0);
  const sentences = scores.reduce((s, x) => s + x.sentences, 0);
  const syl = scores.reduce((s, x) => s + x.syllables, 0);
  const douma = words === 0 ? undefined : 206.835 - 0.93 * (words / Math.max(1, sentences)) - 77 * (syl / words);
  return { words, sentences, syllables: syl, douma, longestSentence: Math.max(0, ...scores.map((x) => x.longestSentence)) };
}

function flatten(node: unknown, prefix: string, group: string, out: Text[]): void {
  if (typeof node === 'string') out.push({ group, key: prefix, text: node });
  else if (Array.isArray(node)) node.forEach((v, i) => flatten(v, `${prefix}.${i}`, group, out));
  else if (typeof node === 'object' && node !== null)
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, group, out);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(root, path), 'utf8'));
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => `${dir}/${f}`);
  } catch {
    return [];
  }
}

/** Every Dutch text people read, grouped by file (and by scheme within municipal files). */
export function collectTexts(): Text[] {
  const out: Text[] = [];
  flatten(readJson('src/i18n/locales/nl/site.json'), '', 'src/i18n/locales/nl/site.json', out);
  flatten(readJson('src/i18n/locales/nl/change.json'), '', 'src/i18n/locales/nl/change.json', out);
  flatten(readJson('src/i18n/locales/nl/volunteer.json'), '', 'src/i18n/locales/nl/volunteer.json', out);
  flatten(readJson('src/i18n/locales/nl/consent.json'), '', 'src/i18n/locales/nl/consent.json', out);
  const engine = readJson('src/i18n/locales/nl/engine.json') as Record<string, unknown>;
  flatten({ reasons: engine.reasons, errors: engine.errors }, '', 'src/i18n/locales/nl/engine.json', out);
  try {
    flatten(readJson('src/i18n/locales/nl/mail.json'), '', 'src/i18n/locales/nl/mail.json', out);
  } catch {
    // No mail texts in this checkout.
  }
  for (const file of yamlFiles('content/schemes')) {
    const doc = parse(readFileSync(join(root, file), 'utf8')) as {
      texts?: { nl?: { name?: string } };
      apply?: { deadline?: { nl?: unknown } };
    };
    if (doc.texts?.nl?.name) addNames([doc.texts.nl.name]);
    flatten({ texts: doc.texts?.nl, deadline: doc.apply?.deadline?.nl }, '', file, out);
  }
  for (const file of yamlFiles('content/municipalities')) {
    const doc = parse(readFileSync(join(root, file), 'utf8')) as {
      schemes?: {
        id: string;
        texts?: { nl?: unknown };
        apply?: { deadline?: { nl?: unknown } };
        conditions?: { judgement?: { nl?: string }[] };
      }[];
    };
    for (const s of doc.schemes ?? []) {
      const name = (s.texts?.nl as { name?: string } | undefined)?.name;
      if (name) addNames([name]);
      flatten(
        { texts: s.texts?.nl, deadline: s.apply?.deadline?.nl, judgement: (s.conditions?.judgement ?? []).map((j) => j.nl) },
        '',
        `${file}#${s.id}`,
        out,
      );
    }
  }
  for (const file of yamlFiles('content/events')) {
    const doc = parse(readFileSync(join(root, file), 'utf8')) as { texts?: { nl?: unknown } };
    flatten(doc.texts?.nl, '', file, out);
  }
  return out.filter((t) => t.text.trim() !== '');
}

export interface Finding {
  text: Text;
  score: Score;
  level: 'fail' | 'warn';
  why: string;
}

export interface Report {
  ok: boolean;
  texts: number;
  groups: { group: string; score: Score; ok: boolean }[];
  findings: Finding[];
  overall: Score;
}

export function evaluate(texts: Text[], t = THRESHOLDS): Report {
  const findings: Finding[] = [];
  const byGroup = new Map<string, Score[]>();
  const all: Score[] = [];
  for (const text of texts) {
    const sc = score(text.text);
    all.push(sc);
    byGroup.set(text.group, [...(byGroup.get(text.group) ?? []), sc]);
    if (sc.longestSentence > t.SENTENCE_MAX)
      findings.push({ text, score: sc, level: 'fail', why: `a sentence of ${sc.longestSentence} words (max ${t.SENTENCE_MAX})` });
    else if (sc.longestSentence > t.SENTENCE_WARN)
      findings.push({
        text,
        score: sc,
        level: 'warn',
        why: `a sentence of ${sc.longestSentence} words (aim for ${t.SENTENCE_WARN} or fewer)`,
      });
    if (sc.words >= t.MIN_WORDS && sc.douma !== undefined) {
      if (sc.douma < t.TEXT_MIN)
        findings.push({ text, score: sc, level: 'fail', why: `Flesch-Douma ${sc.douma.toFixed(1)} (min ${t.TEXT_MIN})` });
      else if (sc.douma < t.TEXT_WARN)
        findings.push({ text, score: sc, level: 'warn', why: `Flesch-Douma ${sc.douma.toFixed(1)} (aim for ${t.TEXT_WARN} or more)` });
    }
  }
  const groups = [...byGroup.entries()].map(([group, scores]) => {
    const sc = combine(scores);
    return { group, score: sc, ok: sc.douma === undefined || sc.douma >= t.GROUP_MIN };
  });
  const ok = findings.every((f) => f.level !== 'fail') && groups.every((g) => g.ok);
  return { ok, texts: texts.length, groups, findings, overall: combine(all) };
}

export function formatReport(r: Report): string {
  const lines: string[] = [];
  const d = (s: Score) => (s.douma === undefined ? '  –  ' : s.douma.toFixed(1).padStart(5));
  lines.push(`Readability of ${r.texts} Dutch texts (Flesch-Douma; higher is easier; B1 is about 60 or more)`);
  lines.push('');
  lines.push('Groups (all words of a file or scheme together):');
  for (const g of [...r.groups].sort((a, b) => (a.score.douma ?? 999) - (b.score.douma ?? 999))) {
    const avg = g.score.sentences > 0 ? (g.score.words / g.score.sentences).toFixed(1) : '0';
    lines.push(`  ${g.ok ? '  ' : '✗ '}${d(g.score)}  ${avg.padStart(4)} words/sentence  ${g.group}`);
  }
  lines.push('');
  const fails = r.findings.filter((f) => f.level === 'fail');
  const warns = r.findings.filter((f) => f.level === 'warn');
  if (warns.length > 0) {
    lines.push(`Texts that fall short (${warns.length}, listed, not failing):`);
    for (const f of warns)
      lines.push(`  ${f.text.group} ${f.text.key}: ${f.why}\n      "${f.text.text.replace(/\s+/g, ' ').slice(0, 160)}"`);
    lines.push('');
  }
  if (fails.length > 0) {
    lines.push(`Texts below the threshold (${fails.length}, failing):`);
    for (const f of fails)
      lines.push(`  ✗ ${f.text.group} ${f.text.key}: ${f.why}\n      "${f.text.text.replace(/\s+/g, ' ').slice(0, 160)}"`);
    lines.push('');
  }
  lines.push(
    `Overall: Flesch-Douma ${d(r.overall).trim()}, ${(r.overall.words / Math.max(1, r.overall.sentences)).toFixed(1)} words per sentence.`,
  );
  lines.push(r.ok ? 'OK: every group and every text meets the thresholds.' : 'FAILED: see the texts and groups marked ✗.');
  return lines.join('\n');
}

export function runReadability(): Report {
  return evaluate(collectTexts());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = runReadability();
  process.stdout.write(`${formatReport(report)}\n`);
  process.exitCode = report.ok ? 0 : 1;
}
