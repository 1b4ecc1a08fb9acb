/**
 * The consent form's request (src/site/consent.ts) on the real rulebook: the schemes and the
 * municipality come from the computed result, the household goes along only when the resident
 * shares it, a phone number only with the contact purpose, and every problem is reported at once.
 */
import { describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION, consentRequestSchema, RETENTION } from '../../src/contract/consent.ts';
import {
  carryConsent,
  consentRequest,
  flaggedSchemes,
  readConsentForm,
  validateConsent,
  withRetention,
  type ConsentValues,
} from '../../src/site/consent.ts';
import { exampleAnswers } from '../../src/site/examples.ts';
import { computeResults } from '../../src/site/results.ts';
import { rulebook } from '../support/rulebook.ts';

const outcome = computeResults(exampleAnswers('alleenstaande-moeder-assen'), 'nl', rulebook(), '2026-03-02', '2026-03-02T10:00:00Z');
if (!outcome.ok) throw new Error('the example household must compute');
const view = outcome.view;
const values = (v: Partial<ConsentValues>): ConsentValues => ({
  purposes: ['contact'],
  email: 'ank@example.org',
  phone: '',
  share: false,
  ...v,
});

describe('the request the form becomes', () => {
  it('asks about the schemes the result flags, for the municipality of the answers', () => {
    const flagged = flaggedSchemes(view);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((s) => s.scheme.status === 'eligible' || s.scheme.status === 'maybe')).toBe(true);
    const r = consentRequest(values({}), view, 'nl');
    expect(r).toEqual({
      email: 'ank@example.org',
      purposes: ['contact'],
      schemeIds: flagged.map((s) => s.scheme.id),
      municipality: 'GM0106',
      language: 'nl',
      shareHousehold: false,
      consentTextVersion: CONSENT_TEXT_VERSION,
      source: 'resident',
    });
    expect(consentRequestSchema.safeParse(r).success).toBe(true);
  });

  it('carries the household only when the resident shares it', () => {
    expect(consentRequest(values({ share: true }), view, 'en')).toMatchObject({
      shareHousehold: true,
      household: view.household,
      language: 'en',
    });
    expect(consentRequest(values({ share: false }), view, 'nl')).not.toHaveProperty('household');
  });

  it('keeps a phone number only for a call-back', () => {
    expect(consentRequest(values({ phone: ' 06 12345678 ' }), view, 'nl').phone).toBe('06 12345678');
    expect(consentRequest(values({ purposes: ['rule-changes'], share: true, phone: '06 12345678' }), view, 'nl')).not.toHaveProperty(
      'phone',
    );
  });
});

describe('the form', () => {
  it('reads known purposes once, cuts overlong values and reads the share box', () => {
    const form = new FormData();
    for (const p of ['contact', 'contact', 'spam', 'rule-changes']) form.append('purpose', p);
    form.append('email', 'x'.repeat(1000));
    form.append('phone', '0'.repeat(100));
    form.append('share', 'yes');
    expect(readConsentForm(form)).toEqual({
      purposes: ['contact', 'rule-changes'],
      email: 'x'.repeat(320),
      phone: '0'.repeat(40),
      share: true,
    });
  });

  it('takes back what the language switch carried', () => {
    const v = values({ purposes: ['contact', 'rule-changes'], phone: '06 12345678', share: true });
    const form = new FormData();
    for (const [k, x] of Object.entries(carryConsent(v))) form.append(k, x);
    expect(readConsentForm(form)).toEqual(v);
  });

  it('reports every problem at once, in the order of the form', () => {
    expect(validateConsent(values({ purposes: [], email: '' }), view, 'nl').map((e) => e.code)).toEqual([
      'purpose-required',
      'contact-required',
    ]);
    expect(
      validateConsent(values({ purposes: ['contact', 'rule-changes'], email: 'ank@', phone: 'abc' }), view, 'nl').map((e) => [
        e.field,
        e.code,
      ]),
    ).toEqual([
      ['email', 'email-invalid'],
      ['phone', 'phone-invalid'],
      ['share', 'share-required'],
    ]);
    expect(validateConsent(values({ email: `${'a'.repeat(250)}@example.org` }), view, 'nl').map((e) => e.code)).toEqual(['email-too-long']);
    expect(validateConsent(values({ purposes: ['contact', 'rule-changes'], share: true, phone: '+31 6 12345678' }), view, 'nl')).toEqual(
      [],
    );
  });

  it('takes a phone number alone for a call, but asks for an e-mail address for news about the rules', () => {
    expect(validateConsent(values({ email: '', phone: '06 12345678' }), view, 'nl')).toEqual([]);
    const request = consentRequest(values({ email: '', phone: '٠٦ ١٢٣٤٥٦٧٨' }), view, 'ar');
    expect(request).not.toHaveProperty('email');
    expect(request.phone).toBe('06 12345678');
    expect(consentRequestSchema.safeParse(request).success).toBe(true);
    expect(validateConsent(values({ email: '', phone: '' }), view, 'nl')).toEqual([{ field: 'email', code: 'contact-required' }]);
    expect(
      validateConsent(values({ purposes: ['contact', 'rule-changes'], email: '', phone: '06 12345678', share: true }), view, 'nl'),
    ).toEqual([{ field: 'email', code: 'email-required-rule-changes' }]);
  });

  it('fills the retention periods into texts', () => {
    expect(withRetention('{{days}} / {{phoneDays}} / {{closedDays}} / {{months}} / {{other}}')).toBe(
      `${RETENTION.unconfirmedDays} / ${RETENTION.unconfirmedPhoneDays} / ${RETENTION.afterClosedDays} / ${RETENTION.maximumMonths} / {{other}}`,
    );
  });
});
