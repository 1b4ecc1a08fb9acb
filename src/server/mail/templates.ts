/**
 * Mail texts in the resident's language (src/i18n/locales/<lang>/mail.json), as a plain-text and an
 * HTML part. Every message records the version of the template it used: a hash of its texts.
 */
import { createHash } from 'node:crypto';
import i18next, { type TFunction } from 'i18next';
import { RETENTION } from '../../contract/consent.ts';
import type { Language } from '../../engine/rulebook.ts';
import ar from '../../i18n/locales/ar/mail.json' with { type: 'json' };
import en from '../../i18n/locales/en/mail.json' with { type: 'json' };
import nl from '../../i18n/locales/nl/mail.json' with { type: 'json' };
import pl from '../../i18n/locales/pl/mail.json' with { type: 'json' };
import tr from '../../i18n/locales/tr/mail.json' with { type: 'json' };
import uk from '../../i18n/locales/uk/mail.json' with { type: 'json' };

export const mailCatalogues: Record<Language, Record<string, unknown>> = { nl, en, ar, tr, pl, uk };

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(Object.entries(mailCatalogues).map(([l, c]) => [l, { translation: c }])),
  lng: 'nl',
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export type TemplateKind = 'confirmation' | 'reminder' | 'ruleChange' | 'outreach';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
  templateVersion: string;
}

export interface TemplateValues {
  language: Language;
  municipality: string;
  schemes: string[];
  /** The main link of the mail (confirm, or do the check again). */
  actionUrl: string;
  withdrawUrl: string;
  /** Confirmation mails: whether the request includes each purpose. */
  contact?: boolean;
  ruleChanges?: boolean;
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function templateVersion(kind: TemplateKind, language: Language): string {
  const catalogue = mailCatalogues[language];
  const section = (catalogue as Record<string, unknown>)[kind === 'reminder' ? 'reminder' : kind];
  const shared = ['greeting', 'closing', 'footer', 'withdraw', 'withdrawLink'].map((k) => (catalogue as Record<string, unknown>)[k]);
  return `${kind}@${createHash('sha256')
    .update(JSON.stringify([section, shared, kind === 'reminder' ? (catalogue as Record<string, unknown>)['confirmation'] : null]))
    .digest('hex')
    .slice(0, 10)}`;
}

export function renderMail(kind: TemplateKind, v: TemplateValues): MailContent {
  const t: TFunction = instance.getFixedT(v.language);
  const schemes = v.schemes.join(', ');
  const vars = { municipality: v.municipality, schemes };
  const paragraphs: string[] = [];
  let button: string;
  let subject: string;
  if (kind === 'ruleChange' || kind === 'outreach') {
    subject = t(`${kind}.subject`, vars);
    paragraphs.push(t(`${kind}.intro`, vars), t(`${kind}.action`, vars));
    button = t(`${kind}.button`);
  } else {
    subject = t(`${kind}.subject`, vars);
    paragraphs.push(t(`${kind}.intro`, vars));
    button = t('confirmation.button');
  }
  const after: string[] = [];
  if (kind === 'confirmation' || kind === 'reminder') {
    if (v.contact) after.push(t('confirmation.contact', vars));
    if (v.ruleChanges) after.push(t('confirmation.ruleChanges'));
    after.push(t('confirmation.validity', { days: RETENTION.unconfirmedDays }), t('confirmation.notYou'));
  }
  const closing = t('closing', vars);
  const text = [
    t('greeting'),
    '',
    ...paragraphs,
    v.actionUrl,
    '',
    ...after.flatMap((p) => [p, '']),
    closing,
    '',
    '--',
    t('footer'),
    t('withdraw', { url: v.withdrawUrl }),
    '',
  ].join('\n');
  const dir = v.language === 'ar' ? 'rtl' : 'ltr';
  const p = (s: string): string => `<p style="margin:0 0 16px">${escape(s).replace(/\n/g, '<br>')}</p>`;
  const html = `<!doctype html>
<html lang="${v.language}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px;margin:0 auto;padding:16px">
${p(t('greeting'))}
${paragraphs.map(p).join('\n')}
<p style="margin:0 0 24px"><a href="${escape(v.actionUrl)}" style="display:inline-block;background:#01689b;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold">${escape(button)}</a></p>
${after.map(p).join('\n')}
${p(closing)}
<hr style="border:none;border-top:1px solid #cccccc;margin:24px 0">
<p style="margin:0 0 8px;font-size:14px">${escape(t('footer'))}</p>
<p style="margin:0;font-size:14px"><a href="${escape(v.withdrawUrl)}">${escape(t('withdrawLink'))}</a></p>
</body>
</html>
`;
  return { subject, text, html, templateVersion: templateVersion(kind, v.language) };
}
