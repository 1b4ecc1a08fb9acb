/** Today in the Netherlands (src/contract/today.ts): right on both sides of midnight, winter and summer, also when remembered. */
import { describe, expect, it } from 'vitest';
import { todayInNetherlands } from '../../src/contract/today.ts';

describe('today in the Netherlands', () => {
  it.each([
    // Winter time (CET, UTC+1): midnight in Amsterdam is 23:00 UTC.
    ['2026-01-14T22:59:59.999Z', '2026-01-14'],
    ['2026-01-14T23:00:00.000Z', '2026-01-15'],
    // Summer time (CEST, UTC+2): midnight is 22:00 UTC.
    ['2026-07-01T21:59:59.999Z', '2026-07-01'],
    ['2026-07-01T22:00:00.000Z', '2026-07-02'],
    // The night the clocks go forward (29 March 2026, 02:00 CET -> 03:00 CEST) and back (25 October 2026).
    ['2026-03-28T23:00:00.000Z', '2026-03-29'],
    ['2026-10-24T21:59:59.999Z', '2026-10-24'],
    ['2026-10-24T22:00:00.000Z', '2026-10-25'],
    ['2026-12-31T23:00:00.000Z', '2027-01-01'],
  ])('%s is %s, the first time and when asked again within the minute', (at, date) => {
    expect(todayInNetherlands(new Date(at))).toBe(date);
    expect(todayInNetherlands(new Date(at))).toBe(date);
  });

  it('changes in the minute of midnight, asked one after the other', () => {
    expect(todayInNetherlands(new Date('2026-01-14T22:59:30.000Z'))).toBe('2026-01-14');
    expect(todayInNetherlands(new Date('2026-01-14T23:00:00.000Z'))).toBe('2026-01-15');
    expect(todayInNetherlands(new Date('2026-01-14T22:59:59.000Z'))).toBe('2026-01-14');
  });
});
