/**
 * Site strings on the server: the translate function, lists and whole subtrees (for the island's
 * props and for pages made of sections). Server-only, because it loads i18next and every catalogue.
 */
import type { Language } from '../engine/rulebook.ts';
import { catalogues, compileTemplate, formatDate, formatMoney, translator, type Template } from '../i18n/index.ts';

export type T = (key: string, params?: Record<string, string | number>) => string;

/** Parameters that are options to i18next (plurals, context, defaults…), not values to fill in. */
const I18NEXT_OPTIONS = new Set([
  'count',
  'context',
  'defaultValue',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keySeparator',
  'nsSeparator',
  'replace',
  'interpolation',
  'postProcess',
  'ordinal',
]);

const translators = new Map<Language, T>();

/**
 * The site's translate function for one language. A plain message (a string in the language's
 * catalogue, or in Dutch where the language has none) is rendered from a template compiled on first
 * use, the same text i18next gives (tested for every message); plurals, context, nesting and formats
 * go to i18next. A results page renders hundreds of messages, and resolving each through i18next
 * was a sixth of its time.
 */
export function siteTranslator(language: Language): T {
  let translate = translators.get(language);
  if (translate) return translate;
  const t = translator(language);
  const compiled = new Map<string, Template | null>();
  translate = (key, params) => {
    let template = compiled.get(key);
    if (template === undefined) {
      // Bounded: a key can carry an answer (an option's name); odd ones must not make it grow.
      if (compiled.size >= 4096) compiled.clear();
      compiled.set(key, (template = plainTemplate(language, key) ?? null));
    }
    if (template === null || (params !== undefined && hasI18nextOption(params))) return t(key, params ?? {});
    return template((params ?? {}) as Record<string, string>);
  };
  translators.set(language, translate);
  return translate;
}

function hasI18nextOption(params: Record<string, unknown>): boolean {
  for (const name in params) if (I18NEXT_OPTIONS.has(name)) return true;
  return false;
}

/** The template of a plain message, as i18next would find it (the language's own, else Dutch). */
function plainTemplate(language: Language, key: string): Template | undefined {
  // i18next reads "ns:key" as a namespace; leave such keys to it.
  if (key.includes(':')) return undefined;
  const own = lookup(catalogues[language], key);
  const message = own === undefined ? lookup(catalogues.nl, key) : own;
  return typeof message === 'string' ? compileTemplate(message) : undefined;
}

function lookup(tree: unknown, key: string): unknown {
  let node = tree;
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null && Object.hasOwn(node, part) ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node;
}

const subtrees = new Map<string, unknown>();

/**
 * A subtree of the catalogue, falling back to Dutch per key (like i18next does for strings). Made once
 * per language and key (the catalogues do not change while the server runs); callers must not change it.
 */
export function subtree<V = unknown>(language: Language, key: string): V {
  const id = `${language}|${key}`;
  if (!subtrees.has(id)) subtrees.set(id, merge(lookup(catalogues.nl, key), lookup(catalogues[language], key)));
  return subtrees.get(id) as V;
}

/** `over` laid over `base`, key by key (for string trees). */
export function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof over !== 'object' || over === null || Array.isArray(over))
    return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge(out[k], v);
  return out;
}

export function list(language: Language, key: string): string[] {
  const v = subtree<unknown>(language, key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export interface Section {
  title: string;
  paragraphs: string[];
}

export function sections(language: Language, key: string): Section[] {
  const v = subtree<unknown>(language, key);
  return Array.isArray(v) ? (v as Section[]) : [];
}

/** Euros (as in the contract result) formatted for people: "€ 1.234,56". */
export function euros(amount: number, language: Language): string {
  return formatMoney(Math.round(amount * 100), language);
}

export { formatDate };
