/**
 * Reading a council's own regulation from CVDR (lokaleregelgeving.overheid.nl) as XML, and proposing
 * candidate values for review: reference period, income limit (percentage and its base), age limit and
 * amounts per household type. Every candidate carries the verbatim paragraph (`al`) it came from, its
 * article and the CVDR id and version; a candidate whose quote is not in the document is never made.
 * Nothing here writes content/: a person reviews the draft first (docs/content-format.md).
 */
import type { Rulebook } from '../engine/rulebook.ts';

export interface CvdrMeta {
  /** Work id, for example `CVDR460812`. */
  id: string;
  /** Version (expression) number: `CVDR460812_3` is version 3. */
  version: number;
  title: string;
  creator: string;
  modified: string | undefined;
  issued: string | undefined;
  inForce: string | undefined;
  until: string | undefined;
  /** The Gemeenteblad publication, when the record names it. */
  gemeenteblad: string | undefined;
}

export interface CvdrParagraph {
  /** Article heading as the text gives it ("Artikel 3 Hoogte toeslag"), or the chapter's when articles are unnamed. */
  article: string;
  /** Paragraph text, tags removed, whitespace collapsed: the quote. */
  text: string;
}

export interface CvdrDocument {
  meta: CvdrMeta;
  paragraphs: CvdrParagraph[];
}

export type CandidateField = 'reference-period' | 'income-limit' | 'minimum-age' | 'amount';

export interface Candidate {
  field: CandidateField;
  /** Months for the reference period, percent for the income limit, years for the age, euros for an amount. */
  value: number;
  /** For the income limit: what the percentage is of. For an amount: the household type. */
  of?: string;
  quote: string;
  article: string;
  cvdr: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', euro: '€' };

function plain(xml: string): string {
  return xml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-fA-F]+|[a-z]+);/g, (whole, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return ENTITIES[e] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? plain(m[1]!) : undefined;
}

/** Parses a CVDR XML document (root `<cvdr>`, schema cvdr.xsd). Throws when it is not one. */
export function parseCvdr(xml: string): CvdrDocument {
  const identifier = tag(xml, 'dcterms:identifier') ?? '';
  const idMatch = /^(?:CVDR)?(\d+)_(\d+)$/.exec(identifier);
  if (!/<cvdr[\s>]/.test(xml) || !idMatch) throw new Error(`not a CVDR document (identifier "${identifier}")`);
  const meta: CvdrMeta = {
    id: `CVDR${idMatch[1]}`,
    version: Number(idMatch[2]),
    title: tag(xml, 'dcterms:title') ?? '',
    creator: tag(xml, 'dcterms:creator') ?? '',
    modified: tag(xml, 'dcterms:modified'),
    issued: tag(xml, 'dcterms:issued'),
    inForce: tag(xml, 'overheidrg:inwerkingtredingDatum') || undefined,
    until: tag(xml, 'overheidrg:uitwerkingtredingDatum') || undefined,
    gemeenteblad: tag(xml, 'dcterms:isFormatOf'),
  };
  const body = /<body>([\s\S]*)<\/body>/.exec(xml)?.[1] ?? '';
  const paragraphs: CvdrParagraph[] = [];
  // Walk the body in order: a heading (<kop>) names what follows until the next heading with a number or title.
  let article = '';
  for (const m of body.matchAll(/<kop>([\s\S]*?)<\/kop>|<al(?:\s[^>]*)?>([\s\S]*?)<\/al>/g)) {
    if (m[1] !== undefined) {
      const heading = plain(m[1]);
      if (heading) article = heading;
      continue;
    }
    const text = plain(m[2]!);
    if (text) paragraphs.push({ article, text });
  }
  return { meta, paragraphs };
}

const NUMBER_WORDS: Record<string, number> = { een: 1, één: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10 };

function count(word: string): number | undefined {
  const n = Number(word);
  return Number.isInteger(n) && n > 0 ? n : NUMBER_WORDS[word.toLowerCase()];
}

/** Reference period: "referteperiode: periode van drie kalenderjaren …", "gedurende 60 maanden", "vijf jaar". */
export function referencePeriods(text: string): number[] {
  if (!/referteperiode|langdurig|aaneengesloten|onafgebroken|peildatum/i.test(text)) return [];
  const out: number[] = [];
  for (const m of text.matchAll(/\b(\d{1,3}|één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+(kalenderjaren|kalenderjaar|jaren|jaar|maanden)\b/gi)) {
    const n = count(m[1]!);
    if (n === undefined) continue;
    const months = /maand/i.test(m[2]!) ? n : n * 12;
    if (months >= 12 && months <= 120) out.push(months);
  }
  return out;
}

/** Income limit: "120% van de bijstandsnorm", "130 procent van het wettelijk minimumloon", "… bruto IOAW jaarnorm". */
export function incomeLimits(text: string): { percent: number; of: string }[] {
  if (!/inkomen/i.test(text)) return [];
  const out: { percent: number; of: string }[] = [];
  for (const m of text.matchAll(/\b(\d{2,3})(?:,\d+)?\s*(?:%|procent)\s+van\s+(?:de|het)\s+([^,.;:]{3,80})/gi)) {
    const percent = Number(m[1]);
    if (percent < 90 || percent > 200) continue;
    const phrase = m[2]!;
    const of = /ioaw/i.test(phrase)
      ? 'ioaw-norm'
      : /minimumloon|wml/i.test(phrase)
        ? 'minimumloon'
        : /norm|sociaal minimum|bijstand/i.test(phrase)
          ? 'bijstandsnorm'
          : phrase.trim();
    out.push({ percent, of });
  }
  return out;
}

/** Minimum age: "21 jaar of ouder", "de leeftijd van 23 jaar heeft bereikt". */
export function minimumAges(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\b(\d{2})\s+jaar\s+of\s+ouder\b|\bleeftijd van\s+(\d{2})\s+jaar\s+(?:heeft\s+)?bereikt/gi)) {
    const age = Number(m[1] ?? m[2]);
    if (age >= 16 && age <= 30) out.push(age);
  }
  return out;
}

