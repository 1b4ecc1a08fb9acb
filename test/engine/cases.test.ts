/**
 * Engine cases as data (test/engine/cases/*.yaml): a sentence as the name, a household in the
 * contract's JSON form, and the expected outcome per scheme, each with the published source it
 * comes from. The runner compares only the fields a case names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCheck } from '../../src/contract/check.ts';
import type { PublicResult } from '../../src/contract/result.ts';
import { rulebook } from '../support/rulebook.ts';

interface ExpectedScheme {
  status?: string;
  monthly?: number;
  yearly?: number;
  quarterly?: number;
  exOfficio?: boolean;
  reasons?: string[];
  missing?: string[];
  estimate?: boolean;
  /** `own` or `generic` on schemes the council decides. */
  figures?: string;
}

interface Case {
  name: string;
  source?: string;
  household: Record<string, unknown>;
  expect: {
    household?: { type?: string; kostendelers?: number };
    schemes?: Record<string, ExpectedScheme | 'absent'>;
    disposableIncome?: { income?: number; fixedCosts?: number; disposable?: number; norm?: number; difference?: number; status?: string };
    /** What the household keeps (the ledger), and the ledger's notes by code. */
    ledger?: { income?: number; schemes?: number; costs?: number; keep?: number; notes?: string[] };
    error?: string[];
  };
}

const dir = new URL('./cases/', import.meta.url).pathname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function run(c: Case) {
  return runCheck(c.household, rulebook(), { today: '2026-01-01', computedAt: '2026-01-01T00:00:00.000Z' });
}

describe.each(files)('%s', (file) => {
  const doc = parse(readFileSync(join(dir, file), 'utf8')) as { source: string; cases: Case[] };
  it('names its source', () => {
    expect(doc.source.length).toBeGreaterThan(10);
  });
  it.each(doc.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = run(c);
    if (c.expect.error) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.error.issues.map((i) => i.code)).toEqual(c.expect.error);
      return;
    }
    if (!r.ok) throw new Error(JSON.stringify(r.error, null, 2));
    const result: PublicResult = r.result;
    if (c.expect.household) expect(result.household).toMatchObject(c.expect.household);
    for (const [id, want] of Object.entries(c.expect.schemes ?? {})) {
      const got = result.schemes.find((s) => s.id === id);
      if (want === 'absent') {
        expect(got, `${id} should not be in the result`).toBeUndefined();
        continue;
      }
      expect(got, `scheme ${id} in the result`).toBeDefined();
      const actual = {
        status: got!.status,
        monthly: got!.amount.monthly,
        yearly: got!.amount.yearly,
        quarterly: got!.amount.quarterly,
        exOfficio: got!.exOfficio.possible,
        reasons: got!.reasons.map((x) => x.code),
        missing: got!.missing.map((x) => x.code),
        estimate: got!.estimate,
        figures: got!.figures,
      };
      const picked: Record<string, unknown> = {};
      for (const k of Object.keys(want) as (keyof ExpectedScheme)[]) {
        picked[k] =
          k === 'reasons' || k === 'missing' ? (want[k] as string[]).filter((code) => (actual[k] as string[]).includes(code)) : actual[k];
      }
      expect(picked, `${id}: ${JSON.stringify(got!.reasons.map((x) => x.text))}`).toEqual(want);
    }
    if (c.expect.disposableIncome) {
      const di = result.disposableIncome;
      const flat = {
        income: di.income.monthly,
        fixedCosts: di.fixedCosts.monthly,
        disposable: di.disposable.monthly,
        norm: di.norm.monthly,
        difference: di.difference.monthly,
        status: di.status,
      };
      expect(flat).toMatchObject(c.expect.disposableIncome);
    }
    if (c.expect.ledger) {
      const k = result.ledger.keep;
      const flat = { income: k.income, schemes: k.schemes, costs: k.costs, keep: k.monthly, notes: result.ledger.notes.map((n) => n.code) };
      const { notes, ...amounts } = c.expect.ledger;
      expect(flat).toMatchObject(amounts);
      if (notes) expect(flat.notes).toEqual(notes);
    }
  });
});
