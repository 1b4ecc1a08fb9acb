/**
 * `npm run content:carry-forward`: opening the next period before its documents are out. On a copy of
 * content/, the new period must load without a problem, carry every published amount forward as
 * provisional (awaiting the document that sets it), let fixed values run on, and change no number.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { carryForward } from '../../src/cli/content-carry-forward.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/content/files.ts';
import { loadRulebook } from '../../src/content/load.ts';
import { addDays } from '../../src/engine/dates.ts';
import { valueOn, versionOn } from '../../src/engine/parameters.ts';
import { runCheck } from '../../src/contract/check.ts';
import { ank } from '../support/households.ts';

const dir = mkdtempSync(join(tmpdir(), 'rondkomen-content-'));
cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const before = loadRulebook();
const end = before.validTo;
const next = `${Number(end.slice(0, 4)) + 1}-12-31`;
const report = carryForward(next, dir);
const after = loadRulebook(dir);
const first = addDays(end, 1);

describe('carrying the rules forward to the next period', () => {
  it('loads without a problem and covers the new period', () => {
    expect(after.validTo).toBe(next);
    expect(report.provisional.length).toBeGreaterThan(40);
    for (const rule of Object.values(after.rules)) expect(versionOn(rule, next)).toBeDefined();
  });

  it('carries an amount forward as provisional, awaiting the document that sets it, with the same number', () => {
    const norm = after.parameters['participatiewet/norm-alleenstaande']!;
    const carried = valueOn(norm, first)!;
    expect(carried).toMatchObject({ provisional: true, unverified: true, awaiting: 'normenbrief-januari', to: next });
    expect(carried.value).toBe(valueOn(before.parameters['participatiewet/norm-alleenstaande']!, end)!.value);
    expect(valueOn(after.parameters['inkomstenbelasting/tarief']!, first)!.awaiting).toBe('belastingplan');
    // A council's amount awaits the council's own document.
    const municipal = Object.values(after.parameters).find((p) => p.id.startsWith('GM0267/') && p.unit.startsWith('EUR'))!;
    expect(valueOn(municipal, first)!.awaiting).toBe('nijkerk-minima');
    // A municipality's tax tariff awaits the councils' tax regulations.
    const tariff = after.parameters['local-taxes/GM0106/afvalstoffenheffing/single']!;
    expect(valueOn(tariff, first)).toMatchObject({ provisional: true, awaiting: 'gemeentebelastingen', to: next });
    expect(valueOn(tariff, first)!.value).toBe(valueOn(before.parameters['local-taxes/GM0106/afvalstoffenheffing/single']!, end)!.value);
    expect(valueOn(after.parameters['local-taxes/GM1708/rioolheffing-owner/all']!, first)!.awaiting).toBe('gemeentebelastingen');
  });

  it('lets a value fixed in the law run on without calling it provisional', () => {
    const age = valueOn(after.parameters['participatiewet/minimumleeftijd']!, next)!;
    expect(age.provisional).toBe(false);
    expect(age.value).toBe(18);
    // A shared regulation's percentage (content/regulations/) runs on too, for every municipality that refers to it.
    expect(report.extended).toContain('regulations/drentsche-aa/income-limit-percent');
    expect(valueOn(after.parameters['GM1730/individuele-inkomenstoeslag/income/percent']!, next)!.value).toBe(120 * 10_000);
  });

  it('gives the same result for a date in the old period, and a result with a provisional receipt in the new one', () => {
    const options = { today: end, computedAt: '' };
    const old = { ...ank, referenceDate: end };
    const a = runCheck(old, before, options);
    const b = runCheck(old, after, options);
    if (!a.ok || !b.ok) throw new Error('check failed');
    expect(b.result.schemes.map((s) => [s.id, s.status, s.amount])).toEqual(a.result.schemes.map((s) => [s.id, s.status, s.amount]));
    const fresh = runCheck({ ...ank, referenceDate: first }, after, options);
    if (!fresh.ok) throw new Error(JSON.stringify(fresh.error));
    expect(fresh.result.receipt.provisional).toBe(true);
  });

  it('refuses an end that is not after the current one', () => {
    expect(() => carryForward(end, dir)).toThrow(/after the current end/);
  });
});
