/** Links in mails, in the resident's language. Tokens are derived from the secret (see secrets.ts). */
import type { Language } from '../../engine/rulebook.ts';
import type { Services } from '../services.ts';
import { token } from '../security/secrets.ts';

const prefix = (language: string): string => (language === 'nl' ? '' : `/${language}`);

export function confirmUrl(s: Services, requestId: string, language: string): string {
  return `${s.config.publicUrl}${prefix(language)}/bevestigen?t=${token(s.secret, 'confirm', requestId)}`;
}

export function withdrawUrl(s: Services, requestId: string, language: string): string {
  return `${s.config.publicUrl}${prefix(language)}/afmelden?t=${token(s.secret, 'withdraw', requestId)}`;
}

/** RFC 8058 one-click unsubscribe: a POST from the mailbox provider, no page, no login. */
export function oneClickUrl(s: Services, requestId: string): string {
  return `${s.config.publicUrl}/afmelden/one-click?t=${token(s.secret, 'withdraw', requestId)}`;
}

export function checkUrl(s: Services, language: string): string {
  return `${s.config.publicUrl}${prefix(language)}/check`;
}

/** Scheme names for a mail: the municipality's own name for its schemes, the national name otherwise. */
export function schemeNames(s: Services, municipality: string, ids: readonly string[], language: Language): string[] {
  const local = s.rulebook.municipalities[municipality];
  return ids.map(
    (id) => local?.schemes.find((x) => x.id === id)?.texts[language].name ?? s.rulebook.schemes[id]?.texts[language].name ?? id,
  );
}
