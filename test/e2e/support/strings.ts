/** The site's own catalogues, read as data, so tests find elements by the names people see. */
import { readFileSync } from 'node:fs';
import type { Lang } from './env.ts';

type Tree = { [key: string]: string | string[] | Tree };
const cache = new Map<string, Tree>();

function load(lang: Lang, file: 'site' | 'engine' | 'change' | 'consent'): Tree {
  const key = `${lang}/${file}`;
  let tree = cache.get(key);
  if (!tree) {
    tree = JSON.parse(readFileSync(new URL(`../../../src/i18n/locales/${lang}/${file}.json`, import.meta.url), 'utf8')) as Tree;
    cache.set(key, tree);
  }
  return tree;
}

/** A site string with `{{name}}` filled in. Throws when the key is missing: tests must not guess. */
export function s(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  // The site reads `site.json` and `change.json` (the change page) as one catalogue.
  let node: string | string[] | Tree | undefined = { ...load(lang, 'site'), ...load(lang, 'change') };
  for (const part of key.split('.')) node = typeof node === 'object' && !Array.isArray(node) ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`missing site string ${lang}:${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => String(params[n] ?? `{{${n}}}`));
}

/** A string of the consent catalogue (consent.json: asking to be contacted, confirming, withdrawing). */
export function sc(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: string | string[] | Tree | undefined = load(lang, 'consent');
  for (const part of key.split('.')) node = typeof node === 'object' && !Array.isArray(node) ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`missing consent string ${lang}:${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => String(params[n] ?? `{{${n}}}`));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
