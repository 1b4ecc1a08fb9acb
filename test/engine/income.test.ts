/**
 * Gross ↔ net and the toetsingsinkomen estimate, against the SZW Normenbrief 1 januari 2026:
 * bijlage VI (rekenregels: loonheffingskorting, first-bracket rates) and bijlage VII (estimated taxable
 * income of someone on a full bijstand benefit).
 */
import { describe, expect, it } from 'vitest';
import { estimatePersonIncome } from '../../src/engine/income.ts';
import { evaluateScale, ParameterReader } from '../../src/engine/parameters.ts';
import type { Person } from '../../src/engine/types.ts';
import { kostendelersnormPerPerson } from '../../src/engine/rules/bijstandsnorm.ts';
import { rulebook } from '../support/rulebook.ts';

const reader = (date: string) => new ParameterReader(rulebook(), date, undefined);
const person: Person = { id: 'a', role: 'applicant', age: 40, student: false, inInstitution: false };

describe('Normenbrief 1 januari 2026, bijlage VII: taxable income of a person on full bijstand', () => {
  it('estimates 21,327 for a single person whose net bijstand is 12 × 1,401.50 = 16,818.00 a year', () => {
    const r = estimatePersonIncome(
      person,
      [{ person: 'a', type: 'bijstand', amount: 1681800, period: 'year', basis: 'net' }],
      undefined,
      false,
      true,
      reader('2026-01-01'),
    );
    expect(r.taxableEstimated).toBe(true);
    // The Normenbrief rounds to whole euros: within one euro.
    expect(Math.abs(r.taxable - 2132700)).toBeLessThanOrEqual(100);
  });

  it('estimates 13,848 per partner for a couple whose net bijstand is 6 × 2,002.13 = 12,012.78 a year each', () => {
    const r = estimatePersonIncome(
      person,
      [{ person: 'a', type: 'bijstand', amount: 1201278, period: 'year', basis: 'net' }],
      undefined,
      false,
      false,
      reader('2026-01-01'),
    );
    expect(Math.abs(r.taxable - 1384800)).toBeLessThanOrEqual(100);
  });

  it('uses a given toetsingsinkomen as it is and does not call it an estimate', () => {
    const r = estimatePersonIncome(
      person,
      [{ person: 'a', type: 'wages', amount: 150000, period: 'month', basis: 'net' }],
      2500000,
      false,
      true,
      reader('2026-01-01'),
    );
    expect(r.taxable).toBe(2500000);
    expect(r.taxableEstimated).toBe(false);
  });

  it('turns a gross income into net and back to the same gross', () => {
    const p = reader('2026-01-01');
    const gross = estimatePersonIncome(
      person,
      [{ person: 'a', type: 'wages', amount: 250000, period: 'month', basis: 'gross' }],
      undefined,
      false,
      true,
      p,
    );
    const net = estimatePersonIncome(
      person,
      [{ person: 'a', type: 'wages', amount: gross.yearlyNet, period: 'year', basis: 'net' }],
      undefined,
      false,
      true,
      p,
    );
    expect(Math.abs(net.taxable - gross.yearlyGross)).toBeLessThanOrEqual(2);
    // 2,500 gross a month plus 8 % holiday pay is 32,400 a year.
    expect(gross.yearlyGross).toBe(3240000);
  });
});

describe('Normenbrief 1 januari 2026, bijlage VI: rekenregels', () => {
  const p = reader('2026-01-01');
  it('has a loonheffingskorting (algemene heffingskorting) of 3,115 below the AOW age', () => {
    expect(evaluateScale(p.scale('inkomstenbelasting/algemene-heffingskorting'), 1000000)).toBe(311500);
  });
  it('has 3,623 for married and 4,163 for single people of AOW age (AHK + ouderenkorting, + alleenstaande ouderenkorting)', () => {
    const ahk = evaluateScale(p.scale('inkomstenbelasting/algemene-heffingskorting-aow'), 1000000);
    const ouderen = evaluateScale(p.scale('inkomstenbelasting/ouderenkorting'), 1000000);
    expect(ahk + ouderen).toBe(362300);
    expect(ahk + ouderen + p.money('inkomstenbelasting/alleenstaande-ouderenkorting')).toBe(416300);
  });
  it('has a first bracket of 35.75 % below and 17.85 % from the AOW age', () => {
    expect(p.scale('inkomstenbelasting/tarief').brackets[0]!.rate).toBe(357500);
    expect(p.scale('inkomstenbelasting/tarief-aow').brackets[0]!.rate).toBe(178500);
  });
  it('has a first-bracket rate after arbeidskorting of 27.426 %: the arbeidskorting starts at 8.324 %', () => {
    expect(p.scale('inkomstenbelasting/tarief').brackets[0]!.rate - p.scale('inkomstenbelasting/arbeidskorting').brackets[0]!.rate).toBe(
      274260,
    );
  });
  it('withholds a Zvw contribution of 4.85 % up to 79,409 on benefits and pensions', () => {
    expect(p.rate('zvw/bijdrage-percentage')).toBe(48500);
    expect(p.money('zvw/maximum-bijdrage-inkomen')).toBe(7940900);
  });
});

describe('kostendelersnorm (Participatiewet art. 22a)', () => {
  // Gemeente Velsen, "Bijstandsnormen per 1 juli 2024": from B = 1,869.21 per person 934.61, 809.99, 747.68, 710.30, 685.38.
  it.each([
    [2, 93461],
    [3, 80999],
    [4, 74768],
    [5, 71030],
    [6, 68538],
  ])('reproduces the Velsen table for A = %i: %i cents', (a, expected) => {
    expect(kostendelersnormPerPerson(186921, a, reader('2026-01-01'))).toBe(expected);
  });
});
