/** Date arithmetic of the engine: ISO dates as strings, compared as strings. */
import { describe, expect, it } from 'vitest';
import { addMonths, ageOn, birthday } from '../../src/engine/dates.ts';

describe('addMonths', () => {
  it.each([
    ['2026-03-02', 1, '2026-04-02'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-01-15', -6, '2025-07-15'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-03-02', -24, '2024-03-02'],
    ['2026-03-02', 0, '2026-03-02'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('agrees with calendar arithmetic on every day of four years, for -30 to 30 months', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (let m = -30; m <= 30; m += 7) {
        const d = new Date(t);
        const day = d.getUTCDate();
        d.setUTCDate(1);
        d.setUTCMonth(d.getUTCMonth() + m);
        const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
        d.setUTCDate(Math.min(day, last));
        expect(addMonths(date, m)).toBe(d.toISOString().slice(0, 10));
      }
    }
  });
});

describe('ageOn and birthday', () => {
  it('counts whole years, and a birthday on 29 February from 1 March in other years', () => {
    expect(ageOn('2008-03-02', '2026-03-01')).toBe(17);
    expect(ageOn('2008-03-02', '2026-03-02')).toBe(18);
    expect(birthday('2008-02-29', 18)).toBe('2026-03-01');
    expect(birthday('2008-02-29', 20)).toBe('2028-02-29');
  });
});
