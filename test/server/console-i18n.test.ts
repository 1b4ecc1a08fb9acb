/**
 * The console's catalogues: Dutch and English have the same keys, every key the console's code asks
 * for exists, and the texts residents read (letters, the example campaign mail) pass the B1
 * readability signal.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionKey } from '../../src/server/audit/log.ts';
import { readability } from '../../src/server/campaigns/readability.ts';
import { consoleCatalogues, consoleT } from '../../src/server/staff/i18n.ts';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|astro)$/.test(name) ? [path] : [];
  });
}

const root = new URL('../..', import.meta.url).pathname;
const nl = consoleCatalogues.nl as Tree;
const en = consoleCatalogues.en as Tree;

describe('console catalogues', () => {
  it('has the same keys in Dutch and English', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });

  it('has every key the console code asks for', () => {
    const sources = [
      ...files(join(root, 'src/pages/beheer')),
      ...files(join(root, 'src/components/console')),
      join(root, 'src/layouts/Console.astro'),
      ...files(join(root, 'src/server/staff')),
      ...files(join(root, 'src/server/screening')),
      ...files(join(root, 'src/server/campaigns')),
    ];
    const known = new Set(keys(nl).map((k) => k.replace(/_(one|other)$/, '')));
    const used = new Set<string>();
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(300);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('names every audit action in both languages', () => {
    for (const language of ['nl', 'en'] as const) {
      const t = consoleT(language);
      for (const action of AUDIT_ACTIONS) expect(t(auditActionKey(action), { defaultValue: '' }), `${language} ${action}`).not.toBe('');
    }
  });

  it('writes letters and the example campaign mail at B1 level (Flesch-Douma 60 or more, short sentences)', () => {
    const letter = nl.letter as Tree;
    const texts = Object.entries(letter)
      .filter(([k]) => !['documentTitle', 'footer', 'sender', 'date', 'reference'].includes(k))
      .flatMap(([, v]) => (typeof v === 'string' ? [v] : Object.values(v as Tree).map(String)))
      .map((t) => t.replace(/\{\{\s*\w+\s*\}\}/g, 'dit'));
    const score = readability(texts.join('\n'));
    expect(score.score).toBeGreaterThanOrEqual(60);
    expect(score.longSentences).toEqual([]);
    expect(score.jargon).toEqual([]);
    const mail = nl.campaignDefaults as Tree;
    const mailScore = readability(`${String(mail.subject)}\n${String(mail.body)}`);
    expect(mailScore.score).toBeGreaterThanOrEqual(70);
    expect(mailScore.longSentences).toEqual([]);
  });
});
