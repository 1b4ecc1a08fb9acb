/**
 * Lists in the reader's language: "a, b en c", "a و b و c", "a, b veya c", and plain enumerations
 * ("8, 14") with the Arabic comma (،) in Arabic. Pure: the check's island uses it too.
 */
type Kind = 'and' | 'or' | 'comma';
const formats = new Map<string, Intl.ListFormat>();

/** The items joined as the language does: with its "and" or "or" (Intl.ListFormat), or with its own comma. */
export function formatList(items: readonly string[], language: string, kind: Kind = 'and'): string {
  if (kind === 'comma') return items.join(language === 'ar' ? '، ' : ', ');
  const key = `${language}:${kind}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.ListFormat(language, { style: 'long', type: kind === 'and' ? 'conjunction' : 'disjunction' })));
  return f.format(items);
}
