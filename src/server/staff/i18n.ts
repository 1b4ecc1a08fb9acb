/**
 * The console's catalogues (src/i18n/locales/<lang>/console.json): Dutch, and English for staff who
 * prefer it. Texts for residents that the console makes (letters, default campaign mails) live there
 * too, under `letter` and `campaignDefaults`, written at B1 level.
 */
import i18next, { type TFunction } from 'i18next';
import en from '../../i18n/locales/en/console.json' with { type: 'json' };
import nl from '../../i18n/locales/nl/console.json' with { type: 'json' };

export const CONSOLE_LANGUAGES = ['nl', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];
export const consoleCatalogues: Record<ConsoleLanguage, Record<string, unknown>> = { nl, en };

const instance = i18next.createInstance();
void instance.init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: 'nl',
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

const fixed = new Map<ConsoleLanguage, TFunction>();

export function consoleT(language: ConsoleLanguage = 'nl'): TFunction {
  let t = fixed.get(language);
  if (!t) fixed.set(language, (t = instance.getFixedT(language)));
  return t;
}

export function isConsoleLanguage(value: unknown): value is ConsoleLanguage {
  return value === 'nl' || value === 'en';
}
