/**
 * Small helpers for console pages: the signed-in person (the guard guarantees one on every page but
 * the login page), the page number of a list, and the confirmation after a redirect (`?klaar=code`,
 * a code, never data).
 */
import type { TFunction } from 'i18next';
import type { ConsoleUser } from './sessions.ts';

export function signedIn(locals: App.Locals): ConsoleUser {
  if (!locals.staff) throw new Error('console page without a session: the guard should have redirected');
  return locals.staff;
}

export const PAGE_SIZE = 50;

export function pageOf(url: URL): number {
  const n = Number(url.searchParams.get('pagina') ?? '1');
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : 1;
}

export function pages(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The confirmation text for `?klaar=code`, when the code is known. */
export function doneNotice(url: URL, t: TFunction): string | undefined {
  const code = url.searchParams.get('klaar');
  if (!code || !/^[a-z-]{2,40}$/.test(code)) return undefined;
  const text = t(`notices.${code}`, { defaultValue: '' });
  return text || undefined;
}
