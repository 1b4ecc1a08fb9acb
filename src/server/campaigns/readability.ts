/**
 * A readability signal for Dutch texts that staff write for residents (campaign mails): the
 * Flesch-Douma score (206.835 − 0.93 × words per sentence − 77 × syllables per word; 60–70 is
 * "normal", above 70 "fairly easy"), with syllables counted as groups of vowels, plus the sentences
 * and words that make a text hard. A signal to help write at B1 level, not proof of it.
 */

export interface Readability {
  score: number;
  words: number;
  sentences: number;
  /** Sentences of more than 20 words. */
  longSentences: string[];
  /** Words of five syllables or more. */
  longWords: string[];
  /** Officialese with a plainer word to use instead. */
  jargon: { word: string; instead: string }[];
}

export const LONG_SENTENCE_WORDS = 20;
export const LONG_WORD_SYLLABLES = 5;

/** Officialese that B1 guides (such as Direct Duidelijk) replace by plainer words. */
const JARGON: Record<string, string> = {
  indien: 'als',
  inzake: 'over',
  middels: 'met',
  teneinde: 'om',
  derhalve: 'daarom',
  alsmede: 'en',
  dientengevolge: 'daardoor',
  omtrent: 'over',
  tegemoetkoming: 'bijdrage',
  verstrekken: 'geven',
  retourneren: 'terugsturen',
  woonachtig: 'wonen',
  aanvangen: 'beginnen',
  reeds: 'al',
  thans: 'nu',
  wensen: 'willen',
  verzoeken: 'vragen',
  conform: 'volgens',
};

/** Syllables as vowel groups; Dutch diphthongs (ij, ui, ou, ei, au, eu, oe, ie) are one group. */
export function syllables(word: string): number {
  const w = word
    .toLowerCase()
    .replace(/[^a-zà-ÿ]/g, '')
    .replace(/ij/g, 'i');
  const groups = w.match(/[aeiouyà-ÿ]+/g);
  return Math.max(1, groups?.length ?? 0);
}

export function sentencesOf(text: string): string[] {
  return text
    .replace(/\{\{\s*\w+\s*\}\}/g, 'x')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((t) => t.trim())
    .filter((t) => /[A-Za-zÀ-ÿ]/.test(t));
}

function wordsOf(sentence: string): string[] {
  return sentence
    .replace(/https?:\/\/\S+/g, '')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => /\p{L}/u.test(w));
}

export function readability(text: string): Readability {
  const sentences = sentencesOf(text);
  const words = sentences.flatMap(wordsOf);
  const syllableCount = words.reduce((n, w) => n + syllables(w), 0);
  const score =
    words.length === 0 ? 100 : 206.835 - 0.93 * (words.length / Math.max(1, sentences.length)) - 77 * (syllableCount / words.length);
  const lower = new Set(words.map((w) => w.toLowerCase()));
  return {
    score: Math.round(score * 10) / 10,
    words: words.length,
    sentences: sentences.length,
    longSentences: sentences.filter((t) => wordsOf(t).length > LONG_SENTENCE_WORDS),
    longWords: [...new Set(words.filter((w) => syllables(w) >= LONG_WORD_SYLLABLES).map((w) => w.toLowerCase()))],
    jargon: Object.entries(JARGON)
      .filter(([word]) => lower.has(word))
      .map(([word, instead]) => ({ word, instead })),
  };
}
