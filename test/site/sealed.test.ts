/** Answers sealed in the address (docs/decisions/0008-back-that-works.md): only this browser, this page, two hours. */
import { describe, expect, it } from 'vitest';
import { parseStepState } from '../../src/site/check-state.ts';
import { isBrowserKey, newBrowserKey, openForm, sealForm, SEALED_TTL_MS } from '../../src/site/sealed.ts';

const FORM: [string, string][] = [
  ['_answers', JSON.stringify({ place: '9401', age: '38', childAges: '8, 14', 'inc.a.wages.amount': '1050' })],
  ['purpose', 'contact'],
  ['purpose', 'rule-changes'],
];

describe('sealed forms', () => {
  const key = newBrowserKey();
  const now = Date.UTC(2026, 11, 6, 13, 0);
  const token = sealForm(FORM, 'results', key, now)!;

  it('open again in the same browser, for the same page, with repeated fields kept', () => {
    expect(isBrowserKey(key)).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(openForm(token, 'results', key, now + 1000)).toEqual(FORM);
  });
  it('are unreadable: nothing of the answers in the token', () => {
    const raw = Buffer.from(token, 'base64url').toString('latin1');
    for (const secret of ['9401', '1050', 'place', 'contact']) expect(raw).not.toContain(secret);
  });
  it('open nothing in another browser, on another page, after two hours, or when changed', () => {
    expect(openForm(token, 'results', newBrowserKey(), now)).toBeUndefined();
    expect(openForm(token, 'results', undefined, now)).toBeUndefined();
    expect(openForm(token, 'change', key, now)).toBeUndefined();
    expect(openForm(token, 'results', key, now + SEALED_TTL_MS + 1)).toBeUndefined();
    const flipped = Buffer.from(token, 'base64url');
    flipped[flipped.length - 1] = flipped.at(-1)! ^ 1;
    expect(openForm(flipped.toString('base64url'), 'results', key, now)).toBeUndefined();
  });
  it('refuse a form too large for an address', () => {
    expect(sealForm([['_answers', 'x'.repeat(60_000)]], 'results', key, now)).toBeUndefined();
  });
});

describe('the check state from a sealed address', () => {
  it('keeps known answers, a real step and well-formed errors only', () => {
    const state = parseStepState(
      JSON.stringify({
        answers: { age: '٣٨', evil: 'x' },
        step: 'jij',
        errors: [{ field: 'age', code: 'age-range', params: { min: 16 } }, { field: 1 }],
        returnTo: 'overzicht',
      }),
    );
    expect(state).toEqual({
      answers: { age: '٣٨' },
      step: 'jij',
      errors: [{ field: 'age', code: 'age-range', params: { min: 16 } }],
      returnTo: 'overzicht',
    });
    expect(parseStepState(JSON.stringify({ step: 'nope' }))).toBeUndefined();
    expect(parseStepState('not json')).toBeUndefined();
  });
});
