/** The readability check (`npm run readability`): the scorer works, and every Dutch text passes it. */
import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, runReadability, score, splitSentences, syllables, THRESHOLDS } from '../../src/cli/readability.ts';

describe('Flesch-Douma scorer', () => {
  it('counts Dutch syllables with the hyphenation patterns', () => {
    expect(syllables('tegemoetkoming')).toBe(5);
    expect(syllables('minimaregelingen')).toBe(7);
    expect(syllables('huis')).toBe(1);
    expect(syllables('{{amount}}')).toBe(2);
  });
  it('splits sentences and list items, but not amounts', () => {
    expect(splitSentences('Je krijgt € 1.250,50. Dat is veel!\n2. Vraag het aan.')).toEqual([
      'Je krijgt € 1.250,50.',
      'Dat is veel!',
      'Vraag het aan.',
    ]);
  });
  it('scores plain Dutch high and officialese low', () => {
    const plain = score('Heb je weinig geld? Dan kun je misschien hulp krijgen. Doe de check. Het duurt tien minuten.');
    const official = score(
      'Indien uw maandelijks besteedbaar inkomen beneden de vastgestelde bijstandsnorm ligt, kan het college op grond van de toepasselijke verordening een individuele inkomenstoeslag toekennen.',
    );
    expect(plain.douma!).toBeGreaterThan(80);
    expect(official.douma!).toBeLessThan(THRESHOLDS.TEXT_MIN);
  });
  it('fails a long sentence and a hard text, and lists texts that fall short', () => {
    const long = Array.from({ length: 30 }, () => 'woord').join(' ') + '.';
    const r = evaluate([
      { group: 'a', key: 'long', text: long },
      { group: 'a', key: 'ok', text: 'Dit is een korte zin. Die lees je snel.' },
    ]);
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => [f.text.key, f.level])).toContainEqual(['long', 'fail']);
  });
});

describe('all Dutch texts of the site, the engine and the content', () => {
  it('meet the thresholds', () => {
    const report = runReadability();
    expect(report.texts).toBeGreaterThan(500);
    expect(report.ok, formatReport(report)).toBe(true);
  });
});