/** The one household type a paragraph speaks of, or undefined when it names none or several. */
function householdType(text: string): string | undefined {
  const rest = text.replace(/alleenstaande ouders?/gi, ' ');
  const types = [
    /alleenstaande ouders?/i.test(text) ? 'single-parent' : undefined,
    /\balleenstaanden?\b/i.test(rest) ? 'single' : undefined,
    /gehuwden|echtpa(?:ar|ren)|partners/i.test(rest) ? 'couple' : undefined,
  ].filter((t) => t !== undefined);
  return types.length === 1 ? types[0] : undefined;
}

/** Amounts for one household type: "€ 350 voor een alleenstaande" (a paragraph naming one household type). */
export function amounts(text: string): { euros: number; of: string }[] {
  const of = householdType(text);
  if (of === undefined) return [];
  const out: { euros: number; of: string }[] = [];
  for (const m of text.matchAll(/€\s?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{2}|-))?/g)) {
    const whole = Number(m[1]!.replace(/\./g, ''));
    const cents = m[2] && m[2] !== '-' ? Number(m[2]) : 0;
    out.push({ euros: whole + cents / 100, of });
  }
  return out;
}

/** Candidate values of a document, each with its verbatim paragraph; only paragraphs of the document itself. */
export function extract(doc: CvdrDocument): Candidate[] {
  const cvdr = `${doc.meta.id}/${doc.meta.version}`;
  const out: Candidate[] = [];
  for (const p of doc.paragraphs) {
    const base = { quote: p.text, article: p.article, cvdr };
    for (const value of referencePeriods(p.text)) out.push({ field: 'reference-period', value, ...base });
    for (const l of incomeLimits(p.text)) out.push({ field: 'income-limit', value: l.percent, of: l.of, ...base });
    for (const value of minimumAges(p.text)) out.push({ field: 'minimum-age', value, ...base });
    for (const a of amounts(p.text)) out.push({ field: 'amount', value: a.euros, of: a.of, ...base });
  }
  return out.filter((c) => quoted(doc, c));
}

/** Whether a candidate's quote is, word for word, a paragraph of the document. */
export function quoted(doc: CvdrDocument, c: Candidate): boolean {
  return doc.paragraphs.some((p) => p.text === c.quote || p.text.includes(c.quote));
}

export interface Difference {
  scheme: string;
  field: CandidateField | 'regulation';
  content: string | undefined;
  cvdr: string | undefined;
  status: 'agrees' | 'differs' | 'content-only' | 'cvdr-only';
}

/**
 * What the importer's candidates say against what content/ holds for a municipality's individuele
 * inkomenstoeslag on `date`: per field, agreeing, differing, or found on one side only.
 */
export function compareWithContent(rulebook: Rulebook, code: string, date: string, candidates: readonly Candidate[]): Difference[] {
  const scheme = 'individuele-inkomenstoeslag';
  const m = rulebook.municipalities[code];
  const s = m?.schemes.find((x) => x.id === scheme);
  const valueOn = (id: string | undefined): number | undefined => {
    const v = id ? rulebook.parameters[id]?.values.find((x) => x.from <= date && date <= x.to)?.value : undefined;
    return typeof v === 'number' ? v : undefined;
  };
  const content: Partial<Record<CandidateField, string[]>> = {};
  if (s) {
    if (s.conditions.referencePeriodMonths !== undefined) content['reference-period'] = [String(s.conditions.referencePeriodMonths)];
    const pct = valueOn(s.conditions.income?.percent);
    if (pct !== undefined) content['income-limit'] = [`${pct / 10_000} ${s.conditions.income!.reference}`];
    if (s.conditions.applicantAge?.min !== undefined) content['minimum-age'] = [String(s.conditions.applicantAge.min)];
    if (s.amount.type === 'per-household-type') {
      const a = s.amount;
      // Amounts by children's age count as amounts of their household type (the importer knows no ages).
      const rows = [
        ...(['single', 'single-parent', 'couple'] as const).map((k) => ({ id: a[k], of: k })),
        ...(a.byChildAge ?? []).map((r) => ({ id: r.amount, of: r.household })),
      ];
      content.amount = rows.flatMap(({ id, of }) => {
        const cents = valueOn(id);
        return cents === undefined ? [] : [`${cents / 100} ${of}`];
      });
    }
  }
  const found: Partial<Record<CandidateField, string[]>> = {};
  for (const c of candidates) {
    const base = c.of === 'bijstandsnorm' ? 'bijstandsnorm' : c.of === 'minimumloon' ? 'wml-bruto' : c.of;
    (found[c.field] ??= []).push(c.field === 'income-limit' || c.field === 'amount' ? `${c.value} ${base}` : String(c.value));
  }
  const out: Difference[] = [];
  for (const field of ['reference-period', 'income-limit', 'minimum-age', 'amount'] as const) {
    const a = [...new Set(content[field] ?? [])].sort();
    const b = [...new Set(found[field] ?? [])].sort();
    if (a.length === 0 && b.length === 0) continue;
    const status = a.length === 0 ? 'cvdr-only' : b.length === 0 ? 'content-only' : a.join() === b.join() ? 'agrees' : 'differs';
    out.push({ scheme, field, content: a.join('; ') || undefined, cvdr: b.join('; ') || undefined, status });
  }
  return out;
}
