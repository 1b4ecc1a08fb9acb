/**
 * The site's languages and paths. Dutch lives at `/`, the other languages under `/<lang>/`, with the
 * same (Dutch) slugs in every language so the language switch maps one page to the same page.
 * Pure: safe to import in islands.
 */
import { LANGUAGES, type Language } from '../engine/rulebook.ts';

/** The site's languages: the rulebook's (src/engine/rulebook.ts), under the name the site's pages use. */
export const SITE_LANGUAGES = LANGUAGES;

/** Each language's name in its own language, for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nl: 'Nederlands',
  en: 'English',
  ar: 'العربية',
  tr: 'Türkçe',
  pl: 'Polski',
  uk: 'Українська',
};

export function isSiteLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SITE_LANGUAGES as readonly string[]).includes(value);
}

export function textDirection(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The language of a `[...locale]` route parameter: `undefined` is Dutch; `nl` itself is not a prefix
 * (Dutch has none), and anything else is not a page of ours.
 */
export function languageFromParam(param: string | undefined): Language | undefined {
  if (param === undefined || param === '') return 'nl';
  if (param !== 'nl' && isSiteLanguage(param)) return param;
  return undefined;
}

/** The route parameter for a language (`undefined` for Dutch). */
export function localeParam(language: Language): string | undefined {
  return language === 'nl' ? undefined : language;
}

/** A site path in a language: `localePath('en', '/check')` is `/en/check`, `localePath('nl', '/')` is `/`. */
export function localePath(language: Language, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  if (language === 'nl') return clean;
  return clean === '/' ? `/${language}/` : `/${language}${clean}`;
}

/** Site paths, named once so links and tests agree. */
export const PATHS = {
  home: '/',
  check: '/check',
  results: '/uitkomst',
  resultsPdf: '/uitkomst.pdf',
  change: '/verandering',
  changePdf: '/verandering.pdf',
  schemes: '/regelingen',
  municipalities: '/gemeenten',
  about: '/hoe-werkt-het',
  privacy: '/privacy',
  accessibility: '/toegankelijkheid',
  volunteer: '/hulp',
  volunteerForm: '/hulp/invullen',
  volunteerSheet: '/hulp/stappen',
  volunteerSheetPdf: '/hulp/stappen.pdf',
  volunteerReferral: '/hulp/doorverwijzen',
  volunteerEnd: '/hulp/einde',
  volunteerFigures: '/hulp/organisatie',
  /** Asking to be contacted (the consent form posts here). */
  consent: '/toestemming',
  /** The pages the links in mails open (src/server/consent/links.ts builds them). */
  confirm: '/bevestigen',
  withdraw: '/afmelden',
  /** Development only: the local mail outbox. */
  outbox: '/dev/outbox',
} as const;

export function schemePath(language: Language, id: string): string {
  return localePath(language, `${PATHS.schemes}/${id}`);
}

export function municipalityPath(language: Language, slug: string): string {
  return localePath(language, `${PATHS.municipalities}/${slug}`);
}

export function municipalSchemePath(language: Language, slug: string, id: string): string {
  return localePath(language, `${PATHS.municipalities}/${slug}/${id}`);
}

/** A URL slug from a municipality name: "Aa en Hunze" gives "aa-en-hunze" (the same as its content files). */
export { nameSlug as slugify } from '../content/file-names.ts';
