/**
 * The rules' period and what a check does at its edges: without a reference date, once today is past
 * the last covered day, the check computes as of that day and says so (note `rules-out-of-date`); an
 * explicit date outside the period stays an error. Values that are not yet published are marked in
 * the result (`unverified[].reason`, `receipt.provisional`) and said once in a note.
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/contract/check.ts';
import { addDays } from '../../src/engine/dates.ts';
import { ank } from '../support/households.ts';
import { rulebook } from '../support/rulebook.ts';

const rb = rulebook();
const undated: Record<string, unknown> = { ...ank };
delete undated.referenceDate;

describe('a check after the last day the rules cover', () => {
  const today = addDays(rb.validTo, 40);

  it('computes as of the last covered day and says so first, when the input names no date', () => {
    const r = runCheck(undated, rb, { today, computedAt: `${today}T09:00:00.000Z` });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.result.referenceDate).toBe(rb.validTo);
    expect(r.result.receipt.referenceDate).toBe(rb.validTo);
    expect(r.result.notes[0]!.code).toBe('rules-out-of-date');
    expect(r.result.notes[0]!.text).toContain(String(Number(today.slice(0, 4))));
    expect(r.result.schemes.find((s) => s.id === 'bijstand')?.status).toBe('already-receiving');
  });

  it('still refuses an explicit date outside the period', () => {
    const r = runCheck({ ...undated, referenceDate: today }, rb, { today, computedAt: `${today}T09:00:00.000Z` });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.error.issues.map((i) => i.code)).toEqual(['date-out-of-range']);
  });

  it('says nothing of the kind while today is inside the period', () => {
    const r = runCheck(undated, rb, { today: rb.validTo, computedAt: `${rb.validTo}T09:00:00.000Z` });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.result.referenceDate).toBe(rb.validTo);
    expect(r.result.notes.map((n) => n.code)).not.toContain('rules-out-of-date');
  });
});
