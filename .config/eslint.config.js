// ESLint flat config: TypeScript rules for src/ and test/, and the house's fences (fences.js) for src/,
// `.astro` files included. Everything else about `.astro` files is checked by `astro check`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { rondkomen } from './fences.js';

export default tseslint.config(
  { ignores: ['dist/**', '.astro/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['**/*.astro'], processor: rondkomen.processors.astro },
  {
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    plugins: { rondkomen },
    rules: { 'rondkomen/fence': 'error' },
  },
  {
    // A function that does not fit on a screen or two does more than one thing: split it into named steps (issue 16).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
);
