/**
 * Message catalogues (one JSON file per language) and the i18next instance that reads them.
 * Dutch is the source language; a key missing in another language fails the tests, and at run time
 * falls back to Dutch rather than showing a key.
 */
import i18next, { type TFunction } from 'i18next';
import type { Language } from '../engine/rulebook.ts';
import { intlLocale } from './intl-formats.ts';
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

export { intlLocale };

/** One formatter per language and kind, made on first use: building an Intl formatter costs far more than using one. */
function memo<F>(make: (language: Language) => F): (language: Language) => F {
  const made = new Map<Language, F>();
  return (language) => {
    let f = made.get(language);
    if (f === undefined) made.set(language, (f = make(language)));
    return f;
  };
}

const moneyFormat = memo((l) => new Intl.NumberFormat(intlLocale(l), { style: 'currency', currency: 'EUR' }));
const rateFormat = memo((l) => new Intl.NumberFormat(intlLocale(l), { style: 'percent', maximumFractionDigits: 3 }));
const dateFormat = memo((l) => new Intl.DateTimeFormat(intlLocale(l), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));

/**
 * Formatted numbers per language, remembered: a check formats the same norms, limits and rates again
 * and again, and Intl's format is the costly part of rendering a reason. Bounded: when a language's
 * memory is full it starts again, so odd amounts never make it grow.
 */
const REMEMBERED = 4096;

function remembered(format: (language: Language) => Intl.NumberFormat, scale: number): (n: number, language: Language) => string {
  const memory = new Map<Language, Map<number, string>>();
  return (n, language) => {
    // A Map takes -0 for 0, but Intl writes a minus before a negative zero.
    if (Object.is(n, -0)) return format(language).format(n / scale);
    let known = memory.get(language);
    if (known === undefined) memory.set(language, (known = new Map()));
    let text = known.get(n);
    if (text === undefined) {
      if (known.size >= REMEMBERED) known.clear();
      known.set(n, (text = format(language).format(n / scale)));
    }
    return text;
  };
}

const moneyText = remembered(moneyFormat, 100);
const rateText = remembered(rateFormat, 1e6);

/** Cents as euros, for example "€ 1.401,50" in Dutch. */
export function formatMoney(cents: number, language: Language): string {
  return moneyText(cents, language);
}

/** A rate in ppm as a percentage, for example "12,5%". */
export function formatRate(ppm: number, language: Language): string {
  return rateText(ppm, language);
}

export function formatDate(isoDate: string, language: Language): string {
  return dateFormat(language).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A message with its `{{name}}` placeholders, split once: literal parts and the names between them. */
export type Template = (params: Readonly<Record<string, string>>) => string;

const PLACEHOLDER = /\{\{(.+?)\}\}/g;

/**
 * The message as a function of its parameters, the same text i18next gives for it (`escapeValue`
 * off; a parameter not given stays as `{{name}}`, as i18next leaves it). Undefined for a message that
 * needs i18next itself: nesting (`$t(`), formats (`{{x, format}}`) or unescaped (`{{- x}}`) placeholders.
 */
export function compileTemplate(message: string): Template | undefined {
  if (message.includes('$t(')) return undefined;
  const literals: string[] = [];
  const names: string[] = [];
  let at = 0;
  for (const m of message.matchAll(PLACEHOLDER)) {
    const name = m[1]!.trim();
    if (name.includes(',') || name.startsWith('-')) return undefined;
    literals.push(message.slice(at, m.index));
    names.push(name);
    at = m.index + m[0].length;
  }
  literals.push(message.slice(at));
  if (names.length === 0) return () => message;
  return (params) => {
    let out = literals[0]!;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const value = Object.hasOwn(params, name) ? params[name] : undefined;
      out += (value ?? `{{${name}}}`) + literals[i + 1]!;
    }
    return out;
  };
}

/** A group of messages (for example `reasons`) of one language, Dutch where the language lacks one. */
function group(language: Language, name: string): Record<string, unknown> {
  const own = catalogues[language]?.[name];
  const nl = catalogues.nl?.[name];
  return { ...(typeof nl === 'object' ? nl : {}), ...(typeof own === 'object' ? own : {}) };
}

const templates = new Map<Language, Map<string, Map<string, Template>>>();

/**
 * The compiled templates of one group of messages in one language (`reasons`, `labels`): made once,
 * on first use, so a check renders its texts without resolving keys through i18next each time.
 * A key missing here is one that needs i18next (see compileTemplate), or no key at all.
 */
export function templatesOf(language: Language, name: string): ReadonlyMap<string, Template> {
  let groups = templates.get(language);
  if (!groups) templates.set(language, (groups = new Map()));
  let made = groups.get(name);
  if (!made) {
    made = new Map();
    for (const [key, message] of Object.entries(group(language, name))) {
      if (typeof message !== 'string') continue;
      const t = compileTemplate(message);
      if (t) made.set(key, t);
    }
    groups.set(name, made);
  }
  return made;
}
