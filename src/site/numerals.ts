/**
 * Numbers as residents type them on their own keyboard. Many Arabic phone keyboards type
 * Arabic-Indic digits (٣٨), Persian keyboards Eastern Arabic-Indic digits (۹۴۰۱), and both have their
 * own comma (،) and decimal and thousands separators (٫ ٬). Every field that takes a number reads
 * its text through `westernDigits` first, so "٣٨" is 38 and "٤٠٠٫٥٥" is 400,55, in every language.
 * Pure and small: the check's island imports it.
 */

/** Direction marks an RTL keyboard may put around digits; they are invisible and carry no value. */
const BIDI_MARKS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The text with Arabic-Indic (U+0660–0669) and Eastern Arabic-Indic (U+06F0–06F9) digits as 0–9,
 * the Arabic decimal separator (٫) and Arabic comma (،) as ",", the Arabic thousands separator (٬)
 * as "." and the Arabic semicolon (؛) as ";", without direction marks. Other text is kept as typed.
 */
export function westernDigits(text: string): string {
  return text.replace(BIDI_MARKS, '').replace(/[\u0660-\u0669\u06f0-\u06f9\u060c\u061b\u066b\u066c]/gu, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    if (c === '\u066c') return '.';
    if (c === '\u061b') return ';';
    return ',';
  });
}

/**
 * The word "and" between numbers in each language of the site ("8 en 14", "8 and 14", "8 و 14",
 * "8 ve 14", "8 i 14", "8 та 14", "8 і 14"), plus a few common variants ("ile", "oraz", "й", Latin
 * "i" typed for Ukrainian "і"). Matched as whole words: not inside another word, in any script.
 */
export const AND_WORDS = ['en', 'and', 'و', 've', 'ile', 'i', 'oraz', 'та', 'і', 'й'] as const;

const LIST_SEPARATOR = new RegExp(`[\\s,;/&+]+|(?<!\\p{L})(?:${AND_WORDS.join('|')})(?!\\p{L})`, 'iu');

/** Splits "8, 14", "8 و 14" or "٨، ١٤" into its parts (still text), without empty parts. */
export function splitNumberList(text: string): string[] {
  return westernDigits(text)
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
