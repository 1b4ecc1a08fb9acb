/**
 * The case page's forms (status, assignee, note, outcomes per scheme): typed input, the change, and
 * its audit entry. The page renders what comes back: where to go, or the status and the errors to show.
 */
import { z } from 'zod';
import { toCents } from '../../engine/money.ts';
import { audit, type AuditAction } from '../audit/log.ts';
import type { Outcome } from '../db/schema.ts';
import { parseNumber } from '../screening/format.ts';
import type { Services } from '../services.ts';
import { field, formInput, text } from '../staff/forms.ts';
import { consoleT } from '../staff/i18n.ts';
import type { ConsoleUser } from '../staff/sessions.ts';
import { confirmCall, refuseCall } from './phone-requests.ts';
import { addNote, assignCase, isOutcome, MAX_NOTE_LENGTH, schemeLabel, setOutcomes, setStatus } from './cases.ts';

export interface FieldError {
  field: string;
  message: string;
}

export type FormResult = { redirect: string } | { status: 400 | 404; errors: FieldError[] };

const caseForm = z.object({
  _action: text(20),
  status: text(20),
  assignee: text(40),
  // A note is kept as typed (not trimmed); addNote checks its length.
  note: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
});

/** One form posted on case `id`. */
export async function caseAction(s: Services, user: ConsoleUser, id: string, form: FormData): Promise<FormResult> {
  const t = consoleT(user.language);
  const input = formInput(form, caseForm);
  const errors: FieldError[] = [];
  const log = (action: AuditAction, details?: Record<string, unknown>): Promise<void> =>
    audit(s.database.db, { municipality: user.municipality, staffId: user.id, action, subjectType: 'consent', subjectId: id, details });
  let outcome: string = 'invalid';
  let done = '';
  if (input._action === 'call-refused') {
    // Audited inside: the request and its case are gone, so the worklist is where to go.
    const gone = await refuseCall(s, user, id);
    return gone ? { redirect: '/beheer/werklijst?klaar=call-refused' } : { status: 404, errors };
  }
  if (input._action === 'call-confirmed') {
    outcome = await confirmCall(s, user, id);
    done = 'call-confirmed';
  } else if (input._action === 'status') {
    outcome = await setStatus(s, user, id, input.status);
    done = 'status-changed';
    if (outcome === 'ok') await log('case.status', { to: input.status });
    if (outcome === 'invalid') errors.push({ field: 'status', message: t('case.errors.status') });
  } else if (input._action === 'assign') {
    const value = input.assignee;
    outcome = await assignCase(s, user, id, value === 'me' ? user.id : value === '' ? null : value);
    done = 'assigned';
    if (outcome === 'ok') await log('case.assign');
    if (outcome === 'invalid') errors.push({ field: 'assignee', message: t('case.errors.assignee') });
  } else if (input._action === 'note') {
    outcome = await addNote(s, user, id, input.note);
    done = 'note-added';
    if (outcome === 'ok') await log('case.note');
    if (outcome === 'invalid') errors.push({ field: 'note', message: t('case.errors.note', { max: MAX_NOTE_LENGTH }) });
  } else if (input._action === 'outcomes') {
    const changes = outcomeChanges(s, user, form, errors);
    if (errors.length === 0) {
      outcome = await setOutcomes(s, user, id, changes);
      done = 'outcomes-saved';
      if (outcome === 'ok') await log('case.outcome');
    }
  }
  if (outcome === 'unconfirmed') errors.push({ field: 'call', message: t('case.errors.unconfirmed') });
  if (outcome === 'ok' || outcome === 'unchanged')
    return { redirect: `/beheer/werklijst/${id}?klaar=${outcome === 'ok' ? done : 'unchanged'}` };
  return { status: outcome === 'not-found' ? 404 : 400, errors };
}

/** The outcome and amount per scheme (`scheme`, `outcome-<id>`, `yearly-<id>` in euros); a bad amount is an error. */
function outcomeChanges(
  s: Services,
  user: ConsoleUser,
  form: FormData,
  errors: FieldError[],
): Record<string, { outcome: Outcome | null; yearly?: number }> {
  const t = consoleT(user.language);
  const changes: Record<string, { outcome: Outcome | null; yearly?: number }> = {};
  for (const schemeId of form.getAll('scheme').map(String).slice(0, 60)) {
    const value = field(form, `outcome-${schemeId}`, 20);
    const amount = field(form, `yearly-${schemeId}`, 20);
    const euros = amount ? parseNumber(amount, true) : undefined;
    if (euros !== undefined && (Number.isNaN(euros) || euros < 0)) {
      errors.push({
        field: `yearly-${schemeId}`,
        message: t('case.errors.amount', { scheme: schemeLabel(s, user.municipality, schemeId, user.language) }),
      });
      continue;
    }
    changes[schemeId] = { outcome: isOutcome(value) ? value : null, ...(euros !== undefined ? { yearly: toCents(euros) } : {}) };
  }
  return changes;
}
