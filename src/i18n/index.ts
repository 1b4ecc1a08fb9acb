/**
 * Message catalogues (one JSON file per language) and the i18next instance that reads them.
 * Dutch is the source language; a key missing in another language fails the tests, and at run time
 * falls back to Dutch rather than showing a key.
 */
import i18next, { type TFunction } from 'i18next';
import type { Language } from '../engine/rulebook.ts';
import nlEngine from './locales/nl/engine.json' with { type: 'json' };
import enEngine from './locales/en/engine.json' with { type: 'json' };
import arEngine from './locales/ar/engine.json' with { type: 'json' };
import trEngine from './locales/tr/engine.json' with { type: 'json' };
import plEngine from './locales/pl/engine.json' with { type: 'json' };
import ukEngine from './locales/uk/engine.json' with { type: 'json' };
import nlSite from './locales/nl/site.json' with { type: 'json' };
import enSite from './locales/en/site.json' with { type: 'json' };
import arSite from './locales/ar/site.json' with { type: 'json' };
import trSite from './locales/tr/site.json' with { type: 'json' };
import plSite from './locales/pl/site.json' with { type: 'json' };
import ukSite from './locales/uk/site.json' with { type: 'json' };
import nlChange from './locales/nl/change.json' with { type: 'json' };
import enChange from './locales/en/change.json' with { type: 'json' };
import arChange from './locales/ar/change.json' with { type: 'json' };
import trChange from './locales/tr/change.json' with { type: 'json' };
import plChange from './locales/pl/change.json' with { type: 'json' };
import ukChange from './locales/uk/change.json' with { type: 'json' };
import nlVolunteer from './locales/nl/volunteer.json' with { type: 'json' };
import enVolunteer from './locales/en/volunteer.json' with { type: 'json' };
import arVolunteer from './locales/ar/volunteer.json' with { type: 'json' };
import trVolunteer from './locales/tr/volunteer.json' with { type: 'json' };
import plVolunteer from './locales/pl/volunteer.json' with { type: 'json' };
import ukVolunteer from './locales/uk/volunteer.json' with { type: 'json' };
import nlConsent from './locales/nl/consent.json' with { type: 'json' };
import enConsent from './locales/en/consent.json' with { type: 'json' };
import arConsent from './locales/ar/consent.json' with { type: 'json' };
import trConsent from './locales/tr/consent.json' with { type: 'json' };
import plConsent from './locales/pl/consent.json' with { type: 'json' };
import ukConsent from './locales/uk/consent.json' with { type: 'json' };

/**
 * Per language: `engine.json` (reasons, errors, field names and line labels of the check), `site.json`
 * (the site's interface), and one file per feature: `change.json` ("something is changing"),
 * `volunteer.json` (volunteer mode) and `consent.json` (asking to be contacted, confirming,
 * withdrawing). All land in one i18next namespace; no two files share a top-level key (a test checks).
 */
export const catalogues: Partial<Record<Language, Record<string, unknown>>> = {
  nl: { ...nlEngine, ...nlSite, ...nlChange, ...nlVolunteer, ...nlConsent },
  en: { ...enEngine, ...enSite, ...enChange, ...enVolunteer, ...enConsent },
  ar: { ...arEngine, ...arSite, ...arChange, ...arVolunteer, ...arConsent },
  tr: { ...trEngine, ...trSite, ...trChange, ...trVolunteer, ...trConsent },
  pl: { ...plEngine, ...plSite, ...plChange, ...plVolunteer, ...plConsent },
  uk: { ...ukEngine, ...ukSite, ...ukChange, ...ukVolunteer, ...ukConsent },
};

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(Object.entries(catalogues).map(([lng, c]) => [lng, { translation: c }])),
  lng: 'nl',
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

const fixed = new Map<Language, TFunction>();

/** The translate function for one language. */
export function translator(language: Language): TFunction {
  let t = fixed.get(language);
  if (!t) fixed.set(language, (t = instance.getFixedT(language)));
  return t;
}

/** Locale for Intl formatting: Arabic with Latin digits, as on Dutch letters and bank statements. */
export function intlLocale(language: Language): string {
  return language === 'ar' ? 'ar-u-nu-latn' : language === 'nl' ? 'nl-NL' : language;
}

const moneyFormats = new Map<Language, Intl.NumberFormat>();

/** Cents as euros, for example "€ 1.401,50" in Dutch. */
export function formatMoney(cents: number, language: Language): string {
  let f = moneyFormats.get(language);
  if (!f) moneyFormats.set(language, (f = new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency: 'EUR' })));
  return f.format(cents / 100);
}

/** A rate in ppm as a percentage, for example "12,5%". */
export function formatRate(ppm: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 3 }).format(ppm / 1e6);
}

export function formatDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
