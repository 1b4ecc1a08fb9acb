/**
 * Payment dates and deadlines (content/payment-dates.yaml): validated like the rest of content/, every
 * problem reported with the file. A payer or deadline must name schemes the rulebook knows (national
 * schemes or a municipality's), incomes must be income types, a published day must fall in the period
 * it is for or in the month before, and a deadline's day must exist in every year.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Rulebook } from '../engine/rulebook.ts';
import { addMonths } from '../engine/dates.ts';
import { INCOME_TYPES } from '../engine/types.ts';
import { DEFAULT_CONTENT_DIR } from './files.ts';
import { ContentError } from './load.ts';
import { paymentDatesFileSchema, type PaymentDates } from './schema.ts';

const FILE = 'payment-dates.yaml';
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Reads and validates content/payment-dates.yaml; `schemes` are the scheme ids of the rulebook. */
export function loadPaymentDates(schemes: ReadonlySet<string>, contentDir: string = DEFAULT_CONTENT_DIR): PaymentDates {
  const path = join(contentDir, FILE);
  if (!existsSync(path)) throw new ContentError([`${FILE}: missing`]);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ContentError([`${FILE}: not valid YAML: ${(e as Error).message}`]);
  }
  const r = paymentDatesFileSchema.safeParse(raw);
  if (!r.success) throw new ContentError(r.error.issues.map((i) => `${FILE}: ${i.path.join('.') || '(file)'}: ${i.message}`));
  const data = r.data;
  const problems: string[] = [];
  const incomeTypes: ReadonlySet<string> = new Set(INCOME_TYPES);
  if (data.to < data.from) problems.push(`${FILE}: to ${data.to} is before from ${data.from}`);
  const ids = new Set<string>();
  const unique = (kind: string, id: string): void => {
    if (ids.has(`${kind}:${id}`)) problems.push(`${FILE}: ${kind} ${id} is listed twice`);
    ids.add(`${kind}:${id}`);
  };
  const paidBy = new Map<string, string>();
  for (const p of data.payers) {
    unique('payer', p.id);
    for (const s of p.schemes) {
      if (!schemes.has(s)) problems.push(`${FILE}: payer ${p.id}: unknown scheme ${s}`);
      if (paidBy.has(s)) problems.push(`${FILE}: scheme ${s} is paid by both ${paidBy.get(s)} and ${p.id}`);
      paidBy.set(s, p.id);
    }
    for (const i of p.incomes ?? []) if (!incomeTypes.has(i)) problems.push(`${FILE}: payer ${p.id}: unknown income type ${i}`);
    for (const d of p.published) {
      const month = d.date.slice(0, 7);
      const near = [-1, 0, 3].map((n) => addMonths(`${d.for}-01`, n).slice(0, 7));
      if (!near.includes(month))
        problems.push(`${FILE}: payer ${p.id}: published day ${d.date} is not near the period ${d.for}`);
    }
  }
  for (const h of data.holidayPay) {
    unique('holidayPay', h.id);
    for (const i of h.incomes) if (!incomeTypes.has(i)) problems.push(`${FILE}: holidayPay ${h.id}: unknown income type ${i}`);
  }
  for (const d of data.deadlines) {
    unique('deadline', d.id);
    if (d.day > DAYS_IN_MONTH[d.month - 1]! || (d.month === 2 && d.day > 28)) problems.push(`${FILE}: deadline ${d.id}: day ${d.day} is not in every year`);
    for (const s of d.schemes) if (!schemes.has(s)) problems.push(`${FILE}: deadline ${d.id}: unknown scheme ${s}`);
  }
  if (problems.length > 0) throw new ContentError(problems);
  return data;
}

/** Every scheme id the rulebook knows: the national schemes and every municipality's own. */
export function schemeIds(rulebook: Rulebook): Set<string> {
  return new Set([...Object.keys(rulebook.schemes), ...Object.values(rulebook.municipalities).flatMap((m) => m.schemes.map((s) => s.id))]);
}
