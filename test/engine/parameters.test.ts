/** Reading parameters through the per-date cache: the cache must not change what a reader sees. */
import { describe, expect, it } from 'vitest';
import { Derived, MissingParameterError, ParameterReader } from '../../src/engine/parameters.ts';
import { rulebook } from '../support/rulebook.ts';

const reader = (date: string, municipality?: string) =>
  new ParameterReader(rulebook(), date, municipality ? rulebook().municipalities[municipality] : undefined);

describe('ParameterReader', () => {
  it('throws MissingParameterError for a value missing on the date, every time, also after other dates were read', () => {
    // huurtoeslag/normhuur-minimum-inkomensijkpunt exists from 2026 only.
    expect(reader('2026-03-01').money('huurtoeslag/normhuur-minimum-inkomensijkpunt')).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) {
      expect(() => reader('2025-03-01').money('huurtoeslag/normhuur-minimum-inkomensijkpunt')).toThrow(MissingParameterError);
    }
    expect(reader('2025-03-01').has('huurtoeslag/normhuur-minimum-inkomensijkpunt')).toBe(false);
    expect(reader('2026-03-01').has('huurtoeslag/normhuur-minimum-inkomensijkpunt')).toBe(true);
    expect(() => reader('2026-03-01').money('no/such-parameter')).toThrow(MissingParameterError);
  });

  it('chooses the version of a rule by date, and refuses a date no version covers', () => {
    expect(reader('2025-06-01').rule('huurtoeslag/berekening')).toBe('normhuur-2025');
    expect(reader('2026-06-01').rule('huurtoeslag/berekening')).toBe('lineair-2026');
    expect(reader('2026-12-31').rule('participatiewet/vrijlating-inkomsten')).toBe('art-31-2025');
    expect(reader('2027-01-01').rule('participatiewet/vrijlating-inkomsten')).toBe('art-34a-2027');
    expect(reader('2026-12-31').rule('kindgebonden-budget/afbouw')).toBe('een-afbouwpunt');
    expect(reader('2027-01-01').rule('kindgebonden-budget/afbouw')).toBe('twee-afbouwpunten');
    expect(reader('2027-01-01').ruleSource('participatiewet/bufferbudget').article).toBe('art. 34b');
    expect(() => reader('2024-12-31').rule('huurtoeslag/berekening')).toThrow(MissingParameterError);
  });

  it("reads a municipality's own value only for that municipality, with its source", () => {
    const id = 'kwijtschelding/norm-percentage';
    const own = reader('2026-03-01', 'GM0267');
    const national = reader('2026-03-01', 'GM0106');
    expect(own.effectiveId(id)).toBe('GM0267/kwijtschelding/norm-percentage');
    expect(national.effectiveId(id)).toBe(id);
    expect(own.source(id)).toBe(rulebook().parameters['GM0267/kwijtschelding/norm-percentage']!.source);
    expect(national.source(id)).toBe(rulebook().parameters[id]!.source);
    expect(own.source('no/such-parameter')).toBeUndefined();
  });

  it('records unverified values per reader: a fork starts empty and does not share what it reads', () => {
    // aow/leeftijd is unverified in 2026 and verified in 2025.
    const root = reader('2026-03-01');
    const fork = root.fork();
    fork.count('aow/leeftijd');
    expect(fork.unverified()).toEqual(['aow/leeftijd']);
    expect(root.unverified()).toEqual([]);
    const earlier = reader('2025-03-01');
    earlier.count('aow/leeftijd');
    expect(earlier.unverified()).toEqual([]);
  });

  it('derived values: worked out once per date, and every reader records the unverified values they rest on', () => {
    let computed = 0;
    const aowAge = new Derived('test-aow-age', (p) => {
      computed++;
      return p.count('aow/leeftijd');
    });
    const first = reader('2026-03-01');
    const second = reader('2026-03-01');
    expect(first.derive(aowAge)).toBe(second.derive(aowAge));
    expect(computed).toBe(1);
    expect(first.unverified()).toEqual(['aow/leeftijd']);
    expect(second.unverified()).toEqual(['aow/leeftijd']);

    const missing = new Derived('test-missing', (p) => p.money('huurtoeslag/normhuur-minimum-inkomensijkpunt'));
    for (let i = 0; i < 2; i++) expect(() => reader('2025-03-01').derive(missing)).toThrow(MissingParameterError);
  });
});
