/** `getStaticPaths` for pages that exist once per language (Dutch without a prefix). */
import type { Language } from '../engine/rulebook.ts';
import { localeParam, SITE_LANGUAGES } from './locale.ts';

export function languagePaths(): { params: { locale: string | undefined }; props: { language: Language } }[] {
  return SITE_LANGUAGES.map((language) => ({ params: { locale: localeParam(language) }, props: { language } }));
}
