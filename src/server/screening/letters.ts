/**
 * Letters for screened households without an e-mail address: one A4 letter per household, in Dutch
 * at B1 level, naming the schemes the household likely qualifies for (with an estimate), which of
 * them the municipality could grant without an application, how to respond, and why the municipality
 * looked at their data. The address block fits a window envelope with the window on the left
 * (NEN 1026). One PDF holds a batch of letters; the PDF is tagged.
 *
 * Each letter is one A4 page and stands on its own: its footer names the sender and the letter's own
 * reference, never the batch (no "14 / 216"), so it can go into an envelope by itself. A letter whose
 * text would run onto a second page is set tighter (`lettersPdf` checks the page count of the PDF).
 *
 * Strings: console.json `letter.*` (nl only: letters go out in Dutch, the language of the records).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { todayInNetherlands } from '../../contract/today.ts';
import type { Rulebook } from '../../engine/rulebook.ts';
import { formatDate, formatMoney } from '../../i18n/index.ts';
import { schemeNames } from '../consent/links.ts';
import type { ScreeningContact, ScreeningResult } from '../db/schema.ts';
import type { Services } from '../services.ts';
import { consoleT } from '../staff/i18n.ts';
import { consoleSettings } from '../staff/settings.ts';
import type { ScreeningImport, ScreeningRow } from './imports.ts';
import { qualifies } from './imports.ts';

/** Letters per PDF: a batch prints in well under a minute and stays a manageable file. */
export const LETTERS_PER_PDF = 200;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

let fontCss: string | undefined;

/** Noto Sans from our own package, inlined, so the PDF looks the same on every server. */
function fonts(): string {
  if (fontCss) return fontCss;
  const require = createRequire(import.meta.url);
  const face = (weight: number): string => {
    const file = require.resolve(`@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff2`);
    return `@font-face{font-family:'Noto Sans';font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${readFileSync(file).toString('base64')}) format('woff2')}`;
  };
  fontCss = face(400) + face(700);
  return fontCss;
}

const STYLE = `
@page { size: A4; margin: 0; }
html { font-family: 'Noto Sans', sans-serif; font-size: 10pt; line-height: 1.35; color: #000; }
body { margin: 0; }
.letter { box-sizing: border-box; inline-size: 210mm; min-block-size: 296mm; padding: 15mm 20mm 18mm 25mm; break-after: page; position: relative; }
.letter:last-child { break-after: auto; }
.sender { position: absolute; inset-block-start: 15mm; inset-inline-end: 20mm; text-align: end; font-size: 9pt; }
.sender strong { font-size: 11.5pt; }
.recipient { position: absolute; inset-block-start: 50mm; inset-inline-start: 25mm; inline-size: 85mm; font-size: 10.5pt; }
.meta { margin-block-start: 80mm; font-size: 9.5pt; }
.meta p { margin: 0; }
h1 { font-size: 14pt; margin: 5mm 0 3mm; }
h2 { font-size: 11pt; margin: 4mm 0 1.5mm; }
p { margin: 0 0 2mm; }
ul { margin: 0 0 2.5mm; padding-inline-start: 5mm; }
li { margin-block-end: 0.8mm; break-inside: avoid; }
.amount { white-space: nowrap; }
.ex-officio { font-size: 9pt; }
.small { font-size: 8.5pt; color: #222; }
.letter-footer { position: absolute; inset-block-end: 8mm; inset-inline: 25mm 20mm; display: flex; justify-content: space-between; font-size: 8pt; }
.letter.long ul.schemes { columns: 2; column-gap: 8mm; }
`;
/** Tighter type and spacing for a letter that would not fit on one page otherwise. */
const TIGHT = `
.letter.tight { font-size: 9pt; line-height: 1.25; padding-block-end: 14mm; }
.letter.tight .meta { margin-block-start: 76mm; }
.letter.tight h1 { font-size: 12.5pt; margin: 3mm 0 2mm; }
.letter.tight h2 { font-size: 10pt; margin: 2.5mm 0 1mm; }
.letter.tight p { margin: 0 0 1.4mm; }
.letter.tight ul { margin-block-end: 1.6mm; }
.letter.tight ul.schemes { columns: 2; column-gap: 6mm; }
.letter.tight li { margin-block-end: 0.4mm; }
.letter.tight .ex-officio, .letter.tight .small { font-size: 8pt; }
`;
export interface LetterContext {
  rulebook: Rulebook;
  /** Dutch names of schemes, the municipality's own names first. */
  names: (ids: readonly string[]) => string[];
  municipality: string;
  publicUrl: string;
  legalBasis: ScreeningImport['legalBasis'];
  referenceDate: string;
  date: string;
  retentionDays: number;
}

export function letterContext(s: Services, imp: ScreeningImport): LetterContext {
  return {
    rulebook: s.rulebook,
    names: (ids) => schemeNames(s, imp.municipality, ids, 'nl'),
    municipality: imp.municipality,
    publicUrl: s.config.publicUrl,
    legalBasis: imp.legalBasis,
    referenceDate: imp.referenceDate ?? imp.createdAt.toISOString().slice(0, 10),
    date: todayInNetherlands(s.now()),
    retentionDays: consoleSettings().screeningRetentionDays,
  };
}

