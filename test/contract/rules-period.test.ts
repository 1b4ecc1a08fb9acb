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

describe('2027: the year after the one that is running', () => {
  const MUNICIPALITIES = ['GM0106', 'GM1680', 'GM1730', 'GM0267', 'GM1708'];

  it.each(MUNICIPALITIES)('a check dated 2027-01-15 in %s gives results, and says once which amounts are not yet published', (code) => {
    const r = runCheck({ ...ank, referenceDate: '2027-01-15', municipality: code }, rb, {
      today: '2026-12-06',
      computedAt: '2026-12-06T09:00:00.000Z',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.result.referenceDate).toBe('2027-01-15');
    expect(r.result.municipality.hasSchemes).toBe(true);
    expect(r.result.schemes.length).toBeGreaterThan(6);
    expect(r.result.receipt.provisional).toBe(true);
    const notes = r.result.notes.filter((n) => n.code.startsWith('provisional-values'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toMatch(/^De bedragen voor 2027 zijn nog niet allemaal bekend\. Voor .+ gebruiken we nog bedragen van 2026\./);
    // Most schemes rest on a carried-forward value in January: the note speaks of "a part" instead of a long list.
    expect(notes[0]!.code).toBe('provisional-values-general');
    // The bijstand norm of 2027 is not published yet; the zorgtoeslag percentages are, but seen only in a transcription.
    const bijstand = r.result.schemes.find((s) => s.id === 'bijstand')!;
    expect(bijstand.unverified.find((u) => u.parameter === 'participatiewet/norm-alleenstaande')?.reason).toBe('not-yet-published');
    const zorgtoeslag = r.result.schemes.find((s) => s.id === 'zorgtoeslag')!;
    expect(zorgtoeslag.unverified.find((u) => u.parameter === 'zorgtoeslag/normpremie-percentage-alleenstaande')?.reason).toBe(
      'unconfirmed',
    );
    expect(zorgtoeslag.unverified.find((u) => u.parameter === 'zorgtoeslag/standaardpremie')?.reason).toBe('not-yet-published');
  });

  it('names a few schemes as a list in the reader’s language', () => {
    // A copy of the rules in which only the 2026 standaardpremie awaits its document: zorgtoeslag alone is named.
    const copy = structuredClone(rb);
    const value = copy.parameters['zorgtoeslag/standaardpremie']!.values.find((v) => v.from <= '2026-03-02' && '2026-03-02' <= v.to)!;
    Object.assign(value, { provisional: true, unverified: true, awaiting: 'standaardpremie' });
    const single = { referenceDate: '2026-03-02', municipality: 'GM0267', people: [{ id: 'a', role: 'applicant', age: 40 }] };
    const nl = runCheck(single, copy, { today: '2026-03-02', computedAt: '' });
    const ar = runCheck({ ...single, language: 'ar' }, copy, { today: '2026-03-02', computedAt: '' });
    if (!nl.ok || !ar.ok) throw new Error('check failed');
    expect(nl.result.receipt.provisional).toBe(true);
    const note = nl.result.notes.find((n) => n.code === 'provisional-values')!;
    expect(note.text).toBe(
      'De bedragen voor 2026 zijn nog niet allemaal bekend. Voor zorgtoeslag gebruiken we nog bedragen van 2025. Als de nieuwe bedragen bekend zijn, passen we dit aan.',
    );
    const arNote = ar.result.notes.find((n) => n.code === 'provisional-values')!;
    expect(arNote.text).toContain('(zorgtoeslag)');
    expect(arNote.text).toContain('2026');
  });

  it('says nothing is provisional for a date whose values are all published', () => {
    const r = runCheck({ ...ank, referenceDate: '2026-03-02' }, rb, { today: '2026-03-02', computedAt: '' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.result.receipt.provisional).toBe(false);
    expect(r.result.notes.map((n) => n.code)).not.toContain('provisional-values');
    for (const s of r.result.schemes) for (const u of s.unverified) expect(u.reason).toBe('unconfirmed');
  });
});
