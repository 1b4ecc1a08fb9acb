/** `npm run content:coverage`: every municipality against the schemes the council decides. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { coverage, coverageTable, summaryTable } from '../../src/content/coverage.ts';
import { rulebook } from '../support/rulebook.ts';

describe('content coverage', () => {
  const c = coverage(rulebook(), '2026-12-06');

  it('has a row for each of the 342 municipalities', () => {
    expect(c.rows).toHaveLength(342);
    expect(coverageTable(c).split('\n')).toHaveLength(344);
  });

  it('classes the five municipalities with content by the weakest provenance of their values, and the rest as generic', () => {
    const row = (code: string) => c.rows.find((r) => r.code === code)!;
    expect(row('GM0106').schemes).toEqual({
      'individuele-inkomenstoeslag': 'municipal',
      'bijzondere-bijstand': 'municipal',
      kwijtschelding: 'generic',
      'collectieve-zorgverzekering': 'municipal',
    });
    expect(row('GM0267').schemes.kwijtschelding).toBe('municipal');
    expect(row('GM1708').otherSchemes).toBe(3);
    expect(row('GM0106').newest).toBe('2025-01-01');
    expect(row('GM0363')).toEqual({
      code: 'GM0363',
      name: 'Amsterdam',
      schemes: {
        'individuele-inkomenstoeslag': 'generic',
        'bijzondere-bijstand': 'generic',
        kwijtschelding: 'generic',
        'collectieve-zorgverzekering': 'none',
      },
      otherSchemes: 0,
      newest: undefined,
    });
  });

  it('sums to 342 per scheme', () => {
    for (const counts of Object.values(c.summary)) expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(342);
    expect(c.summary['individuele-inkomenstoeslag']).toEqual({ official: 0, municipal: 39, secondary: 1, generic: 302, none: 0 });
    expect(c.summary.kwijtschelding).toEqual({ official: 2, municipal: 23, secondary: 1, generic: 316, none: 0 });
    expect(c.rows.find((r) => r.code === 'GM1892')?.schemes.kwijtschelding).toBe('official');
    expect(c.rows.find((r) => r.code === 'GM0518')?.schemes.kwijtschelding).toBe('municipal');
  });

  it('is the summary the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const body = summaryTable(c).split('\n').slice(1).join('\n');
    expect(readme).toContain(body);
  });
});
