/** The design-token subset is up to date with the theme package and the site's CSS (`npm run tokens`). */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generate, OUTPUT } from '../../src/styles/tokens.ts';

it('theme.generated.css matches what npm run tokens writes', () => {
  expect(readFileSync(OUTPUT, 'utf8')).toBe(generate());
});

it('keeps the tokens the components need and drops the others', () => {
  const css = readFileSync(OUTPUT, 'utf8');
  expect(css).toContain('--utrecht-button-primary-action-background-color');
  expect(css).toContain('--basis-color-default-color-document');
  expect(css).not.toContain('--lux-login-link');
});
