/** JSON responses and request bodies with a size limit, shared by the API endpoints. */
import type { Language } from '../../engine/rulebook.ts';
import { LANGUAGES } from '../../contract/household.ts';
import { API_VERSION } from '../../contract/openapi.ts';

export const MAX_BODY_BYTES = 64 * 1024;

/** A JSON answer of the API, with the full API version in a header (Dutch API Design Rules, /core/version-header). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonText(JSON.stringify(body), status, headers);
}

/** The same for JSON written once beforehand (a document served unchanged to every caller). */
export function jsonText(text: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'api-version': API_VERSION, ...headers },
  });
}

/** 405 for a method an endpoint does not take, with `Allow`. */
export function methodNotAllowed(allow: string): Response {
  return json({ error: { code: 'method-not-allowed', issues: [] } }, 405, { allow });
}

export class BodyTooLarge extends Error {}

/** Reads the body as text, refusing more than `limit` bytes even without a Content-Length header. */
export async function readLimited(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new BodyTooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
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
