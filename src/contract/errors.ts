/**
 * Errors of the check contract: `{ "error": { "code": "invalid-input", "issues": [{ "path", "message" }] } }`.
 * Messages are plain language in the requested language; `path` points at the field. Never a stack trace.
 */
import type { z } from 'zod';
import { CheckInputError } from '../engine/check.ts';
import { MissingParameterError } from '../engine/parameters.ts';
import type { Language } from '../engine/rulebook.ts';
import { translator } from '../i18n/index.ts';

export interface ContractIssue {
  path: string;
  /** A stable code for the kind of problem (extends the contract; `message` is what people read). */
  code: string;
  message: string;
}

export interface ContractError {
  error: {
    code: 'invalid-input' | 'invalid-json' | 'body-too-large' | 'too-many-requests' | 'no-rules' | 'internal-error';
    issues: ContractIssue[];
  };
}

interface RawIssue {
  path: (string | number)[];
  code: string;
  params: Record<string, string | number>;
}

const TYPE_CODES: Record<string, string> = {
  number: 'expected-number',
  int: 'whole-number',
  string: 'expected-text',
  array: 'expected-list',
  object: 'expected-object',
  boolean: 'expected-boolean',
};

/** Maps zod's issues to our own codes, one per problem (an unknown key per key). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    switch (issue.code) {
      case 'invalid_type':
        out.push({ path, code: issue.input === undefined ? 'required' : (TYPE_CODES[issue.expected] ?? 'invalid-input'), params: {} });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: [...path, key], code: 'unknown-field', params: {} });
        break;
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const limit = String(small ? issue.minimum : issue.maximum);
        const code =
          issue.origin === 'array'
            ? small
              ? 'too-few'
              : 'too-many'
            : issue.origin === 'string'
              ? small
                ? 'too-short'
                : 'too-long'
              : small
                ? 'too-small-number'
                : 'too-big-number';
        out.push({ path, code, params: small ? { min: limit } : { max: limit } });
        break;
      }
      case 'invalid_value':
        out.push({ path, code: 'invalid-option', params: { options: issue.values.map(String).join(', ') } });
        break;
      case 'invalid_union':
        out.push({
          path,
          code: 'invalid-option',
          params: { options: ((issue as { options?: unknown[] }).options ?? []).map(String).join(', ') },
        });
        break;
      case 'invalid_format':
        out.push({
          path,
          code: issue.format === 'date' ? 'invalid-date' : path[path.length - 1] === 'municipality' ? 'municipality-code' : 'invalid-input',
          params: {},
        });
        break;
      case 'custom': {
        const p = issue.params as { code?: string; max?: number } | undefined;
        out.push({ path, code: String(p?.code ?? 'invalid-input'), params: p?.max === undefined ? {} : { max: String(p.max) } });
        break;
      }
      default:
        out.push({ path, code: 'invalid-input', params: {} });
    }
  }
  return out;
}

/** A readable name for a field path, for example "Persoon 2: leeftijd". */
export function fieldLabel(path: readonly (string | number)[], language: Language): string {
  const t = translator(language);
  if (path.length === 0) return t('fields._root');
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const next = path[i + 1];
    if ((key === 'people' || key === 'incomes') && typeof next === 'number') {
      parts.push(t(key === 'people' ? 'fields.person' : 'fields.income', { n: next + 1 }));
      i++;
    } else if (typeof key === 'number') {
      parts.push(String(key + 1));
    } else {
      const label = t(`fields.${key}`, { defaultValue: key });
      parts.push(label);
    }
  }
  return parts.join(' – ');
}

/** At most this many issues in one error; the rest are counted in one last issue (`more-issues`). */
export const MAX_ISSUES = 50;
/** Longest name of a field that an issue repeats (an unknown key can be as long as the body). */
const MAX_KEY_LENGTH = 60;

const shortKey = (key: string | number): string | number =>
  typeof key === 'string' && key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH)}…` : key;

/**
 * The issues people read, in their language. However many problems a body has, the answer stays
 * small: the first `MAX_ISSUES`, then one that says how many more there are, with long keys cut.
 */
export function toContractIssues(raw: readonly RawIssue[], language: Language): ContractIssue[] {
  const t = translator(language);
  const issues: ContractIssue[] = raw.slice(0, MAX_ISSUES).map((r) => {
    const path = r.path.map(shortKey);
    return { path: path.join('.'), code: r.code, message: t(`errors.${r.code}`, { ...r.params, field: fieldLabel(path, language) }) };
  });
  if (raw.length > MAX_ISSUES) {
    const count = raw.length - MAX_ISSUES;
    issues.push({ path: '', code: 'more-issues', message: t('errors.more-issues', { count }) });
  }
  return issues;
}

export function contractError(code: ContractError['error']['code'], raw: readonly RawIssue[], language: Language): ContractError {
  return { error: { code, issues: toContractIssues(raw, language) } };
}

/**
 * The engine's two expected failures as the error JSON, for every door into it (the check, life events,
 * what-if): input that does not fit the rulebook (`invalid-input`, with the engine's path), and a value
 * the rules lack for the date (`no-rules`). Anything else is a fault of ours and is thrown again.
 */
export function fromEngineError(e: unknown, language: Language): ContractError {
  if (e instanceof CheckInputError) {
    const raw = e.issues.map((i) => ({
      path: i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      code: i.code,
      params: i.params,
    }));
    return contractError('invalid-input', raw, language);
  }
  if (e instanceof MissingParameterError)
    return contractError('no-rules', [{ path: ['referenceDate'], code: 'no-rules', params: {} }], language);
  throw e;
}
