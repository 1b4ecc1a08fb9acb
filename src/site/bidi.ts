/**
 * Dutch terms in parentheses inside right-to-left text, like "بدل الإيجار (huurtoeslag)": the bidi
 * algorithm would show the closing parenthesis at the wrong end. These parts are isolated as
 * left-to-right runs. Pure: the island uses it too.
 */
export interface BidiPart {
  text: string;
  /** Render in its own left-to-right run. */
  ltr: boolean;
}

const LATIN_IN_PARENS = /\([^()\u0590-\u08FF]*[A-Za-z][^()\u0590-\u08FF]*\)/g;

export function bidiParts(text: string, rtl: boolean): BidiPart[] {
  if (!rtl) return [{ text, ltr: false }];
  const parts: BidiPart[] = [];
  let last = 0;
  for (const m of text.matchAll(LATIN_IN_PARENS)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), ltr: false });
    parts.push({ text: m[0], ltr: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), ltr: false });
  return parts;
}
