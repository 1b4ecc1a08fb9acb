/**
 * Every reason has its source: over every household of the engine cases, each reason of the result
 * (per scheme, what is missing, the notes, the disposable-income steps and the ledger's notes) names
 * its legal basis or says it is Rondkomen's own estimate or computation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCheck } from '../../src/contract/check.ts';
import type { PublicReason, PublicResult } from '../../src/contract/result.ts';
import { rulebook } from '../support/rulebook.ts';
import { ank } from '../support/households.ts';

const dir = new URL('./cases/', import.meta.url).pathname;
const households = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((file) =>
    (parse(readFileSync(join(dir, file), 'utf8')) as { cases: { name: string; household: unknown }[] }).cases.map(
      (c) => [`${file}: ${c.name}`, c.household] as const,
    ),
  );

function reasonsOf(r: PublicResult): [string, PublicReason][] {
  return [
    ...r.schemes.flatMap((s) => [...s.reasons, ...s.missing].map((x) => [`schemes.${s.id}`, x] as [string, PublicReason])),
    ...r.notes.map((x) => ['notes', x] as [string, PublicReason]),
    ...r.disposableIncome.steps.map((x) => ['disposableIncome.steps', x] as [string, PublicReason]),
    ...r.ledger.notes.map((x) => ['ledger.notes', x] as [string, PublicReason]),
  ];
}

/** Reasons that rest on Rondkomen's own estimate or computation, and must say so. */
const OWN = /^(toetsingsinkomen-estimated|estimate-unverified-parameters|di-(income|costs|disposable|below|above))$/;

describe('every reason has its source', () => {
  it('in every result of the engine cases', () => {
    const empty: string[] = [];
    const seen = new Set<string>();
    let results = 0;
    for (const [name, household] of households) {
      const r = runCheck(household, rulebook(), { today: '2026-01-01', computedAt: '2026-01-01T00:00:00.000Z' });
      if (!r.ok) continue;
      results++;
      for (const [where, reason] of reasonsOf(r.result)) {
        seen.add(reason.code);
        if (reason.source.trim() === '') empty.push(`${name}: ${where} ${reason.code}`);
        if (OWN.test(reason.code) && !reason.source.startsWith('Rondkomen: eigen'))
          empty.push(`${name}: ${reason.code} does not say it is our own`);
      }
    }
    expect(empty).toEqual([]);
    expect(results).toBeGreaterThan(200);
    // The reasons that had none before are among those checked.
    for (const code of [
      'toetsingsinkomen-estimated',
      'toetsingsinkomen-given',
      'di-income',
      'di-costs',
      'di-disposable',
      'ledger-holiday-pay',
    ])
      expect(seen).toContain(code);
  });

  it('names Awir art. 8 for a given toetsingsinkomen and our own estimate for an estimated one', () => {
    const r = runCheck(ank, rulebook(), { today: '2026-01-01', computedAt: '2026-01-01T00:00:00.000Z' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const estimated = r.result.notes.find((n) => n.code === 'toetsingsinkomen-estimated');
    expect(estimated?.source).toMatch(/^Rondkomen: eigen schatting van het toetsingsinkomen \(Awir art\. 8\)/);
    expect(estimated?.url).toBe('https://wetten.overheid.nl/BWBR0018472/2026-01-01#Artikel8');
    const given = runCheck({ ...ank, annualTaxableIncome: { ank: 20_000 } }, rulebook(), { today: '2026-01-01', computedAt: 'x' });
    if (!given.ok) throw new Error(JSON.stringify(given.error));
    const zt = given.result.schemes.find((s) => s.id === 'zorgtoeslag')!;
    expect(zt.reasons.find((x) => x.code === 'toetsingsinkomen-given')?.source).toBe('BWBR0018472 art. 8 (toetsingsinkomen)');
  });

  it('also for the note that the rules are out of date', () => {
    const undated: Record<string, unknown> = { ...ank };
    delete undated['referenceDate'];
    const r = runCheck(undated, rulebook(), { today: '2099-01-01', computedAt: 'x' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const note = r.result.notes.find((n) => n.code === 'rules-out-of-date');
    expect(note?.source).toMatch(/^Rondkomen: eigen gegevens/);
  });
});
