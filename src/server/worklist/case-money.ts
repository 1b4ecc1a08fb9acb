/**
 * The money of a case's household for staff: the engine's ledger (the same one account the resident's
 * results page shows), computed from the answers the resident shared, on the date of the case's
 * snapshot and in the staff member's language. Nothing here adds up money: the engine does.
 */
import { runCheck } from '../../contract/check.ts';
import type { PublicLedger } from '../../contract/result.ts';
import type { ConsoleLanguage } from '../staff/i18n.ts';
import type { Services } from '../services.ts';

export function caseLedger(
  s: Services,
  household: Record<string, unknown> | null | undefined,
  referenceDate: string,
  language: ConsoleLanguage,
): PublicLedger | undefined {
  if (!household) return undefined;
  const r = runCheck({ ...household, language }, s.rulebook, { today: referenceDate, computedAt: s.now().toISOString() });
  return r.ok ? r.result.ledger : undefined;
}
