/**
 * Site strings on the server: the translate function, lists and whole subtrees (for the island's
 * props and for pages made of sections). Server-only, because it loads i18next and every catalogue.
 */
import type { Language } from '../engine/rulebook.ts';
import { catalogues, formatDate, formatMoney, translator } from '../i18n/index.ts';

export type T = (key: string, params?: Record<string, string | number>) => string;

export function siteTranslator(language: Language): T {
  const t = translator(language);
  return (key, params) => t(key, params ?? {});
}

function lookup(tree: unknown, key: string): unknown {
  let node = tree;
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null && Object.hasOwn(node, part) ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node;
}

/** A subtree of the catalogue, falling back to Dutch per key (like i18next does for strings). */
export function subtree<V = unknown>(language: Language, key: string): V {
  const own = lookup(catalogues[language], key);
  const dutch = lookup(catalogues.nl, key);
  return merge(dutch, own) as V;
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
