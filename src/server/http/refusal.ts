/**
 * The small pages the server answers with when it refuses a request before any page runs: a body
 * that is too large, a method no page takes, a PDF that cannot be made now. Plain HTML in the
 * resident's language (from the path's language prefix, else Accept-Language, else Dutch), with a
 * policy that allows nothing but the page itself, and a form that sends the same fields again where
 * trying again makes sense. Server-only.
 */
import type { Language } from '../../engine/rulebook.ts';
import { translator } from '../../i18n/index.ts';
import { isSiteLanguage, localePath, textDirection } from '../../site/locale.ts';
import { languageFromHeader } from './json.ts';

export type Refusal = 'bodyTooLarge' | 'method' | 'pdfBusy' | 'pdfLimit' | 'pdfTooLong';

/** The page policy of these pages: no scripts, no styles, nothing from elsewhere, never framed. */
export const REFUSAL_CSP = "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The language of a request: its path's prefix (`/en/…`), else Accept-Language, else Dutch. */
export function requestLanguage(path: string, acceptLanguage: string | null | undefined): Language {
  const prefix = /^\/([a-z]{2})(?:\/|$)/.exec(path)?.[1];
  if (prefix !== 'nl' && isSiteLanguage(prefix)) return prefix;
  return languageFromHeader(acceptLanguage ?? null) ?? 'nl';
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface RefusalPage {
  language: Language;
  kind: Refusal;
  params?: Record<string, string | number>;
  /** Send these fields to this path again ("try again"); only for requests that may be repeated. */
  retry?: { action: string; fields: Iterable<[string, string]> } | undefined;
}

export function refusalHtml(p: RefusalPage): string {
  const t = translator(p.language);
  const title = t(`refusal.${p.kind}.title`, p.params ?? {});
  const text = t(`refusal.${p.kind}.text`, p.params ?? {});
  const parts = [
    '<!doctype html>',
    `<html lang="${p.language}" dir="${textDirection(p.language)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="robots" content="noindex"><title>${escape(title)} – ${escape(t('layout.siteName'))}</title></head>`,
    '<body><main>',
    `<p>${escape(t('layout.siteName'))}</p>`,
    `<h1>${escape(title)}</h1>`,
    `<p>${escape(text)}</p>`,
  ];
  if (p.kind.startsWith('pdf')) parts.push(`<p>${escape(t('refusal.print'))}</p>`);
  if (p.retry) {
    parts.push(`<form method="post" action="${escape(p.retry.action)}">`);
    for (const [name, value] of p.retry.fields) parts.push(`<input type="hidden" name="${escape(name)}" value="${escape(value)}">`);
    parts.push(`<button type="submit">${escape(t('refusal.tryAgain'))}</button></form>`);
  }
  parts.push(`<p><a href="${localePath(p.language, '/')}">${escape(t('refusal.home'))}</a></p>`, '</main></body></html>');
  return parts.join('\n');
}

export function refusalHeaders(language: Language): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-language': language,
    'content-security-policy': REFUSAL_CSP,
    'cache-control': 'no-store',
  };
}

/** A refusal as a fetch Response (for endpoints). */
export function refusalResponse(status: number, p: RefusalPage, headers: Record<string, string> = {}): Response {
  return new Response(refusalHtml(p), { status, headers: { ...refusalHeaders(p.language), ...headers } });
}
