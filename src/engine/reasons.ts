/** Building blocks for reasons: every conclusion carries a code, parameters for its text, and its legal source. */
import type { LegalSource } from './rulebook.ts';
import type { Reason, ReasonParam } from './types.ts';

export function reason(code: string, params: Record<string, ReasonParam> = {}, source?: LegalSource): Reason {
  return { code, params, source };
}

export const money = (cents: number): ReasonParam => ({ money: cents });
export const rate = (ppm: number): ReasonParam => ({ rate: ppm });
export const count = (n: number): ReasonParam => ({ count: n });
export const text = (t: string): ReasonParam => ({ text: t });
export const scheme = (id: string): ReasonParam => ({ scheme: id });
export const label = (key: string): ReasonParam => ({ label: key });
