/**
 * Intl locales and formatters made once per locale and options, for the server and the check's island
 * alike (this file loads no catalogue and no i18next): making a formatter costs far more than using
 * one (a results page used to make dozens).
 */
import type { Language } from '../engine/rulebook.ts';

/** Locale for Intl formatting: Arabic with Latin digits, as on Dutch letters and bank statements. */
export function intlLocale(language: Language | string): string {
  return language === 'ar' ? 'ar-u-nu-latn' : language === 'nl' ? 'nl-NL' : language;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateTimeFormats.get(key);
  if (!f) dateTimeFormats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}
