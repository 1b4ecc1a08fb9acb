/** JSON answers of the public API (public-api.ts), and the body limit the request gate applies to them. */
import type { Language } from '../../engine/rulebook.ts';
import { LANGUAGES } from '../../contract/household.ts';
import { API_VERSION } from '../../contract/openapi.ts';

/** The public API takes at most 64 KiB per request (the request gate refuses more with 413, src/server/main.ts). */
export const API_MAX_BODY_BYTES = 64 * 1024;

/** An answer of the API before it is written: status, headers and the JSON text. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A JSON answer of the API, with the full API version in a header (Dutch API Design Rules, /core/version-header). */
export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): ApiAnswer {
  return jsonTextAnswer(JSON.stringify(body), status, headers);
}

/** The same for JSON written once beforehand (a document served unchanged to every caller). */
export function jsonTextAnswer(text: string, status = 200, headers: Record<string, string> = {}): ApiAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'api-version': API_VERSION, ...headers },
    body: text,
  };
}

/** 405 for a method an endpoint does not take, with `Allow`. */
export function methodNotAllowedAnswer(allow: string): ApiAnswer {
  return jsonAnswer({ error: { code: 'method-not-allowed', issues: [] } }, 405, { allow });
}

/** The first supported language in an Accept-Language header. */
export function languageFromHeader(header: string | null): Language | undefined {
  if (!header) return undefined;
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag = '', q = 'q=1'] = part.trim().split(';');
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: Number(q.replace('q=', '')) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  return wanted.map((w) => w.lang).find((l): l is Language => (LANGUAGES as readonly string[]).includes(l));
}
