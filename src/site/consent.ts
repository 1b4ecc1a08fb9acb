/**
 * The consent form on the results page: what the resident typed, the request it becomes for
 * `requestConsent` (src/server/consent/request.ts), and the form's errors in the resident's words.
 *
 * The schemes, the municipality and the household come from the answers (computed again on the
 * server), never from hidden fields: a resident cannot be signed up for something the result did
 * not show. The household goes with the request only when it will be stored (the resident ticked
 * "share my answers"); for contact alone the request carries just the flagged scheme ids.
 */
import { CONSENT_TEXT_VERSION, consentRequestSchema, RETENTION, type ConsentRequest } from '../contract/consent.ts';
import type { Language } from '../engine/rulebook.ts';
import { westernDigits } from './numerals.ts';
import type { ResultsView, SchemeView } from './results.ts';
import { dateTimeFormat, intlLocale } from '../i18n/intl-formats.ts';

export const CONSENT_FIELDS = ['purpose', 'email', 'phone', 'share'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** Longest value we keep from what was typed (to show it again); the server's own limits are lower. */
const KEEP = { email: 320, phone: 40 } as const;

export interface ConsentValues {
  purposes: ('contact' | 'rule-changes')[];
  email: string;
  phone: string;
  share: boolean;
}

export const EMPTY_CONSENT: ConsentValues = { purposes: [], email: '', phone: '', share: false };

export interface ConsentError {
  field: ConsentField | 'form';
  /** A key under `consent.errors`. */
  code: string;
}

export function readConsentForm(form: FormData): ConsentValues {
  // `_purposes` (comma-separated) is how the language switch carries the ticked purposes.
  const carried = String(form.get('_purposes') ?? '').split(',');
  const purposes = [...form.getAll('purpose'), ...carried]
    .filter((v): v is 'contact' | 'rule-changes' => v === 'contact' || v === 'rule-changes')
    .filter((v, i, all) => all.indexOf(v) === i);
  const text = (name: 'email' | 'phone'): string => {
    const v = form.get(name);
    return typeof v === 'string' ? v.slice(0, KEEP[name]) : '';
  };
  return { purposes, email: text('email'), phone: text('phone'), share: form.get('share') === 'yes' };
}

/** The schemes the result flags (likely or maybe): what the resident can ask to be contacted about. */
export function flaggedSchemes(view: ResultsView): SchemeView[] {
  return view.schemes.filter((s) => s.group === 'eligible' || s.group === 'maybe');
}

/** Checks the form itself; what remains (the address's shape, limits) is for `requestConsent`. */
export function checkConsentForm(v: ConsentValues): ConsentError[] {
  const errors: ConsentError[] = [];
  if (v.purposes.length === 0) errors.push({ field: 'purpose', code: 'purpose-required' });
  const email = v.email.trim();
  // A phone number alone is enough to be called; news about the rules goes by mail only.
  if (email === '' && v.purposes.includes('rule-changes')) errors.push({ field: 'email', code: 'email-required-rule-changes' });
  else if (email === '' && v.phone.trim() === '') errors.push({ field: 'email', code: 'contact-required' });
  else if (email.length > 254) errors.push({ field: 'email', code: 'email-too-long' });
  if (v.purposes.includes('rule-changes') && !v.share) errors.push({ field: 'share', code: 'share-required' });
  return errors;
}

export function consentRequest(v: ConsentValues, view: ResultsView, language: Language): ConsentRequest {
  const phone = westernDigits(v.phone).trim();
  const email = v.email.trim();
  return {
    ...(email !== '' ? { email } : {}),
    ...(phone !== '' && v.purposes.includes('contact') ? { phone } : {}),
    purposes: v.purposes,
    schemeIds: flaggedSchemes(view).map((s) => s.scheme.id),
    municipality: view.result.municipality.code,
    language,
    shareHousehold: v.share,
    ...(v.share ? { household: view.household as unknown as Record<string, unknown> } : {}),
    consentTextVersion: CONSENT_TEXT_VERSION,
    source: 'resident',
  };
}

/**
 * Every problem with the form at once: the form's own rules, then the request's schema (the address's
 * shape and length, the phone number), so the resident fixes everything in one go.
 */
export function validateConsent(v: ConsentValues, view: ResultsView, language: Language): ConsentError[] {
  const errors = checkConsentForm(v);
  const parsed = consentRequestSchema.safeParse(consentRequest(v, view, language));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
    for (const e of errorsFromFields(fields, v)) if (!errors.some((x) => x.field === e.field)) errors.push(e);
  }
  const order: string[] = [...CONSENT_FIELDS, 'form'];
  return errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** The fields `requestConsent` refused, as the form's errors. */
export function errorsFromFields(fields: string[], v: ConsentValues): ConsentError[] {
  const errors: ConsentError[] = [];
  for (const f of fields) {
    if (f === 'email') errors.push({ field: 'email', code: v.email.trim() === '' ? 'contact-required' : 'email-invalid' });
    else if (f === 'phone') errors.push({ field: 'phone', code: 'phone-invalid' });
    else if (f === 'purposes') errors.push({ field: 'purpose', code: 'purpose-required' });
    else if (!errors.some((e) => e.code === 'answers-invalid')) errors.push({ field: 'form', code: 'answers-invalid' });
  }
  return errors;
}

/** Hidden fields for the language switch, so what was typed survives a change of language. */
export function carryConsent(v: ConsentValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (v.purposes.length > 0) out._purposes = v.purposes.join(',');
  if (v.email !== '') out.email = v.email;
  if (v.phone !== '') out.phone = v.phone;
  if (v.share) out.share = 'yes';
  return out;
}

/** A link token as the mails carry it (base64url); anything else is not one of ours. */
export function isTokenShape(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(value);
}

/** The token of a confirm or withdraw page: from the posted form, else from the link's `?t=`. */
export async function readToken(request: Request, url: URL): Promise<string | undefined> {
  return (await readTokenForm(request, url)).token;
}

/** The token, and on the confirm page the request a button names (another request for the same mailbox). */
export async function readTokenForm(request: Request, url: URL): Promise<{ token: string | undefined; requestId: string | undefined }> {
  let value: unknown = url.searchParams.get('t');
  let requestId: unknown;
  if (request.method === 'POST') {
    try {
      const form = await request.formData();
      value = form.get('t') ?? value;
      requestId = form.get('request');
    } catch {
      // Not a form: only the link's token counts.
    }
  }
  const uuid = typeof requestId === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(requestId);
  return { token: isTokenShape(value) ? value : undefined, requestId: uuid ? (requestId as string) : undefined };
}

/** A moment as date and time in the Netherlands, for the outbox list. */
export function formatDateTime(at: Date, language: Language): string {
  return dateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(at);
}

/** Fills the retention periods (`{{days}}`, `{{phoneDays}}`, `{{closedDays}}`, `{{months}}`) into a catalogue text. */
export function withRetention(text: string): string {
  const values: Record<string, number> = {
    days: RETENTION.unconfirmedDays,
    phoneDays: RETENTION.unconfirmedPhoneDays,
    closedDays: RETENTION.afterClosedDays,
    months: RETENTION.maximumMonths,
  };
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => String(values[name] ?? m));
}

/**
 * A left-to-right value (an address, a version) inside a sentence: in right-to-left languages it is
 * wrapped in Unicode isolates, so "2026-11-22.1" does not come out as "22.1-11-2026".
 */
export function isolate(value: string, language: Language): string {
  return language === 'ar' ? `\u2066${value}\u2069` : value;
}