/** One letter as HTML (an <article>). */
export function letterHtml(
  ctx: LetterContext,
  row: { externalId: string | null; contact: ScreeningContact | null; result: ScreeningResult | null },
  tight = false,
): string {
  const t = consoleT('nl');
  const place = ctx.rulebook.places[ctx.municipality];
  const municipalityName = place?.name ?? ctx.municipality;
  const m = ctx.rulebook.municipalities[ctx.municipality];
  const service = m?.incomeService;
  const contact = row.contact ?? {};
  const likely = (row.result?.schemes ?? []).filter((x) => qualifies(x.status));
  const names = ctx.names(likely.map((x) => x.id));
  const items = likely.map((x, i) => {
    const amount =
      x.monthly > 0
        ? t('letter.perMonth', { amount: formatMoney(Math.round(x.monthly * 100), 'nl') })
        : x.yearly > 0
          ? t('letter.perYear', { amount: formatMoney(Math.round(x.yearly * 100), 'nl') })
          : '';
    return `<li><strong>${escape(names[i]!)}</strong>${x.exOfficio ? '<span class="mark"> *</span>' : ''}${amount ? ` <span class="amount">(${escape(amount)})</span>` : ''}</li>`;
  });
  const exOfficio = likely.some((x) => x.exOfficio);
  const ways = [
    service?.phone ? t('letter.wayPhone', { phone: service.phone }) : '',
    service?.email ? t('letter.wayEmail', { email: service.email }) : '',
    t('letter.wayWebsite', { url: service?.url ?? m?.website ?? ctx.publicUrl }),
  ].filter(Boolean);
  const greeting = contact.name ? t('letter.greetingName', { name: contact.name }) : t('letter.greeting');
  const classes = ['letter', items.length > 4 ? 'long' : '', tight ? 'tight' : ''].filter(Boolean).join(' ');
  return `<article class="${classes}" aria-label="${escape(t('letter.title'))}">
<div class="sender"><strong>${escape(t('letter.sender', { municipality: municipalityName }))}</strong><br>${service ? escape(service.name) + '<br>' : ''}${service?.phone ? escape(service.phone) + '<br>' : ''}${escape((service?.url ?? m?.website ?? '').replace(/^https?:\/\//, ''))}</div>
<div class="recipient">${[contact.name, contact.address, [contact.postcode, contact.city].filter(Boolean).join('  ')]
    .filter(Boolean)
    .map((l) => escape(l!))
    .join('<br>')}</div>
<div class="meta"><p>${escape(t('letter.date', { date: formatDate(ctx.date, 'nl') }))}</p>${row.externalId ? `<p>${escape(t('letter.reference', { reference: row.externalId }))}</p>` : ''}</div>
<h1>${escape(t('letter.title'))}</h1>
<p>${escape(greeting)}</p>
<p>${escape(t('letter.intro', { municipality: municipalityName }))}</p>
<ul class="schemes">${items.join('')}</ul>
${exOfficio ? `<p class="ex-officio">* ${escape(t('letter.exOfficio'))}</p>` : ''}
<p class="small">${escape(t('letter.estimate', { date: formatDate(ctx.referenceDate, 'nl') }))}</p>
<h2>${escape(t('letter.whatToDo'))}</h2>
<p>${escape(t('letter.contactUs'))}</p>
<ul>${ways.map((w) => `<li>${escape(w)}</li>`).join('')}</ul>
${row.externalId ? `<p>${escape(t('letter.mentionReference', { reference: row.externalId }))}</p>` : ''}
<p>${escape(t('letter.checkYourself', { url: `${ctx.publicUrl}/check` }))}</p>
<p>${escape(t('letter.noHelp'))}</p>
<h2>${escape(t('letter.why'))}</h2>
<p>${escape(t(`letter.basis.${ctx.legalBasis}`))}</p>
<p>${escape(t('letter.privacy', { days: ctx.retentionDays }))}</p>
<p>${escape(t('letter.closing'))}<br>${escape(t('letter.sender', { municipality: municipalityName }))}</p>
<footer class="letter-footer"><span>${escape(t('letter.footer', { municipality: municipalityName }))}</span>${row.externalId ? `<span>${escape(t('letter.reference', { reference: row.externalId }))}</span>` : ''}</footer>
</article>`;
}

export function lettersDocument(
  ctx: LetterContext,
  rows: Pick<ScreeningRow, 'externalId' | 'contact' | 'result'>[],
  options: { tight?: boolean } = {},
): string {
  const t = consoleT('nl');
  const name = ctx.rulebook.places[ctx.municipality]?.name ?? ctx.municipality;
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escape(t('letter.documentTitle', { municipality: name }))}</title>
<style>${fonts()}${STYLE}${TIGHT}</style></head>
<body>${rows.map((r) => letterHtml(ctx, r, options.tight)).join('\n')}</body></html>`;
}

/** The number of pages of a PDF: the largest /Count of its page tree (the root's). */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  let most = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)) {
    most = Math.max(most, Number(m[1] ?? m[2]));
  }
  return most;
}

/**
 * The letters as one PDF with one page per letter: printed as designed, and printed again set tighter
 * when the PDF has more pages than letters (a letter ran on). Nothing is cut: a letter that would
 * still not fit runs on with its footer on its last page; a test prints every municipality's longest
 * possible letter to keep that from happening. `print` makes the PDF (src/site/pdf.ts).
 */
export async function lettersPdf(
  ctx: LetterContext,
  rows: Pick<ScreeningRow, 'externalId' | 'contact' | 'result'>[],
  print: (html: string) => Promise<Uint8Array>,
): Promise<{ pdf: Uint8Array; tight: boolean }> {
  const pdf = await print(lettersDocument(ctx, rows));
  if (pdfPageCount(pdf) <= rows.length) return { pdf, tight: false };
  return { pdf: await print(lettersDocument(ctx, rows, { tight: true })), tight: true };
}

/** Rows that get a letter: likely qualify, no e-mail address, and not already in the worklist. */
export function needsLetter(row: Pick<ScreeningRow, 'contact' | 'result' | 'inWorklist'>): boolean {
  return !row.contact?.email && !row.inWorklist && (row.result?.schemes ?? []).some((x) => qualifies(x.status));
}
