/**
 * Campaign mails: staff write a subject and a body per language with a few placeholders; the mail
 * gets a plain-text and an HTML part, and always ends with the standard footer and the withdrawal
 * link in the resident's language (from mail.json), which staff cannot leave out.
 *
 * Placeholders: {{gemeente}} the municipality, {{regelingen}} the schemes (a list), {{link}} the
 * check in the resident's language, {{contact}} how to reach the municipality's income service.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../../engine/rulebook.ts';
import { checkUrl, schemeNames } from '../consent/links.ts';
import type { CampaignTemplates } from '../db/schema.ts';
import { mailCatalogues } from '../mail/templates.ts';
import type { Services } from '../services.ts';

export const PLACEHOLDERS = ['gemeente', 'regelingen', 'link', 'contact'] as const;
export const MAX_SUBJECT = 150;
export const MAX_BODY = 5000;

export type TemplateProblem =
  'subject-missing' | 'subject-too-long' | 'body-missing' | 'body-too-long' | 'unknown-placeholder' | 'no-way-to-respond';

/** Problems with one language's text; `no-way-to-respond` when it names neither the check nor the contact. */
export function templateProblems(t: {
  subject: string;
  body: string;
}): { field: 'subject' | 'body'; problem: TemplateProblem; detail?: string }[] {
  const out: { field: 'subject' | 'body'; problem: TemplateProblem; detail?: string }[] = [];
  if (!t.subject.trim()) out.push({ field: 'subject', problem: 'subject-missing' });
  if (t.subject.length > MAX_SUBJECT) out.push({ field: 'subject', problem: 'subject-too-long' });
  if (!t.body.trim()) out.push({ field: 'body', problem: 'body-missing' });
  if (t.body.length > MAX_BODY) out.push({ field: 'body', problem: 'body-too-long' });
  for (const [field, text] of [
    ['subject', t.subject],
    ['body', t.body],
  ] as const) {
    for (const m of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) out.push({ field, problem: 'unknown-placeholder', detail: m[0] });
    }
  }
  if (t.body.trim() && !/\{\{\s*(link|contact)\s*\}\}/.test(t.body) && !/https?:\/\//.test(t.body))
    out.push({ field: 'body', problem: 'no-way-to-respond' });
  return out;
}

/** The version a message records: which text it was sent with. */
export function campaignTemplateVersion(templates: CampaignTemplates, language: string): string {
  const t = templates[language] ?? templates.nl;
  return `campaign@${createHash('sha256')
    .update(JSON.stringify([t?.subject ?? '', t?.body ?? '']))
    .digest('hex')
    .slice(0, 10)}`;
}

/** The language whose text a resident gets: their own, or Dutch when there is none. */
export function templateLanguage(templates: CampaignTemplates, language: string): string {
  return templates[language]?.subject ? language : 'nl';
}

export interface CampaignValues {
  municipalityCode: string;
  language: Language;
  schemeIds: readonly string[];
  withdrawUrl: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  language: string;
  templateVersion: string;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escapes text for HTML and turns web addresses into links. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])/)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escape(part)}">${escape(part)}</a>` : escape(part)))
    .join('');
}

function contactLines(s: Services, code: string): string[] {
  const m = s.rulebook.municipalities[code];
  if (!m) return [s.rulebook.places[code]?.name ? `Gemeente ${s.rulebook.places[code]!.name}` : code];
  const c = m.incomeService;
  return [c.name, c.phone ? `${c.phone}` : '', c.email ?? '', c.url].filter(Boolean);
}

export function renderCampaignMail(s: Services, templates: CampaignTemplates, v: CampaignValues): RenderedMail {
  const language = templateLanguage(templates, v.language);
  const template = templates[language]!;
  const municipality = s.rulebook.places[v.municipalityCode]?.name ?? v.municipalityCode;
  const schemes = schemeNames(s, v.municipalityCode, v.schemeIds, language as Language);
  const link = checkUrl(s, language);
  const contact = contactLines(s, v.municipalityCode);
  const inline = (text: string): string =>
    text
      .replace(/\{\{\s*gemeente\s*\}\}/g, municipality)
      .replace(/\{\{\s*link\s*\}\}/g, link)
      .replace(/\{\{\s*regelingen\s*\}\}/g, schemes.join(', '))
      .replace(/\{\{\s*contact\s*\}\}/g, contact.join(', '));
  const subject = inline(template.subject).replace(/\s+/g, ' ').trim();

  // Lines that hold only a list placeholder become lists; everything else is inline.
  const expanded = template.body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((line) => {
      if (/^\s*\{\{\s*regelingen\s*\}\}\s*$/.test(line)) return schemes.map((n) => `- ${n}`);
      if (/^\s*\{\{\s*contact\s*\}\}\s*$/.test(line)) return contact;
      return [inline(line)];
    });
  const catalogue = (mailCatalogues[language as Language] ?? mailCatalogues.nl!) as Record<string, string>;
  const footer = catalogue['footer']!;
  const withdraw = catalogue['withdraw']!.replace('{{url}}', v.withdrawUrl);
  const text = [...expanded, '', '--', footer, withdraw, ''].join('\n');

  const blocks = expanded
    .join('\n')
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').filter((l) => l.trim() !== ''));
  // Blank lines separate blocks; in a block, lines that start with "- " form a list, the others a paragraph.
  const htmlBlocks = blocks.map((lines) => {
    const parts: string[] = [];
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = (): void => {
      if (paragraph.length) parts.push(`<p style="margin:0 0 16px">${paragraph.map(linkify).join('<br>')}</p>`);
      if (list.length)
        parts.push(`<ul style="margin:0 0 16px;padding-inline-start:24px">${list.map((l) => `<li>${linkify(l)}</li>`).join('')}</ul>`);
      paragraph = [];
      list = [];
    };
    for (const l of lines) {
      const item = /^\s*-\s+/.test(l);
      if ((item && paragraph.length) || (!item && list.length)) flush();
      if (item) list.push(l.replace(/^\s*-\s+/, ''));
      else paragraph.push(l);
    }
    flush();
    return parts.join('\n');
  });
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const html = `<!doctype html>
<html lang="${language}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px;margin:0 auto;padding:16px">
${htmlBlocks.join('\n')}
<hr style="border:none;border-top:1px solid #cccccc;margin:24px 0">
<p style="margin:0 0 8px;font-size:14px">${escape(footer)}</p>
<p style="margin:0;font-size:14px"><a href="${escape(v.withdrawUrl)}">${escape(catalogue['withdrawLink']!)}</a></p>
</body>
</html>
`;
  return { subject, text, html, language, templateVersion: campaignTemplateVersion(templates, language) };
}
