/**
 * What staff do from the account pages and a colleague's page, each change logged here (so no page
 * writes the audit log): ending sessions, switching municipality, logging out, and the actions on a
 * staff member (role, unlock, new password, end sessions, remove).
 */
import { z } from 'zod';
import { audit, type AuditAction } from '../audit/log.ts';
import type { Services } from '../services.ts';
import { findStaff, removeStaff, resetPassword, setRole, unlock, type ChangeOutcome } from './accounts.ts';
import { formInput, text } from './forms.ts';
import { endOtherSessions, endSession, endSessionsIn, switchMunicipality, type ConsoleUser } from './sessions.ts';

/** Ends the person's other sessions (the one in use stays); logged with how many ended. */
export async function endOwnOtherSessions(s: Services, user: ConsoleUser): Promise<number> {
  const ended = await endOtherSessions(s, user.id, user.sessionId);
  await audit(s.database.db, { municipality: user.municipality, staffId: user.id, action: 'sessions-ended', details: { ended } });
  return ended;
}

/** Switches to another of the person's municipalities; logged in the municipality switched to. */
export async function switchTo(s: Services, user: ConsoleUser, municipality: string): Promise<boolean> {
  if (!(await switchMunicipality(s, user, municipality))) return false;
  await audit(s.database.db, { municipality, staffId: user.id, action: 'municipality-switched', details: { from: user.municipality } });
  return true;
}

/** Ends the session of `token` (when there is one) and logs the logout. */
export async function logOut(s: Services, user: ConsoleUser, token: string | undefined): Promise<void> {
  if (token) await endSession(s, token);
  await audit(s.database.db, { municipality: user.municipality, staffId: user.id, action: 'logout' });
}

const staffForm = z.object({ _action: text(20), role: text(20) });

export type StaffMemberResult =
  | { redirect: string }
  | { outcome: Exclude<ChangeOutcome, 'ok'> }
  /** A new password, shown once on the page. */
  | { outcome: 'ok'; password: string };

/** One action on staff member `id` from their page's form. */
export async function staffMemberAction(s: Services, user: ConsoleUser, id: string, form: FormData): Promise<StaffMemberResult> {
  const input = formInput(form, staffForm);
  const log = (a: AuditAction, details?: Record<string, unknown>): Promise<void> =>
    audit(s.database.db, { municipality: user.municipality, staffId: user.id, action: a, subjectType: 'staff', subjectId: id, details });
  const page = `/beheer/medewerkers/${id}`;
  switch (input._action) {
    case 'role': {
      const outcome = await setRole(s.database.db, user.municipality, id, input.role);
      if (outcome !== 'ok') return { outcome };
      await log('staff.role', { role: input.role });
      return { redirect: `${page}?klaar=role-changed` };
    }
    case 'unlock': {
      const outcome = await unlock(s, user, id);
      return outcome === 'ok' ? { redirect: `${page}?klaar=unlocked` } : { outcome };
    }
    case 'reset': {
      const r = await resetPassword(s, user, id);
      if (r.outcome !== 'ok') return { outcome: r.outcome };
      return r.password ? { outcome: 'ok', password: r.password } : { outcome: 'invalid' };
    }
    case 'sessions': {
      const ended = await endSessionsIn(s, id, user.municipality);
      if (!(await findStaff(s.database.db, user.municipality, id))) return { outcome: 'not-found' };
      await log('sessions-ended', { ended });
      return { redirect: `${page}?klaar=sessions-ended` };
    }
    case 'remove': {
      const outcome = await removeStaff(s.database.db, user.municipality, id);
      if (outcome !== 'ok') return { outcome };
      await log('staff.remove');
      return { redirect: '/beheer/medewerkers?klaar=staff-removed' };
    }
    default:
      return { outcome: 'invalid' };
  }
}
