/**
 * POST /api/v1/check: one household (JSON) in, the result out (check contract v1).
 * 400 with the error JSON for invalid input, 413 for a body over 64 KiB. Never a stack trace.
 */
import type { APIRoute } from 'astro';
import { requestedLanguage, runCheck } from '../../../contract/check.ts';
import { contractError } from '../../../contract/errors.ts';
import { BodyTooLarge, json, languageFromHeader, readLimited } from '../../../server/http/json.ts';
import { getRulebook } from '../../../server/rulebook.ts';
import { siteToday } from '../../../site/today.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request }) => {
  const headerLanguage = languageFromHeader(request.headers.get('accept-language'));
  const language = headerLanguage ?? 'nl';
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    return json(contractError('invalid-input', [{ path: [], code: 'content-type', params: {} }], language), 415);
  }
  let text: string;
  try {
    text = await readLimited(request);
  } catch (e) {
    if (e instanceof BodyTooLarge)
      return json(contractError('body-too-large', [{ path: [], code: 'body-too-large', params: {} }], language), 413);
    throw e;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return json(contractError('invalid-json', [{ path: [], code: 'invalid-json', params: {} }], language), 400);
  }
  const r = runCheck(input, getRulebook(), { language: headerLanguage, today: siteToday(), computedAt: new Date().toISOString() });
  if (!r.ok) return json(r.error, 400, { 'content-language': requestedLanguage(input, headerLanguage) });
  return json(r.result, 200, { 'content-language': requestedLanguage(input, headerLanguage) });
};

export const ALL: APIRoute = () => json({ error: { code: 'method-not-allowed', issues: [] } }, 405, { allow: 'POST' });
