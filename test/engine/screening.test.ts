/**
 * Batch screening gives, line for line, what the single check gives: the fast compact writer
 * produces exactly JSON.stringify of the compact result, over thousands of generated households.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, screenLine } from '../../src/contract/check.ts';
import { eurosJson, toCompactResult } from '../../src/contract/result.ts';
import { toEuros } from '../../src/engine/money.ts';
import { ndjsonLines } from '../bench/households.ts';
import { rulebook } from '../support/rulebook.ts';

describe('batch screening', () => {
  it('writes the compact result exactly as JSON.stringify would, for 3,000 generated households', () => {
    const options = { today: '2026-01-01', computedAt: '2026-01-01T00:00:00Z', full: false };
    let checked = 0;
    for (const line of ndjsonLines(3000, 7)) {
      const input = JSON.parse(line) as Record<string, unknown>;
      const { id, ...household } = input;
      const r = evaluate(household, rulebook(), options);
      const expected = r.ok ? JSON.stringify({ id, result: toCompactResult(r.outcome) }) : JSON.stringify({ id, error: r.error.error });
      expect(screenLine(input, rulebook(), options).line).toBe(expected);
      checked++;
    }
    expect(checked).toBe(3000);
  });

  it('never fails on generated households: every one gets a result', () => {
    for (const line of ndjsonLines(2000, 11)) {
      const r = screenLine(JSON.parse(line), rulebook(), { today: '2026-01-01', computedAt: 'x', full: false });
      expect(r.error, r.line).toBe(false);
    }
  });

  it('writes euros as JSON.stringify writes them, for every amount from -€500 to €5,000 and beyond', () => {
    const amounts = [-0, 0.4, -0.4, 0.5, -0.5, 149.5, -149.5, 1e12 + 7, -1e9 - 5, 123_456_789_012];
    for (let cents = -50_000; cents <= 500_000; cents++) amounts.push(cents);
    let differences = 0;
    for (const cents of amounts) if (eurosJson(cents) !== JSON.stringify(toEuros(cents))) differences++;
    expect(differences).toBe(0);
    expect([eurosJson(12345), eurosJson(12340), eurosJson(12300), eurosJson(5), eurosJson(-5)]).toEqual([
      '123.45',
      '123.4',
      '123',
      '0.05',
      '-0.05',
    ]);
  });
});
