/** How long the rules still cover and which documents are due: for `content:check` and the console's notice to admins. */
import { describe, expect, it } from 'vitest';
import { calendarStatus, NOTICE_DAYS, rulesNotice } from '../../src/content/calendar-status.ts';
import { addDays } from '../../src/engine/dates.ts';
import { rulebook } from '../support/rulebook.ts';

const rb = rulebook();

describe('the rules calendar', () => {
  it('counts the days to the end of the period, and lists the documents provisional values await, most values first', () => {
    const s = calendarStatus(rb, addDays(rb.validTo, -100));
    expect(s.daysLeft).toBe(100);
    expect(s.provisional).toBeGreaterThan(20);
    expect(s.due.map((d) => d.document.id)).toContain('normenbrief-januari');
    for (let i = 1; i < s.due.length; i++) expect(s.due[i - 1]!.parameters.length).toBeGreaterThanOrEqual(s.due[i]!.parameters.length);
    const normenbrief = s.due.find((d) => d.document.id === 'normenbrief-januari')!;
    expect(normenbrief.parameters).toContain('participatiewet/norm-alleenstaande');
  });

  it(`gives the console a notice from ${NOTICE_DAYS} days before the end, and after it`, () => {
    expect(rulesNotice(rb, addDays(rb.validTo, -(NOTICE_DAYS + 1)))).toBeUndefined();
    expect(rulesNotice(rb, addDays(rb.validTo, -NOTICE_DAYS))?.daysLeft).toBe(NOTICE_DAYS);
    expect(rulesNotice(rb, addDays(rb.validTo, 5))?.daysLeft).toBe(-5);
  });

  it('no longer counts a provisional value once its period is over', () => {
    expect(calendarStatus(rb, addDays(rb.validTo, 1)).provisional).toBe(0);
  });
});
